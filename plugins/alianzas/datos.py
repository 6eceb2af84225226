"""Public queries shared by the registry pages, the API, the CSV download and search.

Everything here starts from ``Convenio.objects.publicos()``: agreements that are only
identified, in negotiation or cancelled never leave the admin, and neither do the
internal comments (no public serializer reads them).
"""

from django.db.models import Prefetch

from cms import convenios_base
from cms.ciclo import ESTADOS_PUBLICOS, Estado, etiqueta
from cms.convenios_base import (  # noqa: F401 (FiltroInvalido: the plugin's API reads it here)
    FiltroInvalido,
    PaginasPorRegion,
    iso,
    leer_opciones,
    valores,
)

from .models import Compromiso, Convenio, ConveniosPage

LABEL = "alianzas"


def _estado_invalido(estado):
    publicos = valores(str(e) for e in ESTADOS_PUBLICOS)
    if estado in Estado.values:
        return (
            f"Los convenios en estado «{etiqueta(estado)}» no son públicos. Valores "
            f"válidos: {publicos}."
        )
    return f"El estado «{estado}» no existe. Valores válidos: {publicos}."


def leer_filtros(params, campos=("region", "estado", "tipo")):
    """Validated filters from a query string; unknown parameters are ignored.

    Raises FiltroInvalido with a Spanish message for a value that does not exist or is
    not public.
    """
    opciones = {
        "estado": ([str(e) for e in ESTADOS_PUBLICOS], _estado_invalido),
        "tipo": (Convenio.Tipo.values, "El tipo"),
    }
    return leer_opciones(params, campos, opciones)


def convenios_publicos(filtros=None, region_sitio=None):
    """Public agreements, of a site's region (all for the national site), filtered; the
    regions where the plugin is switched off are left out."""
    queryset = convenios_base.convenios_publicos_de(Convenio, LABEL, region_sitio)
    # The filters leer_filtros validated are the model's own fields.
    return queryset.filter(**(filtros or {})).prefetch_related(
        "organizaciones",
        Prefetch("compromisos", queryset=Compromiso.objects.order_by("sort_order", "pk")),
    )


def convenio_a_dict(convenio, url="", absoluta=lambda u: u):
    """The public fields of an agreement. Never the internal comments or the history."""
    datos = convenios_base.convenio_a_dict(convenio, url)
    datos["partes"]["organizaciones"] = [o.nombre for o in convenio.organizaciones.all()]
    datos.update(
        {
            "tipo": convenio.tipo,
            "renovacion_automatica": convenio.renovacion_automatica,
            "renovacion_meses": convenio.renovacion_meses,
            "compromisos": [
                {
                    "descripcion": c.descripcion,
                    "fecha_limite": iso(c.fecha_limite),
                    "estado": c.estado,
                }
                for c in convenio.compromisos.all()
            ],
            "documentos": [
                {"titulo": str(d), "url": absoluta(d.documento.url)}
                for d in convenio.documentos.all()
            ],
        }
    )
    return datos


class PaginasConvenios(PaginasPorRegion):
    """The live registry page of each region's site, looked up once per instance."""

    page_model = ConveniosPage
    label = LABEL

    def url_organizacion(self, organizacion, request=None, completa=False):
        return self.url(self.nacional(), "organizacion", {"pk": organizacion.pk}, request, completa)
