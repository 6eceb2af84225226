"""Public views: the directory page's routes. The network-wide open data (API and CSV)
is in ``api.py``. The directory *pages* are per site: a region's page lists that region
only.
"""

import unicodedata

from django.db.models import Q

from cms.plugin_pages import contexto_del_listado, es_nacional, url_con
from regiones.hoy import DERECHOS, PNT_URL, con_enlaces, donde_ejercer, resolver
from regiones.models import EntidadFederativa, OrganismoGarante, Region

from .datos import FiltroInvalido, PaginasDirectorio, cuentas_publicas, leer_filtros, organismos
from .models import CuentaSocial

EXTINTA = OrganismoGarante.Estado.EXTINTA


def _hoy_atienden(organismo, enlace):
    """For a body that no longer answers (or not yet), who answers its rights today, by the
    rule of «¿Dónde ejerzo hoy mi derecho?»: [(right, institution, its page)], one entry
    when one body answers both."""
    atienden = []
    for derecho, nombre in DERECHOS.items():
        actual = resolver(organismo, derecho).organismo if organismo.garantiza(derecho) else None
        if actual is None or actual.pk == organismo.pk:
            continue
        if atienden and atienden[0][1].pk == actual.pk:
            atienden[0] = ("", actual, atienden[0][2])
        else:
            atienden.append((nombre, actual, enlace(actual)))
    return atienden


# --- Directory page -----------------------------------------------------------------------


def listado_context(page, request):
    """Context and HTTP status for the directory's list."""
    region = page.region()
    entidades = list(_entidades_de(region))

    def leer(params, campos):
        return {**leer_filtros(params, campos), **_filtros_de_busqueda(params, entidades)}

    contexto, status = contexto_del_listado(
        region, request, leer, ("estado", "plataforma"), FiltroInvalido
    )
    nacional, filtros = contexto["es_nacional"], contexto["filtros"]
    historial = request.GET.get("historial") == "1"
    todos = list(
        organismos(filtros, _dentro_de(filtros, OrganismoGarante.objects.de_region(region)))
    )
    if filtros.get("q"):
        todos = [o for o in todos if _coincide(o, filtros["q"])]
    vigentes = [o for o in todos if o.estado != EXTINTA]
    extintas = [o for o in todos if o.estado == EXTINTA]
    if filtros.get("estado") == EXTINTA:  # asked for by name: the list shows them
        vigentes, extintas = extintas, []
    for o in vigentes:
        o.cuentas_visibles = cuentas_publicas(o)
    grupos = []
    if nacional and not filtros.get("region"):
        for r in Region.objects.order_by("orden"):
            miembros = [o for o in vigentes if o.region_id == r.pk]
            if miembros:
                grupos.append((r, miembros))
    elif vigentes:
        grupos.append((filtros.get("region") or region, vigentes))
    return {
        **contexto,
        "grupos": grupos,
        "total_vigentes": len(vigentes),
        "historial": historial,
        "extintas": extintas if historial else [],
        "total_extintas": len(extintas),
        "plataformas": CuentaSocial.Plataforma.choices,
        "url_historial": url_con(request, historial="1"),
        "url_sin_historial": url_con(request, historial=None),
        "hoy": _donde_ejercer_de(page, request, region),
        "entidades_filtro": entidades,
        "estados_filtro": [
            (v, label) for v, label in OrganismoGarante.Estado.choices if v != "por_asumir"
        ],
        "total_filtrados": len(vigentes) + (len(extintas) if historial else 0),
        "filtros_en_panel": len([k for k in filtros if k != "q"]),
    }, status


def _filtros_de_busqueda(params, entidades):
    """The directory page's own filters: a state of the page's region and words to look for."""
    filtros = {}
    slug = params.get("entidad", "").strip()
    if slug:
        entidad = next((e for e in entidades if e.slug == slug), None)
        if entidad is None:
            raise FiltroInvalido(f"La entidad «{slug}» no está en este directorio.")
        filtros["entidad"] = entidad
    texto = " ".join(params.get("q", "").split())[:100]
    if texto:
        filtros["q"] = texto
    return filtros


def _dentro_de(filtros, queryset):
    if filtros.get("entidad") is not None:
        queryset = queryset.filter(entidad=filtros["entidad"])
    return queryset


def _sin_acentos(texto):
    letras = unicodedata.normalize("NFKD", texto or "")
    return "".join(c for c in letras if not unicodedata.combining(c)).casefold()


def _coincide(organismo, texto):
    """Every word of ``texto`` in the institution's name, acronym or state, accents ignored."""
    donde = _sin_acentos(
        " ".join(
            [organismo.nombre, organismo.siglas or "", getattr(organismo.entidad, "nombre", "")]
        )
    )
    return all(palabra in donde for palabra in _sin_acentos(texto).split())


def _entidades_de(region):
    entidades = EntidadFederativa.objects.select_related("region").order_by("nombre")
    return entidades if es_nacional(region) else entidades.filter(region=region)


def _donde_ejercer_de(page, request, region, entidades=None):
    """The answers for the page's states, each institution linked to its page here."""
    respuestas = donde_ejercer(entidades if entidades is not None else _entidades_de(region))
    for r in respuestas:
        r.url = page.get_url(request) + page.reverse_subpage(
            "entidad", kwargs={"entidad": r.entidad.slug}
        )
    return con_enlaces(respuestas, request)


def entidad_context(page, request, slug):
    """«¿Dónde ejerzo hoy mi derecho?» for one state, with the contacts of whoever answers."""
    region = page.region()
    entidad = _entidades_de(region).filter(slug=slug).first()
    if entidad is None:
        return None
    [respuesta] = _donde_ejercer_de(page, request, region, [entidad])
    actuales = {r.organismo.pk for r in respuesta.respuestas if r.organismo is not None}
    contactos = []
    for organismo in organismos({}, OrganismoGarante.objects.filter(pk__in=actuales)):
        try:
            area = organismo.area_comunicacion
        except OrganismoGarante.area_comunicacion.RelatedObjectDoesNotExist:
            area = None
        contactos.append((organismo, area, cuentas_publicas(organismo)))
    return {
        "region": region,
        "entidad": entidad,
        "respuesta": respuesta,
        "contactos": contactos,
        "pnt_url": PNT_URL,
    }


def institucion_context(page, request, clave):
    region = page.region()
    alcance = OrganismoGarante.objects.de_region(region)
    organismo = organismos({}, alcance).filter(clave=clave).first()
    if organismo is None:
        return None
    try:
        area = organismo.area_comunicacion
    except OrganismoGarante.area_comunicacion.RelatedObjectDoesNotExist:
        area = None
    paginas = PaginasDirectorio()

    def enlace(otro):
        if alcance.filter(pk=otro.pk).exists():
            return page.get_url(request) + page.reverse_subpage(
                "institucion", kwargs={"clave": otro.clave}
            )
        return paginas.url_organismo(otro, request)

    sucesor = organismo.sucesor
    antecesores = [
        (a, enlace(a))
        for a in OrganismoGarante.objects.filter(
            Q(sucesor=organismo) | Q(sucesor_datos=organismo)
        ).order_by("nombre")
    ]
    sucesor_datos = organismo.sucesor_datos
    return {
        "hoy_atienden": _hoy_atienden(organismo, enlace),
        "region": region,
        "organismo": organismo,
        "area": area,
        "cuentas": cuentas_publicas(organismo),
        "sucesor": sucesor,
        "url_sucesor": enlace(sucesor) if sucesor else "",
        "sucesor_datos": sucesor_datos,
        "url_sucesor_datos": enlace(sucesor_datos) if sucesor_datos else "",
        "registros": list(organismo.registros_estado.select_related("sucesor")),
        "discrepancias": organismo.discrepancias(),
        "por_asumir": organismo.estado == OrganismoGarante.Estado.POR_ASUMIR,
        "antecesores": antecesores,
        "extinta": organismo.estado == EXTINTA,
        "en_extincion": organismo.estado == OrganismoGarante.Estado.EN_EXTINCION,
        "sitio": (area.sitio if area else "") or organismo.sitio_web,
    }
