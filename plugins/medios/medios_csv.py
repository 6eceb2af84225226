"""CSV import of official media (all or nothing), also used to seed the demo data.

The columns are those of ``regiones/data/snt/medios_publicos.csv`` plus
``institucion_propietaria`` and ``contacto``. An outlet with the same name (ignoring case
and accents) is updated; any other row creates one. With a user, every row must belong
to a region the user may write to (federal outlets: the national coordination only).
"""

from django.core.exceptions import ValidationError
from wagtail.permissions import policy_registry

from cms.convenios_admin import ContraparteImporter
from cms.text import fold

from .models import MedioOficial

COLUMNAS = ("nombre", "tipo", "ambito")
COLUMNAS_OPCIONALES = (
    "siglas",
    "entidad",
    "institucion_propietaria",
    "sitio_web",
    "contacto",
    "fuente",
    "notas",
)
#: What the shared data file writes in ``entidad`` for federal outlets.
ENTIDAD_FEDERAL = "federal"
EJEMPLO_CSV = (
    "nombre,siglas,tipo,ambito,entidad,sitio_web\n"
    "Instituto Mexicano de la Radio,IMER,radio,federal,Federal,\n"
    "Telemax,,television,estatal,Sonora,\n"
)


class MedioImporter(ContraparteImporter):
    model = MedioOficial
    columns = COLUMNAS
    optional_columns = COLUMNAS_OPCIONALES

    def __init__(self, user=None):
        super().__init__(user)
        self.tipos = {fold(v).strip(): v for v in MedioOficial.Tipo.values}
        self.tipos.update({fold(str(lbl)).strip(): v for v, lbl in MedioOficial.Tipo.choices})
        self.policy = policy_registry.get_by_type(MedioOficial)

    def validate_row(self, data, row_number):
        errores = []
        nombre = data.get("nombre", "")
        tipo = self.tipos.get(fold(data.get("tipo", "")).strip())
        ambito = fold(data.get("ambito", "")).strip()
        if not nombre:
            errores.append("Falta el nombre.")
        if tipo is None:
            errores.append(
                f"El tipo «{data.get('tipo', '')}» no existe. Valores válidos: "
                f"{', '.join(MedioOficial.Tipo.values)}."
                if data.get("tipo")
                else "Falta el tipo."
            )
        if ambito not in MedioOficial.Ambito.values:
            errores.append(
                f"El ámbito «{data.get('ambito', '')}» no existe. Valores válidos: "
                f"{', '.join(MedioOficial.Ambito.values)}."
                if ambito
                else "Falta el ámbito."
            )
        entidad = None
        nombre_entidad = data.get("entidad", "")
        if nombre_entidad and fold(nombre_entidad).strip() != ENTIDAD_FEDERAL:
            entidad = self.entidades.get(fold(nombre_entidad).strip())
            if entidad is None:
                errores.append(
                    f"La entidad federativa «{nombre_entidad}» no existe. Escríbala como en el "
                    "catálogo, por ejemplo «Nuevo León», o «Federal» para los medios federales."
                )
        errores += self.errores_sitio_web(data)
        if errores:
            raise ValidationError(errores)

        medio = self.registro(nombre)
        medio.tipo = tipo
        medio.ambito = ambito
        medio.entidad = entidad
        for campo in COLUMNAS_OPCIONALES:
            if campo != "entidad" and campo in data:
                setattr(medio, campo, data[campo])
        errores_ambito = medio.errores_ambito()
        if errores_ambito:
            raise ValidationError([str(m) for m in errores_ambito.values()])
        medio.region = medio.region_derivada()
        if medio.region is None:
            raise ValidationError(["No hay región nacional configurada para los medios federales."])
        if self.user is not None:
            acciones = ("change",) if medio.pk else ("add",)
            if not self.policy.user_has_any_permission_for_instance(self.user, acciones, medio):
                raise ValidationError(
                    [
                        "Solo la Coordinación Nacional puede registrar medios federales."
                        if medio.region.es_nacional
                        else f"«{nombre}» es de la región {medio.region.nombre}: solo puede "
                        "importar medios de su propia región."
                    ]
                )
        self.validar_modelo(medio)
        return medio

    def save(self, item):
        creado = item.pk is None
        item.save()
        return creado
