"""What a page says about itself to search engines, link previews and feed readers: the
description, Open Graph and Twitter card, the feeds of its site, and schema.org JSON-LD.

One function (``metadatos``) decides it for every public page (``base.html`` includes
``cms/includes/metadatos.html``), so no template can forget it.
"""

import json
import re

from django import template
from django.contrib.staticfiles import finders
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from cms.templatetags.cms_tags import estatico

register = template.Library()

#: Context names under which a plugin's detail route passes the record it shows, in the
#: order they are looked for; the record's ``str()`` is the page title.
REGISTROS = ("organismo", "convenio", "medio", "organizacion", "entidad")
#: Where the default share cards live: ``tarjetas/<region slug>.png``, else ``red.png``.
TARJETAS = "cms/tarjetas/{}.png"
TARJETA_RED = "red"
DESCRIPCION_MAX = 300
#: The last resort of a page with nothing to say about itself.
SOBRE_LA_RED = (
    "Transparencia, acceso a la información y protección de datos personales en la red del "
    "Sistema Nacional de Transparencia."
)


def _texto(valor, limite=DESCRIPCION_MAX):
    texto = re.sub(r"\s+", " ", strip_tags(str(valor or ""))).strip()
    return Truncator(texto).chars(limite) if texto else ""


def _site(context):
    region = context.get("region_actual")
    if region is not None and region.site_id:
        return region.site
    request = context.get("request")
    if request is None:
        return None
    from wagtail.models import Site

    return Site.find_for_request(request)


def _registro(context):
    for nombre in REGISTROS:
        objeto = context.get(nombre)
        if objeto is not None and not isinstance(objeto, (str, bool, int)):
            return objeto
    return None


def _descripcion(page, registro, site_name):
    if registro is not None:
        for campo in ("descripcion", "objeto", "resumen"):
            texto = _texto(getattr(registro, campo, ""))
            if texto:
                return texto
        return _texto(f"{registro} · {site_name}. {SOBRE_LA_RED}")
    if page is not None:
        for campo in ("search_description", "entrada", "introduccion", "resumen", "descripcion"):
            texto = _texto(getattr(page, campo, ""))
            if texto:
                return texto
        if getattr(page, "depth", 0) > 2:
            return _texto(f"{page.title} · {site_name}. {SOBRE_LA_RED}")
    return _texto(f"{site_name}. {SOBRE_LA_RED}")


def _absoluta(request, url):
    if not url:
        return ""
    return request.build_absolute_uri(url) if request is not None else url


def _imagen(page, request, region):
    """(url, width, height, alt) of the page's lead image, else the site's share card."""
    from cms.cache import memo

    imagen = getattr(page, "imagen_principal", None) if page is not None else None
    if imagen is not None:
        rendition = imagen.get_rendition("fill-1200x630")
        return (
            _absoluta(request, rendition.url),
            rendition.width,
            rendition.height,
            getattr(page, "alt_imagen", "") or page.title,
        )
    slug = region.slug if region is not None else TARJETA_RED
    ruta = memo(("tarjeta-para-compartir", slug), lambda: _tarjeta(slug))
    alt = f"Tarjeta de {region.site.site_name}" if region and region.site_id else "Red SNT"
    return _absoluta(request, estatico(ruta)), 1200, 630, alt


def _tarjeta(slug):
    """The static path of a region's share card, else the network's (a search of every
    static directory: once per region and generation)."""
    ruta = TARJETAS.format(slug)
    return ruta if finders.find(ruta) else TARJETAS.format(TARJETA_RED)


def _home_local(site, page):
    """The site's home in the page's language where that translation is public (the
    visibility rule), else the site's home."""
    from cms.visibilidad import version_publica

    home = site.root_page
    locale_id = getattr(page, "locale_id", None)
    if locale_id and locale_id != home.locale_id:
        return version_publica(home, locale_id, respaldo=False) or home
    return home


def _feeds(site, page, request):
    """[{'tipo', 'titulo', 'url'}] of the feeds and calendars the site offers: the same on
    every page of a site and language, so found once per page-cache generation."""
    from cms.cache import memo

    if site is None:
        return []
    host = (request.get_host(), request.get_port()) if request is not None else None
    return memo(
        ("feeds-del-sitio", site.pk, getattr(page, "locale_id", None), host),
        lambda: _enlaces_feeds(site, page, request),
    )


def _enlaces_feeds(site, page, request):
    from cms.feeds import feeds_del_sitio
    from cms.models import EventoIndex

    enlaces = []
    for index in feeds_del_sitio(_home_local(site, page)):
        url = index.get_url(request)
        if not url:
            continue
        titulo = f"{index.title} · {site.site_name}"
        enlaces += [
            {"tipo": "application/rss+xml", "titulo": f"{titulo} (RSS)", "url": f"{url}rss/"},
            {"tipo": "application/atom+xml", "titulo": f"{titulo} (Atom)", "url": f"{url}atom/"},
        ]
        if isinstance(index, EventoIndex):
            enlaces.append(
                {
                    "tipo": "text/calendar",
                    "titulo": f"{titulo} (calendario)",
                    "url": f"{url}calendario.ics",
                }
            )
    return enlaces


# --- schema.org ----------------------------------------------------------------------------


def _iso(valor):
    if valor is None:
        return None
    if hasattr(valor, "hour") and timezone.is_aware(valor):
        return timezone.localtime(valor).isoformat()
    return valor.isoformat()


def _organizacion(site, request):
    if site is None:
        return None
    return {
        "@type": "GovernmentOrganization",
        "name": site.site_name,
        "url": site.root_url + "/",
        "logo": _absoluta(request, estatico("cms/apple-touch-icon.png")),
    }


def _noticia(page, meta, editor):
    return {
        "@type": "NewsArticle",
        "headline": Truncator(page.title).chars(110),
        "description": meta["descripcion"],
        "url": meta["url"],
        "image": [meta["imagen"]],
        "datePublished": _iso(page.first_published_at or page.fecha),
        "dateModified": _iso(page.last_published_at or page.first_published_at or page.fecha),
        "inLanguage": meta["idioma"],
        "author": editor,
        "publisher": editor,
    }


def _evento(page, meta, editor):
    presencial = page.modalidad == page.Modalidad.PRESENCIAL
    virtual = page.modalidad == page.Modalidad.VIRTUAL
    modo = {
        page.Modalidad.PRESENCIAL: "OfflineEventAttendanceMode",
        page.Modalidad.VIRTUAL: "OnlineEventAttendanceMode",
        page.Modalidad.HIBRIDA: "MixedEventAttendanceMode",
    }[page.modalidad]
    lugares = []
    if not virtual and page.sede:
        lugares.append({"@type": "Place", "name": _texto(page.sede, 200), "address": page.sede})
    if not presencial and page.enlace:
        lugares.append({"@type": "VirtualLocation", "url": page.enlace})
    datos = {
        "@type": "Event",
        "name": page.title,
        "description": meta["descripcion"],
        "url": meta["url"],
        "image": [meta["imagen"]],
        "startDate": _iso(page.inicio),
        "endDate": _iso(page.fin),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{modo}",
        "inLanguage": meta["idioma"],
        "organizer": editor,
        "isAccessibleForFree": True,
    }
    if lugares:
        datos["location"] = lugares[0] if len(lugares) == 1 else lugares
    return datos


def _institucion(organismo, meta):
    datos = {
        "@type": "GovernmentOrganization",
        "name": organismo.nombre,
        "url": meta["url"],
        "description": meta["descripcion"],
    }
    if getattr(organismo, "siglas", ""):
        datos["alternateName"] = organismo.siglas
    if getattr(organismo, "sitio_web", ""):
        datos["sameAs"] = [organismo.sitio_web]
    if getattr(organismo, "entidad_id", None):
        datos["areaServed"] = {"@type": "State", "name": organismo.entidad.nombre}
    else:
        datos["areaServed"] = {"@type": "Country", "name": "México"}
    if getattr(organismo, "fecha_inicio", None):
        datos["foundingDate"] = _iso(organismo.fecha_inicio)
    if getattr(organismo, "fecha_extincion", None):
        datos["dissolutionDate"] = _iso(organismo.fecha_extincion)
    return datos


def conjuntos_csv():
    """[(archivo, route)] of every CSV an installed plugin publishes under ``/datos/``."""
    from importlib import import_module

    from cms.plugins import installed_plugins

    encontrados = []
    for _, plugin in installed_plugins():
        if not plugin.urls:
            continue
        for patron in import_module(plugin.urls).urlpatterns:
            ruta = str(patron.pattern)
            if ruta.startswith("datos/") and ruta.endswith(".csv"):
                encontrados.append(ruta.removeprefix("datos/"))
    return sorted(encontrados)


def _declarados():
    """The datasets the open-data contract declares, by file name (titles, descriptions)."""
    try:
        from cms.api import CONJUNTOS
    except ImportError:
        return {}
    return {c.archivo: c for c in CONJUNTOS.values()}


def _conjuntos(request, editor, site):
    from django.urls import NoReverseMatch, reverse

    raiz = site.root_url if site is not None else _absoluta(request, "/").rstrip("/")
    try:
        catalogo = raiz + reverse("datos_paquete")
    except NoReverseMatch:
        catalogo = None
    declarados = _declarados()
    datos = []
    for archivo in conjuntos_csv():
        declarado = declarados.get(archivo)
        nombre = declarado.titulo if declarado else f"Datos abiertos: {archivo}"
        descripcion = (
            declarado.descripcion
            if declarado
            else f"Archivo CSV «{archivo}» que publica la red del Sistema Nacional de "
            "Transparencia como datos abiertos."
        )
        dataset = {
            "@type": "Dataset",
            "name": nombre,
            "description": descripcion,
            "url": f"{raiz}/datos/{archivo}",
            "isAccessibleForFree": True,
            "inLanguage": "es-MX",
            "creator": editor,
            "distribution": [
                {
                    "@type": "DataDownload",
                    "encodingFormat": "text/csv",
                    "contentUrl": f"{raiz}/datos/{archivo}",
                }
            ],
        }
        if catalogo:
            dataset["includedInDataCatalog"] = {
                "@type": "DataCatalog",
                "name": "Datos abiertos de la Red SNT",
                "url": catalogo,
            }
        datos.append(dataset)
    return datos


def _json_ld(page, registro, meta, site, request):
    from cms.models import Evento, HomePage, Noticia
    from regiones.models import OrganismoGarante

    editor = _organizacion(site, request)
    grafo = []
    if isinstance(registro, OrganismoGarante):
        grafo.append(_institucion(registro, meta))
    elif isinstance(page, Noticia):
        grafo.append(_noticia(page, meta, editor))
    elif isinstance(page, Evento):
        grafo.append(_evento(page, meta, editor))
    elif isinstance(page, HomePage):
        if editor:
            grafo.append(editor)
        grafo += _conjuntos(request, editor, site)
    if not grafo:
        return ""
    datos = {"@context": "https://schema.org", "@graph": grafo}
    texto = json.dumps(datos, ensure_ascii=False, default=str)
    # Inside <script>, "</" must not appear (it would end the element).
    return mark_safe(texto.replace("</", "<\\/"))  # noqa: S308 (JSON-encoded, "</" escaped)


def _usuario_x(site):
    """The site's account on X (its social settings), once per site and generation: the
    settings are a public model (cms), saving them purges."""
    from cms.cache import memo
    from cms.models import RedesSocialesSettings

    if site is None:
        return ""
    return memo(("usuario-x", site.pk), lambda: RedesSocialesSettings.for_site(site).usuario_x)


def _restringida(page):
    """Whether a view restriction (password, login, groups) covers the page, an ancestor or
    an alias's source (Wagtail's rule), remembered per page until the next purge: adding,
    changing or removing a restriction purges, and so does publishing or moving a page."""
    from cms.cache import memo

    return memo(("restringida", page.pk), lambda: page.get_view_restrictions().exists())


@register.simple_tag(takes_context=True)
def metadatos(context, noindex=False):
    """Everything ``cms/includes/metadatos.html`` writes in <head>."""
    from cms.templatetags.idiomas_tags import bcp47, idioma_de_pagina

    request = context.get("request")
    page = context.get("page")
    if page is not None and not hasattr(page, "pk"):
        page = None
    if page is not None and _restringida(page):
        # Behind a password or a login: its own words stay behind it too.
        page, noindex = None, True
    region = context.get("region_actual")
    site = _site(context)
    site_name = site.site_name if site is not None else "Red SNT"
    registro = _registro(context)
    if registro is not None:
        titulo = str(registro)
    elif page is not None:
        titulo = page.seo_title or page.title
    else:
        titulo = site_name
    idioma = idioma_de_pagina(context, page) if page is not None and page.locale_id else "es-mx"
    imagen, ancho, alto, alt = _imagen(page, request, region)
    meta = {
        "titulo": titulo,
        "descripcion": _descripcion(page, registro, site_name),
        "url": _absoluta(request, request.path) if request is not None else "",
        "sitio": site_name,
        "idioma": bcp47(idioma),
        "og_locale": bcp47(idioma).replace("-", "_"),
        "tipo": "article" if getattr(page, "entrada", "") and registro is None else "website",
        "imagen": imagen,
        "imagen_ancho": ancho,
        "imagen_alto": alto,
        "imagen_alt": alt,
        "noindex": noindex,
        "feeds": _feeds(site, page, request),
        "usuario_x": _usuario_x(site),
    }
    meta["json_ld"] = _json_ld(page, registro, meta, site, request)
    return meta
