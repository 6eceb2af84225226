"""Import of institutions' status from a CSV file with the columns of the network's shared
``estado_organismos_2026-12.csv`` (all rows or none).

Each row updates one institution's status, extinction date, legal basis and sources, and
names its successor: an institution of the same state with that name, or a new one. The
model's rules apply (a change needs a new public source); what each row said is kept as a
status record with the person who imported it.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail.log_actions import log

from cms.importing import CSVImporter
from regiones.models import OrganismoGarante, RegistroEstado

COLUMNAS = ("clave", "estado", "fuente")
COLUMNAS_OPCIONALES = (
    "fecha_extincion", "fundamento_legal", "fecha_fuente", "sucesor_nombre", "sucesor_siglas",
    "notas",
)  # fmt: skip
EJEMPLO_CSV = (
    "clave,estado,fecha_extincion,fundamento_legal,fuente,fecha_fuente,sucesor_nombre,"
    "sucesor_siglas,notas\n"
    "ichitaip-chihuahua,en_extincion,,Reforma constitucional local.,"
    "https://congreso.example.gob.mx/decreto,2026-11-30,Transparencia para el Pueblo "
    "de Chihuahua,,\n"
)
ESTADOS = [
    OrganismoGarante.Estado.VIGENTE,
    OrganismoGarante.Estado.EN_EXTINCION,
    OrganismoGarante.Estado.EXTINTA,
]


class EstadoOrganismoImporter(CSVImporter):
    columns = COLUMNAS
    optional_columns = COLUMNAS_OPCIONALES

    def __init__(self, user):
        super().__init__(user)
        self.organismos = {o.clave: o for o in OrganismoGarante.objects.select_related("region")}

    def validate_row(self, data, row_number):
        errores = []
        clave = data.get("clave", "")
        organismo = self.organismos.get(clave)
        if organismo is None:
            raise ValidationError(
                f"La institución «{clave}» no existe: use la clave que aparece en "
                "Red › Instituciones (por ejemplo «itei-jalisco»)."
            )
        organismo = OrganismoGarante.objects.get(pk=organismo.pk)  # a fresh copy per row
        estado = data.get("estado", "")
        if estado not in ESTADOS:
            errores.append(f"El estado «{estado}» no es válido. Use {', '.join(ESTADOS)}.")
        fecha = None
        if data.get("fecha_extincion"):
            try:
                fecha = date.fromisoformat(data["fecha_extincion"])
            except ValueError:
                errores.append(
                    f"La fecha «{data['fecha_extincion']}» no es válida: escriba AAAA-MM-DD."
                )
        if not data.get("fuente"):
            errores.append("Falta la fuente: la URL pública que respalda el estado.")
        if len(data.get("fecha_fuente", "")) > 60:
            errores.append("La fecha de la fuente es demasiado larga (máximo 60 caracteres).")
        if errores:
            raise ValidationError(errores)

        sucesor = None
        nombre = data.get("sucesor_nombre", "")
        if nombre:
            sucesor = (
                OrganismoGarante.objects.filter(nombre=nombre, region=organismo.region)
                .exclude(pk=organismo.pk)
                .first()
            )
            if sucesor is None:
                sucesor = OrganismoGarante(
                    clave=self._clave_nueva(nombre, organismo),
                    nombre=nombre,
                    siglas=data.get("sucesor_siglas", ""),
                    tipo=OrganismoGarante.Tipo.SUCESOR,
                    entidad=organismo.entidad,
                    region=organismo.region,
                    estado=OrganismoGarante.Estado.VIGENTE
                    if estado == OrganismoGarante.Estado.EXTINTA
                    else OrganismoGarante.Estado.POR_ASUMIR,
                    fuentes=data["fuente"],
                    fuentes_estado=data["fuente"],
                    fecha_fuente_estado=data.get("fecha_fuente", ""),
                )
        organismo.estado = estado
        organismo.fecha_extincion = fecha
        if data.get("fundamento_legal"):
            organismo.fundamento_legal = data["fundamento_legal"]
        organismo.fuentes_estado = data["fuente"]
        organismo.fecha_fuente_estado = data.get("fecha_fuente", "")
        if data.get("notas"):
            organismo.notas_estado = data["notas"]
        nueva = sucesor is not None and sucesor.pk is None
        organismo.sucesor = None if nueva else sucesor
        mensajes = []
        try:
            organismo.full_clean()
        except ValidationError as exc:
            mensajes += exc.messages
        organismo.cambios = organismo.cambios_estado()
        if nueva:
            organismo.cambios.append("sucesor_id")
            anteriores = (
                OrganismoGarante.objects.filter(pk=organismo.pk)
                .values_list("fuentes_estado", flat=True)
                .first()
            )
            if organismo.fuentes_estado.strip() == (anteriores or "").strip():
                mensajes.append(
                    "Para cambiar la institución sucesora, indique en «fuente» la URL de la "
                    "fuente pública que respalda el cambio."
                )
            try:
                sucesor.full_clean()
            except ValidationError as exc:
                mensajes += exc.messages
        if mensajes:
            raise ValidationError(mensajes)
        return (organismo, sucesor)

    def _clave_nueva(self, nombre, organismo):
        base = slugify(nombre)[:60] or "sucesora"
        if organismo.entidad_id and organismo.entidad.slug not in base:
            base = f"{base[:55]}-{organismo.entidad.slug}"[:80]
        clave, n = base, 1
        while clave in self.organismos or OrganismoGarante.objects.filter(clave=clave).exists():
            n += 1
            clave = f"{base[:75]}-{n}"
        self.organismos[clave] = None
        return clave

    def save(self, item):
        organismo, sucesor = item
        creada = False
        if sucesor is not None and sucesor.pk is None:
            sucesor.save()
            creada = True
            organismo.sucesor = sucesor
        organismo.save()
        if organismo.cambios:
            RegistroEstado.desde(organismo, "importación CSV", self.user).save()
            log(
                instance=organismo,
                action="wagtail.edit",
                user=self.user,
                data={"origen": "importación CSV", "cambios": organismo.cambios},
            )
        return creada
