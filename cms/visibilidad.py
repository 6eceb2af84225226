"""What is public: one rule for every public output.

A page is public when it is live, not expired, has no view restriction (password, login,
groups) on itself or any ancestor, is in a language its region's site offers, and — for a
plugin's page types — its plugin is switched on in its region. A plugin's record is public
when its plugin's own public queryset holds it (a public state, an active account) and the
plugin is switched on in the record's region.

Search (index, database fallback, suggestions, promotions), the sitemap, feeds, calendars,
the national home's curated pages and the plugins' APIs and CSV files all ask here. The
facts the rule reads (restricted sections, languages and plugins switched off per region)
are also what the search engine filters on again at query time (``ocultos()``).
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.plugins import disabled_region_ids, installed_plugins
from regiones.models import IdiomaRegion, Region


@dataclass(frozen=True)
class Ocultos:
    """Whatever hides content right now, independent of a single record."""

    #: Paths of pages with a view restriction: they and their descendants are private.
    rutas_restringidas: tuple = ()
    #: Paths of homes (depth 2) in a language their region does not offer.
    inicios_sin_idioma: tuple = ()
    #: {plugin label: {region slug, …}} where the plugin is switched off.
    complementos_apagados: dict = field(default_factory=dict)
    #: (home path, content type ids) of plugin page types inside a switched-off region.
    tipos_apagados: tuple = ()


def _calcular_ocultos():
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale

    restringidas = tuple(
        sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))
    )
    inicios = Region.rutas_de_inicio()
    por_region = {}
    for ruta, region in inicios.items():
        por_region.setdefault(region.pk, []).append(ruta)
    espanol = Locale.get_default().pk
    ofrecidos = set(IdiomaRegion.objects.filter(activo=True).values_list("region_id", "locale_id"))
    homes = Page.objects.filter(path__in=inicios).values_list("path", "locale_id")
    sin_idioma = tuple(
        ruta
        for ruta, locale_id in homes
        if locale_id != espanol and (inicios[ruta].pk, locale_id) not in ofrecidos
    )
    apagados, tipos = {}, []
    for _config, plugin in installed_plugins():
        regiones = disabled_region_ids(plugin.label)
        if not regiones:
            continue
        apagados[plugin.label] = set(
            Region.objects.filter(pk__in=regiones).values_list("slug", flat=True)
        )
        modelos = [m for m in _page_models() if getattr(m, "plugin_label", None) == plugin.label]
        if not modelos:
            continue
        cts = tuple(ContentType.objects.get_for_models(*modelos).values())
        ids = tuple(sorted(ct.pk for ct in cts))
        for region_id in regiones:
            tipos += [(ruta, ids) for ruta in por_region.get(region_id, [])]
    return Ocultos(restringidas, sin_idioma, apagados, tuple(tipos))


def _page_models():
    from wagtail.models import get_page_models

    return get_page_models()


def ocultos():
    """The current ``Ocultos``, remembered until something public changes (cms.cache.memo:
    restrictions, regions' languages and plugin switches all purge it)."""
    from cms.cache import memo

    return memo("visibilidad-ocultos", _calcular_ocultos)


def paginas_publicas(queryset=None, ahora=None, salvo_restricciones=False, rutas_abiertas=()):
    """The public pages of a page queryset (every page when None). With
    ``salvo_restricciones`` the pages that only a view restriction hides are kept too (for a
    caller that asks the restriction about one visitor); ``rutas_abiertas`` keeps those
    that only the restrictions on these paths hide (see ``rutas_abiertas_para``).

    An alias (a synchronised language tree, «Crear alias») shows its source's content from
    another place in the tree: it is public only while its source is as well."""
    queryset = Page.objects.all() if queryset is None else queryset
    ahora = ahora or timezone.now()
    publicas = _visibles(queryset, ahora, salvo_restricciones, rutas_abiertas)
    fuentes = _visibles(Page.objects.all(), ahora, salvo_restricciones, rutas_abiertas)
    fuentes = fuentes.values("pk")
    return publicas.filter(Q(alias_of__isnull=True) | Q(alias_of__in=fuentes))


def _visibles(queryset, ahora, salvo_restricciones, rutas_abiertas=()):
    queryset = queryset.live().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=ahora))
    estado = ocultos()
    excluir = Q()
    restringidas = () if salvo_restricciones else estado.rutas_restringidas
    restringidas = tuple(r for r in restringidas if r not in rutas_abiertas)
    for ruta in restringidas + estado.inicios_sin_idioma:
        excluir |= Q(path__startswith=ruta)
    for ruta, tipos in estado.tipos_apagados:
        excluir |= Q(path__startswith=ruta, content_type_id__in=tipos)
    return queryset.exclude(excluir) if excluir else queryset


def restricciones_de(page):
    """The view restrictions that guard ``page`` when it is served: its own and its
    ancestors' (Wagtail's), and for an alias its source's too, since it shows the source's
    content (the source's password, login or groups let a visitor into the alias)."""
    restricciones = list(page.get_view_restrictions())
    if page.alias_of_id:
        fuente = Page.objects.filter(pk=page.alias_of_id).first()
        if fuente is not None:
            restricciones += list(fuente.get_view_restrictions())
    return restricciones


def rutas_abiertas_para(page, request):
    """The restricted sections ``request`` has been let into while reading ``page``: the
    paths of the view restrictions Wagtail checks before serving it
    (``page.get_view_restrictions()``: its own and its ancestors'; an alias's source's too
    when cms.cache hands them over, see restricciones_de) that the request satisfies
    (Wagtail's ``accept_request``: the password passed in this session, the login, the
    groups). A page
    hidden only by these is as readable to this reader as ``page``; a visitor shown the
    password form has passed none, so nothing opens for them."""
    if page is None or request is None:
        return ()
    aceptadas = [r.page_id for r in page.get_view_restrictions() if r.accept_request(request)]
    if not aceptadas:
        return ()
    return tuple(sorted(Page.objects.filter(pk__in=aceptadas).values_list("path", flat=True)))


def es_pagina_publica(page):
    if page is None or not page.live:
        return False
    return paginas_publicas(Page.objects.filter(pk=page.pk)).exists()


def en_regiones_activas(queryset, label, region_lookup="region"):
    """Leave out the records of the regions where plugin ``label`` is switched off.
    ``region_lookup`` is None for records that belong to the whole network."""
    if not region_lookup:
        return queryset
    apagadas = disabled_region_ids(label)
    if not apagadas:
        return queryset
    return queryset.exclude(**{f"{region_lookup}__in": apagadas})


def versiones_publicas(pages, locale=None, respaldo=True, alias=True, rutas_abiertas=()):
    """What a visitor may be sent to for each page of ``pages``, read in ``locale`` (a Locale,
    its id, or None for the page's own language): its public translation in the locale, else
    — with ``respaldo`` — the page itself when it is public; None when neither is. Without
    ``alias`` an alias is never the answer (a synchronised copy, not a translation).

    Every public link to a page (language switcher, hreflang, the site's sections, links in
    content) is chosen here, so none can point at what ``paginas_publicas`` hides (or, with
    ``rutas_abiertas``, at what it hides for a reason other than those sections' restrictions).
    Two queries whatever the number of pages."""
    pages = list(pages)
    presentes = [p for p in pages if p is not None]
    if not presentes:
        return [None] * len(pages)
    locale_id = getattr(locale, "pk", locale)
    buscadas = Q(pk__in=[p.pk for p in presentes])
    if locale_id is not None:
        claves = {p.translation_key for p in presentes}
        buscadas |= Q(translation_key__in=claves, locale_id=locale_id)
    publicas = paginas_publicas(Page.objects.filter(buscadas), rutas_abiertas=rutas_abiertas)
    if not alias:
        publicas = publicas.filter(alias_of__isnull=True)
    por_clave, por_pk = {}, set()
    for pk, clave, idioma in publicas.values_list("pk", "translation_key", "locale_id"):
        por_pk.add(pk)
        if idioma == locale_id:
            por_clave[clave] = pk
    elegidas = {}
    traducidas = set(por_clave.values()) - {p.pk for p in presentes}
    if traducidas:
        elegidas = Page.objects.in_bulk(traducidas)
    resultado = []
    for page in pages:
        elegida = None
        if page is not None:
            pk = por_clave.get(page.translation_key)
            if pk is not None:
                elegida = page if pk == page.pk else elegidas.get(pk)
            elif (respaldo or locale_id is None) and page.pk in por_pk:
                elegida = page
        resultado.append(elegida)
    return resultado


def version_publica(page, locale=None, respaldo=True, alias=True):
    """``versiones_publicas`` for one page."""
    return versiones_publicas([page], locale, respaldo=respaldo, alias=alias)[0]
