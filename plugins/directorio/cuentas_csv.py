"""Import of social-network accounts from a CSV file (all rows or none)."""

import unicodedata
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from cms.importing import CSVImporter, RowError
from regiones.models import OrganismoGarante

from .models import CuentaSocial
from .validators import validar_url_plataforma

COLUMNAS = ("organismo", "plataforma", "url")
COLUMNAS_OPCIONALES = ("usuario", "estado", "verificada_el")

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

    def __init__(self, user):
        super().__init__(user)
        policy = policy_registry.get_by_type(CuentaSocial)
        self.regiones_permitidas = set(
            policy.regions_user_has_any_permission_for(user, ("add",)).values_list("pk", flat=True)
        )
        self.organismos = {o.clave: o for o in OrganismoGarante.objects.select_related("region")}
        self.existentes = {(c.organismo_id, c.url): c for c in CuentaSocial.objects.all()}

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
                + ", ".join(CuentaSocial.Plataforma.values)
                + "."
            )

        url = data.get("url", "")
        if plataforma is not None:
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
        if fecha is not None:
            cuenta.verificada_el = fecha
        return cuenta

    def validate_all(self, items):
        errores, vistas = [], {}
        for fila, cuenta in items:
            clave = (cuenta.organismo_id, cuenta.url)
            if clave in vistas:
                errores.append(
                    RowError(fila, [f"Repite la cuenta de la fila {vistas[clave]} (misma URL)."])
                )
            else:
                vistas[clave] = fila
        return errores

    def save(self, item):
        creada = item.pk is None
        item.save()
        log(
            instance=item,
            action="wagtail.create" if creada else "wagtail.edit",
            user=self.user,
            data={"origen": "importación CSV"},
        )
        return creada
