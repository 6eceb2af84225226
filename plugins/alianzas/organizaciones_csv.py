"""CSV import of organizations (all or nothing), also used to seed the demo data.

The columns are those of ``regiones/data/snt/organizaciones_sociedad_civil.csv``, plus
``temas`` and ``contacto``. An organization with the same name (ignoring case) is
updated; any other row creates one.
"""

from django.core.exceptions import ValidationError

from cms.convenios_admin import ContraparteImporter
from cms.text import fold

from .models import Organizacion

COLUMNAS = ("nombre", "tipo")
COLUMNAS_OPCIONALES = (
    "siglas",
    "ambito",
    "entidad",
    "sitio_web",
    "temas",
    "contacto",
    "fuente",
    "notas",
)
SEPARADOR = "|"
EJEMPLO_CSV = (
    "nombre,siglas,tipo,ambito,entidad,sitio_web,temas\n"
    "Transparencia Mexicana,TM,osc,nacional,,https://www.tm.org.mx/,"
    "anticorrupción | datos abiertos\n"
    "CIMTRA Jalisco,CIMTRA,osc,estatal,Jalisco,http://cimtrajalisco.org/,transparencia municipal\n"
)


def _lista(valor):
    return [v.strip() for v in valor.split(SEPARADOR) if v.strip()]


class OrganizacionImporter(ContraparteImporter):
    model = Organizacion
    columns = COLUMNAS
    optional_columns = COLUMNAS_OPCIONALES

    def validate_row(self, data, row_number):
        errores = []
        nombre = data.get("nombre", "")
        tipo = data.get("tipo", "")
        ambito = data.get("ambito", "")
        if not nombre:
            errores.append("Falta el nombre.")
        if tipo not in Organizacion.Tipo.values:
            errores.append(
                f"El tipo «{tipo}» no existe. Valores válidos: "
                f"{', '.join(Organizacion.Tipo.values)}."
                if tipo
                else "Falta el tipo."
            )
        if ambito and ambito not in Organizacion.Ambito.values:
            errores.append(
                f"El ámbito «{ambito}» no existe. Valores válidos: nacional, estatal "
                "(o vacío si no está verificado)."
            )
        entidades = [] if "entidad" in data else None
        for nombre_entidad in _lista(data.get("entidad", "")):
            entidad = self.entidades.get(fold(nombre_entidad).strip())
            if entidad is None:
                errores.append(
                    f"La entidad federativa «{nombre_entidad}» no existe. Escríbala como en "
                    "el catálogo, por ejemplo «Nuevo León»."
                )
            else:
                entidades.append(entidad)
        if ambito == Organizacion.Ambito.ESTATAL and not data.get("entidad"):
            errores.append("Una organización de ámbito estatal necesita la entidad federativa.")
        errores += self.errores_sitio_web(data)
        if errores:
            raise ValidationError(errores)

        organizacion = self.registro(nombre)
        organizacion.tipo = tipo
        for campo in ("siglas", "ambito", "sitio_web", "contacto", "fuente", "notas"):
            if campo in data:
                setattr(organizacion, campo, data[campo])
        self.validar_modelo(organizacion, exclude=["entidades", "temas"])
        temas = _lista(data["temas"]) if "temas" in data else None
        return organizacion, entidades, temas

    def save(self, item):
        organizacion, entidades, temas = item
        creada = organizacion.pk is None
        if entidades is not None:
            organizacion.entidades.set(entidades)
        if temas is not None:
            organizacion.temas.set(temas)
        organizacion.save()
        return creada
