"""The registry's open data: every public agreement of the network, as a JSON list
(``/api/v1/convenios``) and a CSV file (``/datos/convenios.csv``) with the same fields.

The same on every site (filter by ``region``). The contract (envelope, errors, CSV
convention) is ``cms.api``'s.
"""

from cms import api
from cms.ciclo import ESTADOS_PUBLICOS
from cms.convenios_base import publicar_datos

from .datos import (
    PaginasConvenios,
    convenio_a_dict,
    convenios_publicos,
    leer_filtros,
)
from .models import Convenio

CONVENIOS = api.conjunto(
    nombre="convenios",
    titulo="Convenios de colaboración de la red del SNT",
    descripcion=(
        "Los convenios públicos (firmados, vigentes, concluidos o vencidos) de los organismos "
        "garantes con organizaciones de la sociedad civil, academia y otras instituciones: "
        "partes, vigencia, compromisos y documentos firmados."
    ),
    archivo="convenios.csv",
    clave="id",
    fuentes=({"title": "Registros de convenios de las regiones del SNT", "path": "/convenios/"},),
    campos=(
        api.Campo("id", "Identificador del convenio.", "integer", requerido=True),
        api.Campo("titulo", "Título.", requerido=True),
        api.Campo("objeto", "Objeto del convenio."),
        api.Campo("tipo", "Tipo de convenio.", valores=tuple(Convenio.Tipo.values)),
        api.Campo(
            "estado", "Estado del convenio.", valores=tuple(str(e) for e in ESTADOS_PUBLICOS)
        ),
        api.Campo("region", "Región responsable (identificador).", requerido=True),
        api.Campo("fecha_firma", "Fecha de firma.", "date"),
        api.Campo("vigencia_inicio", "Inicio de la vigencia.", "date"),
        api.Campo("vigencia_fin", "Fin de la vigencia.", "date"),
        api.Campo("renovacion_automatica", "Si se renueva automáticamente.", "boolean"),
        api.Campo("renovacion_meses", "Meses de cada renovación.", "integer"),
        api.Campo("incluye_red", "Si la red del SNT firma como tal.", "boolean"),
        api.Campo("organismos", "Claves de los organismos garantes que firman.", lista=""),
        api.Campo("organizaciones", "Organizaciones que firman.", lista=""),
        api.Campo("compromisos", "Compromisos (en el CSV, su descripción).", lista="descripcion"),
        api.Campo("documentos", "Documentos firmados (en el CSV, su dirección).", lista="url"),
        api.Campo("url", "Su página en el registro de convenios."),
    ),
)


def _fila(request):
    paginas = PaginasConvenios()

    def datos_de(convenio):
        url = paginas.url_convenio(convenio, request, completa=True)
        datos = convenio_a_dict(convenio, url, request.build_absolute_uri)
        partes = datos.pop("partes")  # the dataset has one field per kind of party
        return {**datos, **partes}

    return datos_de


api_convenios, datos_csv = publicar_datos(
    CONVENIOS, "Convenios de colaboración", leer_filtros, convenios_publicos, _fila
)
