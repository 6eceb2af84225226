"""Public views: the registry page's routes. The network-wide open data (API and CSV) is
in ``api.py``; the registry *pages* are per site: a region's page lists that region's
agreements, the national one all of them.
"""

from cms.ciclo import ESTADOS_PUBLICOS, etiqueta
from cms.convenios_base import contexto_de_convenio
from cms.models import paginar
from cms.plugin_pages import contexto_del_listado, selectores, url_con

from .datos import FiltroInvalido, convenios_publicos, leer_filtros
from .models import Convenio, Organizacion


def listado_context(page, request):
    contexto, status = contexto_del_listado(
        page.region(), request, leer_filtros, ("estado", "tipo"), FiltroInvalido
    )
    convenios = paginar(request, convenios_publicos(contexto["filtros"], contexto["region"]))
    anterior = convenios.previous_page_number() if convenios.has_previous() else ""
    siguiente = convenios.next_page_number() if convenios.has_next() else ""
    contexto.update(
        convenios=convenios,
        selectores=selectores(
            contexto["filtros"],
            ("estado", "Estado", [(str(e), etiqueta(e)) for e in ESTADOS_PUBLICOS]),
            ("tipo", "Tipo", Convenio.Tipo.choices),
        ),
        url_pagina_anterior=url_con(request, pagina=anterior),
        url_pagina_siguiente=url_con(request, pagina=siguiente),
    )
    return contexto, status


def convenio_context(page, request, pk):
    convenios = convenios_publicos(region_sitio=page.region())
    return contexto_de_convenio(convenios, pk, "organizaciones", "compromisos")


def organizacion_context(page, request, pk):
    organizacion = Organizacion.objects.prefetch_related("entidades", "temas").filter(pk=pk).first()
    if organizacion is None:
        return None
    return {
        "organizacion": organizacion,
        "contraparte": organizacion,
        "convenios": list(
            convenios_publicos(region_sitio=page.region()).filter(organizaciones=organizacion)
        ),
    }
