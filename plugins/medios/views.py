"""Public views: the media page's routes. The network-wide open data (API and CSV) is in
``api.py``; the *pages* are per site: a region's page shows its outlets and agreements,
the national one all of them.
"""

from cms.convenios_base import contexto_de_convenio
from cms.plugin_pages import contexto_del_listado, selectores

from .datos import FiltroInvalido, convenios_publicos, leer_filtros, medios_publicos
from .models import MedioOficial


def listado_context(page, request):
    contexto, status = contexto_del_listado(
        page.region(), request, leer_filtros, ("tipo", "ambito"), FiltroInvalido
    )
    region = contexto["region"]
    contexto.update(
        medios=list(medios_publicos(contexto["filtros"], region)),
        convenios=list(convenios_publicos(region)),
        selectores=selectores(
            contexto["filtros"],
            ("tipo", "Tipo de medio", MedioOficial.Tipo.choices),
            ("ambito", "Ámbito", MedioOficial.Ambito.choices),
        ),
    )
    return contexto, status


def medio_context(page, request, pk):
    medio = medios_publicos(region_sitio=page.region()).filter(pk=pk).first()
    if medio is None:
        return None
    return {"medio": medio, "contraparte": medio, "convenios": medio.convenios_publicos}


def convenio_context(page, request, pk):
    return contexto_de_convenio(convenios_publicos(page.region()), pk)
