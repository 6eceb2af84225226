"""The official media's open data: every outlet of the network with its public agreements,
as a JSON list (``/api/v1/medios``) and a CSV file (``/datos/medios.csv``) with the same
fields.

The same on every site (filter by ``region``, ``tipo`` or ``ambito``). The contract
(envelope, errors, CSV convention) is ``cms.api``'s.
"""

from cms import api
from cms.convenios_base import publicar_datos

from .datos import PaginasMedios, leer_filtros, medio_a_dict, medios_publicos
from .models import MedioOficial

MEDIOS = api.conjunto(
    nombre="medios",
    titulo="Medios públicos y sus convenios con la red del SNT",
    descripcion=(
        "Los medios públicos de la red (radio, televisión, agencias, digitales e impresos), "
        "sus estaciones y cuentas, y sus convenios públicos con los organismos garantes."
    ),
    archivo="medios.csv",
    clave="id",
    fuentes=(
        {"title": "Medios públicos registrados por las regiones del SNT", "path": "/medios/"},
    ),
    campos=(
        api.Campo("id", "Identificador del medio.", "integer", requerido=True),
        api.Campo("nombre", "Nombre.", requerido=True),
        api.Campo("siglas", "Siglas."),
        api.Campo("tipo", "Tipo de medio.", valores=tuple(MedioOficial.Tipo.values)),
        api.Campo("ambito", "Ámbito.", valores=tuple(MedioOficial.Ambito.values)),
        api.Campo("entidad", "Entidad federativa, si es estatal o municipal."),
        api.Campo("region", "Región del SNT (identificador).", requerido=True),
        api.Campo("institucion_propietaria", "Institución a la que pertenece."),
        api.Campo("sitio_web", "Sitio web."),
        api.Campo(
            "estaciones", "Estaciones (distintivo y frecuencia).", lista="{distintivo} {frecuencia}"
        ),
        api.Campo("cuentas", "Cuentas en redes sociales (direcciones).", lista="url"),
        api.Campo(
            "convenios", "Convenios públicos con la red (en el CSV, su título).", lista="titulo"
        ),
        api.Campo("convenios_vigentes", "Cuántos de esos convenios están vigentes.", "integer"),
        api.Campo("tiempos_oficiales", "Si algún convenio cubre tiempos oficiales.", "boolean"),
        api.Campo("url", "Su página en el sitio de su región."),
    ),
)


def _fila(request):
    paginas = PaginasMedios()

    def datos_de(medio):
        datos = medio_a_dict(
            medio,
            paginas.url_medio(medio, request, completa=True),
            lambda c: paginas.url_convenio(c, request, completa=True),
        )
        convenios = datos["convenios"]
        datos["convenios_vigentes"] = sum(1 for c in convenios if c["estado"] == "vigente")
        datos["tiempos_oficiales"] = any(c.get("tiempos_oficiales") for c in convenios)
        return datos

    return datos_de


api_medios, datos_csv = publicar_datos(
    MEDIOS, "Medios públicos", leer_filtros, medios_publicos, _fila
)
