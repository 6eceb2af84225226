"""Public queries shared by the pages, the API, the CSV download and search.

Agreements start from ``ConvenioMedio.objects.publicos()``: those only identified, in
negotiation or cancelled never leave the admin, and neither do the internal comments,
the outlets' institutional contacts or the broadcast schedules (no public serializer
reads them).
"""

from django.db.models import Prefetch, Q

from cms import convenios_base
from cms.convenios_base import (  # noqa: F401 (FiltroInvalido: the plugin's API reads it here)
    FiltroInvalido,
    PaginasPorRegion,
    leer_opciones,
)
from cms.visibilidad import en_regiones_activas

from .models import ConvenioMedio, MedioOficial, MediosPage

LABEL = "medios"


def leer_filtros(params, campos=("region", "tipo", "ambito")):
    """Validated filters from a query string; unknown parameters are ignored."""
    opciones = {
        "tipo": (MedioOficial.Tipo.values, "El tipo"),
        "ambito": (MedioOficial.Ambito.values, "El ámbito"),
    }
    return leer_opciones(params, campos, opciones)


def _convenios_base():
    return en_regiones_activas(ConvenioMedio.objects.publicos(), LABEL)


def convenios_publicos(region_sitio=None):
    """Public agreements of a site's region (all of them for the national site)."""
    return convenios_base.convenios_publicos_de(ConvenioMedio, LABEL, region_sitio).select_related(
        "medio"
    )


def medios_publicos(filtros=None, region_sitio=None):
    """Outlets shown on a site: a regional site's own outlets and those it has a public
    agreement with (e.g. a federal broadcaster); every outlet on the national site. The
    regions where the plugin is switched off are left out."""
    queryset = MedioOficial.objects.all()
    if region_sitio is not None and not region_sitio.es_nacional:
        aliados = _convenios_base().filter(region=region_sitio).values("medio")
        queryset = queryset.filter(Q(region=region_sitio) | Q(pk__in=aliados))
    # The filters leer_filtros validated are the model's own fields.
    queryset = en_regiones_activas(queryset, LABEL).filter(**(filtros or {}))
    return (
        queryset.select_related("region", "entidad")
        .prefetch_related(
            "estaciones",
            "cuentas",
            Prefetch(
                "convenios",
                queryset=_convenios_base()
                .select_related("region")
                .prefetch_related("organismos")
                .order_by("-fecha_firma", "pk"),
                to_attr="convenios_publicos",
            ),
        )
        .order_by("nombre")
    )


def convenio_a_dict(convenio, url=""):
    """The public fields of an agreement. Never the internal comments or the history."""
    return {
        **convenios_base.convenio_a_dict(convenio, url),
        "tiempos_oficiales": convenio.tiempos_oficiales,
    }


def medio_a_dict(medio, url="", url_convenio=lambda c: ""):
    """The public fields of an outlet. Never the institutional contact."""
    return {
        "id": medio.pk,
        "nombre": medio.nombre,
        "siglas": medio.siglas,
        "tipo": medio.tipo,
        "ambito": medio.ambito,
        "entidad": medio.entidad.nombre if medio.entidad_id else None,
        "region": medio.region.slug,
        "institucion_propietaria": medio.institucion_propietaria,
        "sitio_web": medio.sitio_web,
        "estaciones": [
            {"distintivo": e.distintivo, "frecuencia": e.frecuencia, "cobertura": e.cobertura}
            for e in medio.estaciones.all()
        ],
        "cuentas": [{"plataforma": c.plataforma, "url": c.url} for c in medio.cuentas.all()],
        "convenios": [convenio_a_dict(c, url_convenio(c)) for c in medio.convenios_publicos],
        "url": url,
    }


class PaginasMedios(PaginasPorRegion):
    """The live page of each region's site, looked up once per instance."""

    page_model = MediosPage
    label = LABEL

    def url_medio(self, medio, request=None, completa=False):
        pagina = self.de_region_o_nacional(medio.region)
        return self.url(pagina, "medio", {"pk": medio.pk}, request, completa)
