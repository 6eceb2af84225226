"""Import of social-network accounts from a CSV file (all rows or none).

It reads the same columns as the network's shared file ``cuentas_y_comunicacion_2026-12.csv``
(``clave`` for the institution, ``plataforma``, ``url``, ``usuario``, ``fuente``,
``fecha_fuente``, ``notas``) as well as its own (``organismo``, ``estado``,
``verificada_el``). Besides the social platforms, ``plataforma`` accepts ``sitio_web`` (the
institution's website) and ``area_comunicacion`` (the communication unit, its name in
``usuario``). The directory's data loader uses the same rules.
"""

import unicodedata
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from cms.importing import CSVImporter, RowError
from regiones.models import OrganismoGarante, Region

from .models import AreaComunicacion, CuentaSocial
from .validators import validar_url_plataforma

COLUMNAS = ("organismo", "plataforma")
COLUMNAS_OPCIONALES = (
    "url", "usuario", "estado", "verificada_el", "fuente", "fecha_fuente", "notas",
)  # fmt: skip
#: Header aliases: the shared data files call the institution's key «clave».
ALIAS_COLUMNAS = {"clave": "organismo", "institucion": "organismo"}
SITIO_WEB = "sitio_web"
AREA = "area_comunicacion"

EJEMPLO_CSV = (
    "organismo,plataforma,usuario,url,estado,verificada_el\n"
    "istai-sonora,facebook,TransparenciaSonora,https://www.facebook.com/TransparenciaSonora,"
    "activa,2026-01-15\n"
)


def _simple(text):
    text = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in text if not unicodedata.combining(c)).replace(" ", "_")


def _alias(choices, extra=None):
    aliases = {}
    for value, label in choices:
        aliases[_simple(value)] = value
        aliases[_simple(str(label))] = value
    aliases.update(extra or {})
    return aliases


PLATAFORMAS = _alias(
    CuentaSocial.Plataforma.choices,
    {"twitter": "x", "whatsapp": "whatsapp", "canal_whatsapp": "whatsapp"},
)
ESTADOS = _alias(CuentaSocial.Estado.choices)
PLATAFORMAS.update({SITIO_WEB: SITIO_WEB, "sitio": SITIO_WEB, AREA: AREA})


class SitioWeb:
    """A row that sets an institution's website (it is not an account)."""

    def __init__(self, organismo, url, fuente):
        self.organismo, self.url, self.fuente = organismo, url, fuente

    def save(self):
        self.organismo.sitio_web = self.url
        if self.fuente:
            self.organismo.fuente_sitio_web = self.fuente[:500]
        self.organismo.save(update_fields=["sitio_web", "fuente_sitio_web", "actualizado"])


def leer_fecha(texto):
    for formato in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(texto, formato).date()
        except ValueError:
            pass
    return None


class CuentaSocialImporter(CSVImporter):
    columns = COLUMNAS
    optional_columns = COLUMNAS_OPCIONALES

    def __init__(self, user, todas_las_regiones=False):
        """``todas_las_regiones`` is for the data loader (no person behind it)."""
        super().__init__(user)

        def regiones(model, acciones):
            if todas_las_regiones:
                return set(Region.objects.values_list("pk", flat=True))
            policy = policy_registry.get_by_type(model)
            return set(
                policy.regions_user_has_any_permission_for(user, acciones).values_list(
                    "pk", flat=True
                )
            )

        self.regiones_permitidas = regiones(CuentaSocial, ("add",))
        self.regiones_por_tipo = {
            AREA: regiones(AreaComunicacion, ("add", "change")),
            SITIO_WEB: regiones(OrganismoGarante, ("change",)),
        }
        self.organismos = {o.clave: o for o in OrganismoGarante.objects.select_related("region")}
        self.existentes = {(c.organismo_id, c.url): c for c in CuentaSocial.objects.all()}
        self.areas = {a.organismo_id: a for a in AreaComunicacion.objects.all()}

    @staticmethod
    def normalize_header(name):
        simple = _simple(name)
        return ALIAS_COLUMNAS.get(simple, simple)

    def validate_row(self, data, row_number):
        errores = []
        clave = data.get("organismo", "")
        organismo = self.organismos.get(clave)
        if not clave:
            errores.append("Falta la clave de la institución (columna «organismo»).")
        elif organismo is None:
            errores.append(
                f"La institución «{clave}» no existe: use la clave que aparece en "
                "Red › Instituciones (por ejemplo «istai-sonora»)."
            )
        elif organismo.region_id not in self.regiones_permitidas:
            errores.append(
                f"La institución «{clave}» pertenece a la región {organismo.region}: "
                "solo puede importar cuentas de su propia región."
            )

        texto_plataforma = data.get("plataforma", "")
        plataforma = PLATAFORMAS.get(_simple(texto_plataforma)) if texto_plataforma else None
        if plataforma is None:
            errores.append(
                f"La plataforma «{texto_plataforma}» no es válida. Use una de: "
                + ", ".join([*CuentaSocial.Plataforma.values, SITIO_WEB, AREA])
                + "."
            )

        url = data.get("url", "")
        fuente, fecha_fuente, notas = (data.get(c, "") for c in ("fuente", "fecha_fuente", "notas"))
        if len(fecha_fuente) > 60:
            errores.append("La fecha de la fuente es demasiado larga (máximo 60 caracteres).")
        if (
            plataforma in self.regiones_por_tipo
            and organismo is not None
            and organismo.region_id in self.regiones_permitidas
            and organismo.region_id not in self.regiones_por_tipo[plataforma]
        ):
            errores.append(
                f"No tiene permiso para cambiar «{texto_plataforma}» de instituciones de la "
                f"región {organismo.region}."
            )
        if plataforma == AREA:
            if not data.get("usuario", ""):
                errores.append(
                    "Falta el nombre del área de comunicación (columna «usuario»), por "
                    "ejemplo «Dirección de Comunicación Social»."
                )
            if errores:
                raise ValidationError(errores)
            area = self.areas.get(organismo.pk) or AreaComunicacion(organismo=organismo)
            area.nombre = data["usuario"][:200]
            area.fuente, area.fecha_fuente, area.notas = fuente, fecha_fuente, notas
            if url:
                area.sitio_web = url
            return area
        if plataforma == SITIO_WEB:
            if not url.startswith(("http://", "https://")):
                errores.append(f"«{url}» no es la dirección completa de un sitio web.")
            if errores:
                raise ValidationError(errores)
            return SitioWeb(organismo, url, fuente)
        if plataforma is not None:
            if not url:
                errores.append(
                    "Falta la URL de la cuenta: sin dirección no se puede mostrar ni verificar."
                )
            else:
                try:
                    validar_url_plataforma(plataforma, url)
                except ValidationError as exc:
                    errores += exc.messages

        texto_estado = data.get("estado", "")
        estado = ESTADOS.get(_simple(texto_estado)) if texto_estado else None
        if texto_estado and estado is None:
            errores.append(
                f"El estado «{texto_estado}» no es válido. Use activa, inactiva o por_verificar."
            )

        texto_fecha = data.get("verificada_el", "")
        fecha = leer_fecha(texto_fecha) if texto_fecha else None
        if texto_fecha and fecha is None:
            errores.append(
                f"La fecha «{texto_fecha}» no es válida: escriba AAAA-MM-DD "
                "(por ejemplo 2026-01-15) o DD/MM/AAAA."
            )
        elif fecha and fecha > timezone.localdate():
            errores.append(f"La fecha de verificación {texto_fecha} está en el futuro.")

        usuario = data.get("usuario", "")
        if len(usuario) > CuentaSocial._meta.get_field("usuario").max_length:
            errores.append("El usuario es demasiado largo (máximo 150 caracteres).")
        if len(url) > CuentaSocial._meta.get_field("url").max_length:
            errores.append("La URL es demasiado larga (máximo 500 caracteres).")

        if errores:
            raise ValidationError(errores)

        cuenta = self.existentes.get((organismo.pk, url)) or CuentaSocial(
            organismo=organismo, url=url
        )
        cuenta.plataforma = plataforma
        cuenta.usuario = usuario
        cuenta.estado = estado or CuentaSocial.Estado.POR_VERIFICAR
        cuenta.fuente, cuenta.fecha_fuente, cuenta.notas = fuente, fecha_fuente, notas
        if fecha is not None:
            cuenta.verificada_el = fecha
        return cuenta

    def validate_all(self, items):
        errores, vistas = [], {}
        for fila, cuenta in items:
            if not isinstance(cuenta, CuentaSocial):
                continue
            clave = (cuenta.organismo_id, cuenta.url)
            if clave in vistas:
                errores.append(
                    RowError(fila, [f"Repite la cuenta de la fila {vistas[clave]} (misma URL)."])
                )
            else:
                vistas[clave] = fila
        return errores

    def save(self, item):
        if isinstance(item, SitioWeb):
            item.save()
            log(
                instance=item.organismo,
                action="wagtail.edit",
                user=self.user,
                data={"origen": "importación CSV", "sitio_web": item.url},
            )
            return False
        creada = item.pk is None
        item.save()
        log(
            instance=item,
            action="wagtail.create" if creada else "wagtail.edit",
            user=self.user,
            data={"origen": "importación CSV"},
        )
        return creada
