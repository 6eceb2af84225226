"""Queries shared by the public pages, the open-data API, the CSV download and search."""

from django.db.models import Prefetch
from wagtail.models import Page, Site

from cms.plugins import is_enabled_for_region
from cms.visibilidad import en_regiones_activas, paginas_publicas
from regiones.models import OrganismoGarante, Region

from .models import CuentaSocial, DirectorioPage


class FiltroInvalido(ValueError):
    """A filter value that does not exist; the message is written for the public."""


def _opciones(choices):
    return ", ".join(value for value, _label in choices)


def leer_filtros(params, campos=("region", "estado", "plataforma")):
    """Validated filters from a query string. Unknown parameters are ignored.

    Raises FiltroInvalido with a Spanish message for a value that does not exist.
    """
    filtros = {}
    if "region" in campos and params.get("region", "").strip():
        slug = params["region"].strip()
        region = Region.objects.filter(slug=slug).first()
        if region is None:
            slugs = ", ".join(Region.objects.values_list("slug", flat=True))
            raise FiltroInvalido(f"La región «{slug}» no existe. Valores válidos: {slugs}.")
        filtros["region"] = region
    if "estado" in campos and params.get("estado", "").strip():
        estado = params["estado"].strip()
        if estado not in OrganismoGarante.Estado.values:
            raise FiltroInvalido(
                f"El estado «{estado}» no existe. Valores válidos: "
                f"{_opciones(OrganismoGarante.Estado.choices)}."
            )
        filtros["estado"] = estado
    if "plataforma" in campos and params.get("plataforma", "").strip():
        plataforma = params["plataforma"].strip()
        if plataforma not in CuentaSocial.Plataforma.values:
            raise FiltroInvalido(
                f"La plataforma «{plataforma}» no existe. Valores válidos: "
                f"{_opciones(CuentaSocial.Plataforma.choices)}."
            )
        filtros["plataforma"] = plataforma
    return filtros


LABEL = "directorio"


def organismos(filtros=None, base=None):
    """Institutions with everything the directory shows, filtered; the regions where the
    directory is switched off are left out."""
    filtros = filtros or {}
    queryset = base if base is not None else OrganismoGarante.objects.all()
    queryset = en_regiones_activas(queryset, LABEL)
    if filtros.get("region") is not None:
        queryset = queryset.filter(region=filtros["region"])
    if filtros.get("estado"):
        queryset = queryset.filter(estado=filtros["estado"])
    if filtros.get("plataforma"):
        queryset = queryset.filter(
            cuentas_sociales__plataforma=filtros["plataforma"],
            cuentas_sociales__estado__in=ESTADOS_PUBLICOS,
        ).distinct()
    return queryset.select_related(
        "entidad", "region", "sucesor", "sucesor_datos", "area_comunicacion"
    ).prefetch_related(
        Prefetch(
            "cuentas_sociales",
            queryset=CuentaSocial.objects.order_by("plataforma", "usuario"),
        )
    )


#: Account states citizens see (HTML, JSON, CSV and search): all but inactive.
ESTADOS_PUBLICOS = [CuentaSocial.Estado.ACTIVA, CuentaSocial.Estado.POR_VERIFICAR]


def cuentas_publicas(organismo):
    """Accounts shown to citizens (prefetched): all but the ones marked inactive."""
    return [c for c in organismo.cuentas_sociales.all() if c.estado in ESTADOS_PUBLICOS]


def organismo_a_dict(organismo):
    return {
        "clave": organismo.clave,
        "nombre": organismo.nombre,
        "siglas": organismo.siglas,
        "tipo": organismo.tipo,
        "entidad": organismo.entidad.nombre if organismo.entidad_id else None,
        "region": organismo.region.slug,
        "estado": organismo.estado,
        "fecha_extincion": (
            organismo.fecha_extincion.isoformat() if organismo.fecha_extincion else None
        ),
        "sucesor": organismo.sucesor.clave if organismo.sucesor_id else None,
        "sucesor_datos": organismo.sucesor_datos.clave if organismo.sucesor_datos_id else None,
        "derechos": organismo.derechos,
        "fuentes_estado": organismo.lista_fuentes_estado(),
        "fecha_fuente_estado": organismo.fecha_fuente_estado,
        "sitio_web": organismo.sitio_web,
        "cuentas": [
            {
                "plataforma": cuenta.plataforma,
                "usuario": cuenta.usuario,
                "url": cuenta.url,
                "estado": cuenta.estado_vigente,
                "fuente": cuenta.fuente,
                "fecha_fuente": cuenta.fecha_fuente,
            }
            for cuenta in cuentas_publicas(organismo)
        ],
    }


class PaginasDirectorio:
    """The live directory page of each region's site, looked up once per instance."""

    def __init__(self):
        self._paginas = {}

    def para_region(self, region):
        if region.pk not in self._paginas:
            pagina = None
            if region.site_id and is_enabled_for_region("directorio", region):
                # The site's root path in one query (not the site, then its root page).
                raiz = (
                    Site.objects.filter(pk=region.site_id)
                    .values_list("root_page__path", flat=True)
                    .first()
                )
                if raiz:
                    pagina = paginas_publicas(
                        DirectorioPage.objects.filter(
                            path__startswith=raiz, depth=len(raiz) // Page.steplen + 1
                        )
                    ).first()
            self._paginas[region.pk] = pagina
        return self._paginas[region.pk]

    def url_organismo(self, organismo, request=None, completa=False):
        """The institution's page on its region's site, or "" when it has none."""
        pagina = self.para_region(organismo.region)
        if pagina is None:
            return ""
        base = pagina.get_full_url(request) if completa else pagina.get_url(request)
        if not base:
            return ""
        subruta = pagina.reverse_subpage("institucion", kwargs={"clave": organismo.clave})
        return base.rstrip("/") + "/" + subruta.lstrip("/")
