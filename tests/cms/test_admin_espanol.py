"""The admin speaks Spanish to every regional role: a walk over the admin's own URLs.

Every admin URL without arguments (from the URL resolver, so a new screen is walked without
being listed here) and a few naming the person's own objects are opened as a region's editor,
coordination and translator and as the national coordination; the visible text (not HTML
attributes, scripts or styles) must contain none of a maintained list of English words and
phrases that Wagtail, wagtail-localize or the project have shown untranslated.
"""

import re
from html.parser import HTMLParser

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from . import fabricas

#: English words and phrases seen in the admin (matched as whole words, case-sensitive).
INGLES = [
    "Search",
    "Shortcuts",
    "Pages",
    "Images",
    "Documents",
    "Privacy",
    "Privacy and access",
    "More actions",
    "True",
    "False",
    "Why not",
    "Go to the first error",
    "validation errors",
    "Autosave",
    "Your pages and snippets in a workflow",
    "Page types usage",
    "Upload",
    "Dashboard",
    "Settings",
    "Reports",
    "Help",
    "Edit",
    "Delete",
    "Cancel",
    "Save",
    "Publish",
    "Submit",
    "Locale",
    "Translations",
    "has not been translated",
]
#: Typos and wrong labels seen in Spanish text.
ERRATAS = ["regiónes", "Regiones*"]

_PATRON = re.compile(r"\b(" + "|".join(re.escape(p) for p in INGLES) + r")\b")


class _Texto(HTMLParser):
    """Visible text: text nodes outside script, style, template and SVG."""

    OCULTOS = {"script", "style", "template", "svg", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pila = []
        self.partes = []

    def handle_starttag(self, tag, attrs):
        if tag in self.OCULTOS:
            self.pila.append(tag)

    def handle_endtag(self, tag):
        if self.pila and self.pila[-1] == tag:
            self.pila.pop()

    def handle_data(self, data):
        if not self.pila and data.strip():
            self.partes.append(" ".join(data.split()))


def texto_visible(html):
    parser = _Texto()
    parser.feed(html)
    return "\n".join(parser.partes)


def ingles_en(html):
    """The English words/phrases and typos in the visible text of a page."""
    texto = texto_visible(html)
    hallados = sorted(set(_PATRON.findall(texto)))
    hallados += [e for e in ERRATAS if e in texto]
    return hallados


def lineas_con_ingles(html):
    """The lines of visible text holding English or typos (what the failure shows)."""
    return [linea for linea in texto_visible(html).split("\n") if ingles_en(f"<p>{linea}</p>")]


_MIGAS = re.compile(r'<nav class="[^"]*"\s+aria-label="[^"]*">(.*?)</nav>', re.S)


def migas(html):
    """The labels of the sticky header's breadcrumbs."""
    bloque = _MIGAS.search(html)
    if not bloque:
        return []
    return [t for t in texto_visible(bloque.group(1)).split("\n") if t]


def test_detector_reads_text_not_attributes():
    html = (
        '<div aria-label="Search" data-x="True"><script>var Pages = 1;</script>'
        "<p>Buscar <span>Shortcuts</span> sus regiónes</p></div>"
    )
    assert ingles_en(html) == ["Shortcuts", "regiónes"]
    assert ingles_en("<p>Páginas, imágenes y documentos</p>") == []


def _rutas_sin_argumentos(resolver=None, prefijo=""):
    """(route, name) of every admin URL pattern without path arguments."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        ruta = prefijo + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _rutas_sin_argumentos(pattern, ruta)
        elif isinstance(pattern, URLPattern):
            if "<" in ruta or "(?P" in ruta or "\\" in ruta.replace("\\Z", ""):
                continue
            ruta = ruta.lstrip("^").replace("\\Z", "").rstrip("$")
            if ruta.startswith("admin/"):
                yield "/" + ruta


#: Admin URLs that are not screens (JSON, files, logout, previews, choosers' modal JSON).
NO_PANTALLAS = re.compile(
    r"(failwhale|logout|/api/|jsi18n|javascript|/chooser|/choose|autocomplete|/results/|/export|"
    r"/preview|/usage|\.(js|json|csv|xlsx)|password_reset|login|/cms_|/localize/)"
)


def urls_de_la_administracion():
    vistas = sorted({ruta for ruta in _rutas_sin_argumentos() if not NO_PANTALLAS.search(ruta)})
    return vistas


@pytest.fixture
def personas(regions, make_user):
    norte, nacional = regions["norte"], regions["nacional"]
    return {
        "edicion": make_user(norte.grupo_edicion),
        "coordinacion": make_user(norte.grupo_coordinacion),
        "traduccion": make_user(norte.grupo_traduccion),
        "nacional": make_user(nacional.grupo_coordinacion),
    }


@pytest.mark.parametrize("rol", ["edicion", "coordinacion", "traduccion", "nacional"])
def test_admin_pages_have_no_english_for_each_role(client, rol, personas, crear, indice):
    noticia = crear("norte", "noticias", fabricas.noticia(slug=f"propia-{rol}"))
    noticias = indice("norte", "noticias")
    user = personas[rol]
    client.force_login(user)
    client.raise_request_exception = False  # a broken screen is listed with the rest
    urls = urls_de_la_administracion()
    assert "/admin/" in urls and len(urls) > 20
    if rol != "traduccion" and rol != "nacional":
        urls += [
            reverse("wagtailadmin_explore", args=[noticias.pk]),
            reverse("wagtailadmin_pages:edit", args=[noticia.pk]),
            reverse("wagtailadmin_pages:add", args=["cms", "noticia", noticias.pk]),
        ]
    hallazgos = {}
    abiertas = 0
    for url in urls:
        response = client.get(url, follow=True)
        if response.status_code >= 500:
            hallazgos[url] = [f"error {response.status_code}"]
        if response.status_code != 200:
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        abiertas += 1
        html = response.content.decode()
        encontrados = lineas_con_ingles(html)
        if migas(html) == ["Inicio"]:
            encontrados.append("cabecera: «Inicio» en vez del título de la vista")
        if encontrados:
            hallazgos[url] = encontrados
    assert abiertas > 10
    assert hallazgos == {}, "\n".join(f"{url}: {' | '.join(h)}" for url, h in hallazgos.items())


def test_own_admin_views_name_themselves_in_the_sticky_header(client, personas):
    client.force_login(personas["coordinacion"])
    html = client.get(reverse("cms_estado_traducciones")).content.decode()
    assert migas(html) == ["Inicio", "Estado de las traducciones"]


def test_boolean_columns_read_si_no(client, personas):
    from cms.lenguaje_models import ReglaLenguaje

    client.force_login(personas["nacional"])
    assert ReglaLenguaje.objects.filter(activa=True).exists()
    html = client.get(reverse("wagtailsnippets_cms_reglalenguaje:list")).content.decode()
    celdas = re.findall(r"<td[^>]*>\s*(Sí|No|True|False)\s*</td>", html)
    assert "Sí" in celdas and "True" not in celdas and "False" not in celdas


def test_wagtail_strings_missing_from_its_spanish_catalog_are_spanish(client, personas):
    from django.utils import translation
    from django.utils.translation import gettext, ngettext

    with translation.override("es-mx"):
        assert gettext("Go to the first error") == "Ir al primer error"
        assert gettext("Autosave is paused") == "El guardado automático está en pausa"
        assert gettext("Search all pages…") == "Buscar en todas las páginas…"
        assert gettext("Locales") == "Idiomas"
        assert ngettext(
            '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
            '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
            2,
        ).startswith("%(total)s imágenes")


def test_another_regions_explorer_says_why(client, personas, regions):
    client.force_login(personas["coordinacion"])
    for pagina in (regions["sureste"].home_page, regions["sureste"].home_page.get_children()[0]):
        response = client.get(reverse("wagtailadmin_explore", args=[pagina.pk]), follow=True)
        html = response.content.decode()
        assert "pertenece a otra región" in html, response.status_code
        assert "403 Forbidden" not in html
        assert ingles_en(html) == []


def test_translation_editor_strings_are_spanish(client, personas):
    client.force_login(personas["traduccion"])
    js = client.get(reverse("wagtail_localize:javascript_catalog")).content.decode()
    assert '"Publish in ": "Publicar en "' in js
    assert '"Translate with ": "Traducir con "' in js


def _pantallas_con_argumentos(rol, noticia, traducida):
    """Screens naming the person's own objects: what a regional person opens every day."""
    paginas = "wagtailadmin_pages"
    urls = []
    if rol in ("edicion", "coordinacion"):
        urls += [
            reverse(f"{paginas}:history", args=[noticia.pk]),
            reverse(f"{paginas}:revisions_index", args=[noticia.pk]),
            reverse(f"{paginas}:workflow_history", args=[noticia.pk]),
            reverse(f"{paginas}:copy", args=[noticia.pk]),
            reverse(f"{paginas}:move", args=[noticia.pk]),
            reverse(f"{paginas}:delete", args=[noticia.pk]),
            reverse(f"{paginas}:usage", args=[noticia.pk]),
            reverse(f"{paginas}:type_use", args=["cms", "noticia"]),
            reverse("wagtail_localize:submit_page_translation", args=[noticia.pk]),
        ]
    if rol == "coordinacion":
        urls += [
            reverse(f"{paginas}:unpublish", args=[noticia.pk]),
            reverse(f"{paginas}:set_privacy", args=[noticia.pk]),
        ]
    if rol in ("edicion", "coordinacion", "traduccion"):
        urls += [
            reverse(f"{paginas}:edit", args=[traducida.pk]),  # wagtail-localize's editor
            reverse(f"{paginas}:history", args=[traducida.pk]),
        ]
    return urls


def _html_de(response):
    """The HTML a screen shows: the page itself, or the HTML of a modal's JSON answer."""
    tipo = response.get("Content-Type", "")
    if "application/json" in tipo:
        return response.json().get("html", "")
    if "text/html" in tipo:
        return response.content.decode()
    return ""


@pytest.mark.parametrize("rol", ["edicion", "coordinacion", "traduccion"])
def test_admin_screens_of_own_objects_have_no_english(client, rol, personas, crear):
    from wagtail.models import Locale, Page
    from wagtail_localize.operations import translate_object

    noticia = crear("norte", "noticias", fabricas.noticia(slug=f"argumentos-{rol}"))
    translate_object(noticia, [Locale.objects.get(language_code="en")])
    traducida = Page.objects.get(
        translation_key=noticia.translation_key, locale__language_code="en"
    )
    client.force_login(personas[rol])
    client.raise_request_exception = False
    hallazgos = {}
    abiertas = 0
    for url in _pantallas_con_argumentos(rol, noticia, traducida):
        response = client.get(url, follow=True)
        if response.status_code != 200:
            hallazgos[url] = [f"respuesta {response.status_code}"]
            continue
        html = _html_de(response)
        if not html:
            continue
        abiertas += 1
        encontrados = lineas_con_ingles(html)
        if encontrados:
            hallazgos[url] = encontrados
    assert abiertas >= 2
    assert hallazgos == {}, "\n".join(f"{url}: {' | '.join(h)}" for url, h in hallazgos.items())


def test_moderation_screens_have_no_english(client, personas, crear):
    """The editor submits; the coordination opens the approve-with-comment and request-changes
    modals, the task preview and the workflow history."""
    from wagtail.models import Page

    from .test_moderacion import form_data

    borrador = crear(
        "norte", "noticias", fabricas.noticia(slug="moderacion-espanol"), publicar=False
    )
    client.force_login(personas["edicion"])
    client.post(
        reverse("wagtailadmin_pages:edit", args=[borrador.pk]),
        form_data(borrador, **{"action-submit": "action-submit"}),
    )
    page = Page.objects.get(pk=borrador.pk)
    estado = page.current_workflow_state.current_task_state
    client.force_login(personas["coordinacion"])
    urls = [
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, accion, estado.pk])
        for accion in ("approve", "reject")
    ] + [
        reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_home"),
    ]
    hallazgos = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        encontrados = lineas_con_ingles(_html_de(response))
        if encontrados:
            hallazgos[url] = encontrados
    assert hallazgos == {}, "\n".join(f"{url}: {' | '.join(h)}" for url, h in hallazgos.items())
