"""Public queries shared by the registry pages, the API, the CSV download and search.

Everything here starts from ``Convenio.objects.publicos()``: agreements that are only
identified, in negotiation or cancelled never leave the admin, and neither do the
internal comments (no public serializer reads them).
"""

from django.db.models import Prefetch

from cms.ciclo import ESTADOS_PUBLICOS, Estado, etiqueta
from cms.plugins import is_enabled_for_region
from cms.visibilidad import en_regiones_activas, paginas_publicas
from regiones.models import Region

from .models import Compromiso, Convenio, ConveniosPage, DocumentoConvenio

LABEL = "alianzas"


class FiltroInvalido(ValueError):
    """A filter value that does not exist; the message is written for the public."""


def _valores(valores):
    return ", ".join(valores)


def leer_filtros(params, campos=("region", "estado", "tipo")):
    """Validated filters from a query string; unknown parameters are ignored.

    Raises FiltroInvalido with a Spanish message for a value that does not exist or is
    not public.
    """
    filtros = {}
    publicos = [str(e) for e in ESTADOS_PUBLICOS]
    if "region" in campos and params.get("region", "").strip():
        slug = params["region"].strip()
        region = Region.objects.filter(slug=slug).first()
        if region is None:
            slugs = _valores(Region.objects.values_list("slug", flat=True))
            raise FiltroInvalido(f"La región «{slug}» no existe. Valores válidos: {slugs}.")
        filtros["region"] = region
    if "estado" in campos and params.get("estado", "").strip():
        estado = params["estado"].strip()
        if estado in Estado.values and estado not in publicos:
            raise FiltroInvalido(
                f"Los convenios en estado «{etiqueta(estado)}» no son públicos. Valores "
                f"válidos: {_valores(publicos)}."
            )
        if estado not in publicos:
            raise FiltroInvalido(
                f"El estado «{estado}» no existe. Valores válidos: {_valores(publicos)}."
            )
        filtros["estado"] = estado
    if "tipo" in campos and params.get("tipo", "").strip():
        tipo = params["tipo"].strip()
        if tipo not in Convenio.Tipo.values:
            raise FiltroInvalido(
                f"El tipo «{tipo}» no existe. Valores válidos: {_valores(Convenio.Tipo.values)}."
            )
        filtros["tipo"] = tipo
    return filtros


def convenios_publicos(filtros=None, region_sitio=None):
    """Public agreements, of a site's region (all for the national site), filtered; the
    regions where the plugin is switched off are left out."""
    filtros = filtros or {}
    queryset = en_regiones_activas(Convenio.objects.publicos().de_region(region_sitio), LABEL)
    if filtros.get("region") is not None:
        queryset = queryset.filter(region=filtros["region"])
    if filtros.get("estado"):
        queryset = queryset.filter(estado=filtros["estado"])
    if filtros.get("tipo"):
        queryset = queryset.filter(tipo=filtros["tipo"])
    return (
        queryset.select_related("region")
        .prefetch_related(
            "organismos",
            "organizaciones",
            Prefetch("compromisos", queryset=Compromiso.objects.order_by("sort_order", "pk")),
            Prefetch(
                "documentos",
                queryset=DocumentoConvenio.objects.select_related("documento").order_by(
                    "sort_order", "pk"
                ),
            ),
        )
        .order_by("-fecha_firma", "titulo", "pk")
    )


def _iso(fecha):
    return fecha.isoformat() if fecha else None


def convenio_a_dict(convenio, url="", absoluta=lambda u: u):
    """The public fields of an agreement. Never the internal comments or the history."""
    return {
        "id": convenio.pk,
        "titulo": convenio.titulo,
        "objeto": convenio.objeto,
        "tipo": convenio.tipo,
        "estado": convenio.estado,
        "region": convenio.region.slug,
        "fecha_firma": _iso(convenio.fecha_firma),
        "vigencia_inicio": _iso(convenio.vigencia_inicio),
        "vigencia_fin": _iso(convenio.vigencia_fin),
        "renovacion_automatica": convenio.renovacion_automatica,
        "renovacion_meses": convenio.renovacion_meses,
        "partes": {
            "incluye_red": convenio.incluye_red,
            "organismos": [o.clave for o in convenio.organismos.all()],
            "organizaciones": [o.nombre for o in convenio.organizaciones.all()],
        },
        "compromisos": [
            {
                "descripcion": c.descripcion,
                "fecha_limite": _iso(c.fecha_limite),
                "estado": c.estado,
            }
            for c in convenio.compromisos.all()
        ],
        "documentos": [
            {"titulo": str(d), "url": absoluta(d.documento.url)} for d in convenio.documentos.all()
        ],
        "url": url,
    }


CSV_COLUMNAS = [
    "id",
    "titulo",
    "tipo",
    "estado",
    "region",
    "fecha_firma",
    "vigencia_inicio",
    "vigencia_fin",
    "renovacion",
    "incluye_red",
    "organismos",
    "organizaciones",
    "compromisos",
    "url",
]


def convenio_a_fila(convenio, url=""):
    datos = convenio_a_dict(convenio, url)
    return [
        datos["id"],
        datos["titulo"],
        datos["tipo"],
        datos["estado"],
        datos["region"],
        datos["fecha_firma"] or "",
        datos["vigencia_inicio"] or "",
        datos["vigencia_fin"] or "",
        str(convenio.renovacion),
        "si" if convenio.incluye_red else "no",
        " | ".join(datos["partes"]["organismos"]),
        " | ".join(datos["partes"]["organizaciones"]),
        len(datos["compromisos"]),
        url,
    ]


class PaginasConvenios:
    """The live registry page of each region's site, looked up once per instance."""

    def __init__(self):
        self._paginas = {}

    def para_region(self, region):
        if region.pk not in self._paginas:
            pagina = None
            if region.site_id and is_enabled_for_region(LABEL, region):
                pagina = paginas_publicas(
                    ConveniosPage.objects.child_of(region.site.root_page)
                ).first()
            self._paginas[region.pk] = pagina
        return self._paginas[region.pk]

    def nacional(self):
        region = Region.objects.filter(tipo=Region.Tipo.NACIONAL).first()
        return self.para_region(region) if region else None

    def _url(self, pagina, ruta, kwargs, request, completa):
        if pagina is None:
            return ""
        base = pagina.get_full_url(request) if completa else pagina.get_url(request)
        if not base:
            return ""
        return base.rstrip("/") + "/" + pagina.reverse_subpage(ruta, kwargs=kwargs).lstrip("/")

    def url_convenio(self, convenio, request=None, completa=False):
        """On its region's site; on the national site when the region has no registry."""
        pagina = self.para_region(convenio.region) or self.nacional()
        return self._url(pagina, "convenio", {"pk": convenio.pk}, request, completa)

    def url_organizacion(self, organizacion, request=None, completa=False):
        return self._url(
            self.nacional(), "organizacion", {"pk": organizacion.pk}, request, completa
        )
