"""Nothing shown that is not public: every link a public page draws to another page (the
language switcher, hreflang, the site's sections and registries, links inside content)
points only at pages the visibility rule (cms.visibilidad) calls public. Each test shows the
link while the target is public, so it can fail both ways."""

from datetime import datetime, timedelta
from functools import partial
from unittest import mock

import pytest
from django.core.cache import caches
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.search.test_visibilidad import _restrict

from . import fabricas
from .conftest import HOSTS
from .test_traducciones import inicio, locale, publicar, traducir

NORTE = HOSTS["norte"]


def _confirmado(captura, cambio, *args, **kwargs):
    with captura(execute=True):
        return cambio(*args, **kwargs)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change as if committed (its purges and index work run at once)."""
    return partial(_confirmado, django_capture_on_commit_callbacks)


@pytest.fixture
def en_ingles(regions, commit):
    """Publish Norte's English home, then translate a page into English and publish it."""
    publicar(inicio(regions, "norte", "en"))

    def run(page):
        traducida = commit(traducir, page, "en")
        traducida.refresh_from_db()
        return traducida

    return run


def _caducada(page):
    """Live, with an expiry that has passed; the scheduled unpublish has not run yet."""
    expira = timezone.now() + timedelta(hours=1)
    page.expire_at = expira
    page.save_revision().publish()
    caches["paginas"].clear()
    return expira + timedelta(minutes=1)


NO_PUBLICA = {
    "contrasena": lambda p: _restrict(p, PageViewRestriction.PASSWORD, password="clave"),
    "sesion-en-el-padre": lambda p: _restrict(p.get_parent(), PageViewRestriction.LOGIN),
    "grupos": lambda p: _restrict(p, PageViewRestriction.GROUPS),
    "caducada": _caducada,
}


def ocultar(commit, caso, page):
    """Make ``page`` non-public by ``caso``; the moment to look at it (None: now)."""
    despues = commit(NO_PUBLICA[caso], page)
    return despues if isinstance(despues, datetime) else None


def leer(client, path, cuando=None, host=NORTE):
    if cuando is None:
        response = client.get(path, HTTP_HOST=host)
    else:
        with mock.patch("django.utils.timezone.now", return_value=cuando):
            response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def cabeza(html):
    return html.split("</head>")[0]


# -- Language switcher and hreflang ------------------------------------------------------------


@pytest.mark.parametrize("caso", sorted(NO_PUBLICA))
def test_switcher_and_hreflang_leave_out_a_live_translation_that_is_not_public(
    client, crear, indice, en_ingles, commit, caso
):
    en_ingles(indice("norte", "noticias"))
    noticia = crear("norte", "noticias", fabricas.noticia(slug="nota-con-ingles"))
    traducida = en_ingles(noticia)
    url_en = f"http://{NORTE}/en/noticias/{traducida.slug}/"

    html = leer(client, "/noticias/nota-con-ingles/")
    assert f'hreflang="en" href="{url_en}"' in cabeza(html)
    assert f'href="{url_en}" hreflang="en"' in html

    cuando = ocultar(commit, caso, traducida)
    traducida.refresh_from_db()
    assert traducida.live
    html = leer(client, "/noticias/nota-con-ingles/", cuando)
    assert "/en/noticias/" not in html
    assert 'hreflang="en"' not in html
    assert 'aria-label="Idiomas"' not in html


# -- The site's sections and registries in the header and footer ---------------------------------


def cabecera(html):
    return html.split("<header", 1)[1].split("</header>", 1)[0]


@pytest.mark.parametrize("caso", ["caducada", "contrasena"])
def test_spanish_sections_leave_out_a_listing_that_is_not_public(client, indice, commit, caso):
    assert 'href="/convocatorias/"' in cabecera(leer(client, "/eventos/"))
    cuando = ocultar(commit, caso, indice("norte", "convocatorias"))
    html = leer(client, "/eventos/", cuando)
    assert 'href="/convocatorias/"' not in html
    assert 'href="/noticias/"' in cabecera(html)


def test_sections_in_english_leave_out_a_restricted_translation(client, indice, en_ingles, commit):
    noticias_en = en_ingles(indice("norte", "noticias"))
    en_ingles(indice("norte", "eventos"))
    assert 'href="/en/noticias/"' in cabecera(leer(client, "/en/eventos/"))
    ocultar(commit, "contrasena", noticias_en)
    html = leer(client, "/en/eventos/")
    assert "/en/noticias/" not in html
    assert 'href="/en/eventos/"' in cabecera(html)


def test_sections_in_english_leave_out_an_alias_of_a_restricted_listing(
    client, regions, indice, en_ingles, commit
):
    en_ingles(indice("norte", "eventos"))
    noticias = indice("norte", "noticias")
    alias = commit(noticias.copy_for_translation, locale("en"), alias=True)
    assert alias.live
    assert 'href="/en/noticias/"' in cabecera(leer(client, "/en/eventos/"))
    ocultar(commit, "contrasena", noticias)
    assert "/en/noticias/" not in leer(client, "/en/eventos/")


def test_a_registry_whose_translation_is_not_public_is_linked_in_spanish(
    client, regions, indice, en_ingles, commit
):
    from cms.plugins import PluginPageMixin
    from cms.visibilidad import paginas_publicas

    en_ingles(indice("norte", "eventos"))
    home = regions["norte"].site.root_page
    directorio = next(
        p
        for p in paginas_publicas(home.get_children()).specific()
        if isinstance(p, PluginPageMixin) and p.plugin_label == "directorio"
    )
    traducido = en_ingles(directorio)
    assert 'href="/en/directorio/"' in cabecera(leer(client, "/en/eventos/"))
    ocultar(commit, "contrasena", traducido)
    html = leer(client, "/en/eventos/")
    assert "/en/directorio/" not in html
    assert 'href="/directorio/"' in cabecera(html)


# -- Links inside content ----------------------------------------------------------------------


@pytest.fixture
def enlazada(crear):
    """A public news item (the target) and another whose body links to it twice: a rich-text
    page link and an «Enlace destacado» block."""

    def make(publicar=True):
        destino = crear(
            "norte",
            "noticias",
            fabricas.noticia(slug="destino-enlazado", title="Destino enlazado"),
            publicar=publicar,
        )
        cuerpo = [
            {
                "type": "parrafo",
                "value": f'<p>Consulte <a linktype="page" id="{destino.pk}">el aviso</a>.</p>',
            },
            {"type": "enlace", "value": {"texto": "Ir al aviso", "pagina": destino.pk, "url": ""}},
        ]
        crear("norte", "noticias", fabricas.noticia(slug="con-enlaces", cuerpo=cuerpo))
        return destino

    return make


def _despublicar(page):
    page.specific.unpublish()


# (Not a restriction on the parent: the linking page shares it.)
CONTENIDO_NO_PUBLICO = {
    **{caso: ocultar for caso, ocultar in NO_PUBLICA.items() if caso != "sesion-en-el-padre"},
    "sesion": lambda p: _restrict(p, PageViewRestriction.LOGIN),
    "despublicada": _despublicar,
}


@pytest.mark.parametrize("caso", sorted(CONTENIDO_NO_PUBLICO))
def test_links_in_content_to_a_page_that_is_not_public_lose_their_address(
    client, enlazada, commit, caso
):
    destino = enlazada()
    html = leer(client, "/noticias/con-enlaces/")
    assert html.count('/noticias/destino-enlazado/">') == 2
    assert "Ir al aviso" in html
    cuando = commit(CONTENIDO_NO_PUBLICO[caso], destino)
    cuando = cuando if isinstance(cuando, datetime) else None
    html = leer(client, "/noticias/con-enlaces/", cuando)
    assert "destino-enlazado" not in html and "Destino enlazado" not in html
    assert "Consulte <a>el aviso</a>." in html
    assert "Ir al aviso" not in html


def test_a_cached_page_links_its_target_once_the_target_is_published(client, enlazada, commit):
    destino = enlazada(publicar=False)
    html = leer(client, "/noticias/con-enlaces/")
    assert "destino-enlazado" not in html and "Consulte <a>el aviso</a>." in html
    assert leer(client, "/noticias/con-enlaces/") == html  # served again from the cache
    commit(lambda: destino.save_revision().publish())
    html = leer(client, "/noticias/con-enlaces/")
    assert html.count('/noticias/destino-enlazado/">') == 2


def test_links_inside_a_restricted_section_keep_their_address_for_its_readers(
    client, enlazada, indice, commit, make_user
):
    """Both pages are behind the section's login: whoever reads one may read the other."""
    enlazada()
    commit(_restrict, indice("norte", "noticias"), PageViewRestriction.LOGIN)
    anonima = client.get("/noticias/con-enlaces/", HTTP_HOST=NORTE)
    assert anonima.status_code == 302 and b"destino-enlazado" not in anonima.content
    client.force_login(make_user())
    html = leer(client, "/noticias/con-enlaces/")
    assert html.count('/noticias/destino-enlazado/">') == 2
    assert "Ir al aviso" in html


def test_a_password_section_opens_its_links_only_to_whoever_gave_the_password(
    client, enlazada, indice, commit
):
    """Wagtail shows the password form with the page already chosen: nothing of the section
    opens for that visitor. After the password, both links lead to the target, and the page
    is never stored in the page cache for others."""
    from django.urls import reverse

    enlazada()
    seccion = indice("norte", "noticias")
    restriccion = commit(_restrict, seccion, PageViewRestriction.PASSWORD, password="clave")
    formulario = leer(client, "/noticias/con-enlaces/")
    assert "destino-enlazado" not in formulario and 'name="password"' in formulario
    pagina = seccion.get_children().get(slug="con-enlaces")
    respuesta = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriccion.pk, pagina.pk]),
        {"password": "clave", "return_url": "/noticias/con-enlaces/"},
        HTTP_HOST=NORTE,
    )
    assert respuesta.status_code == 302
    html = leer(client, "/noticias/con-enlaces/")
    assert html.count('/noticias/destino-enlazado/">') == 2
    client.cookies.clear()
    formulario = leer(client, "/noticias/con-enlaces/")
    assert "destino-enlazado" not in formulario and 'name="password"' in formulario


def test_a_link_to_a_page_behind_a_restriction_of_its_own_keeps_no_address(
    client, enlazada, indice, commit, make_user
):
    """Inside the section, a target with its own password is not readable by every reader;
    and a public page never links into a restricted section, whoever reads it."""
    destino = enlazada()
    commit(_restrict, indice("norte", "noticias"), PageViewRestriction.LOGIN)
    commit(_restrict, destino, PageViewRestriction.PASSWORD, password="otra-clave")
    client.force_login(make_user())
    html = leer(client, "/noticias/con-enlaces/")
    assert "destino-enlazado" not in html and "Consulte <a>el aviso</a>." in html


def test_a_public_page_links_into_a_restricted_section_for_no_one(
    client, crear, enlazada, commit, make_user
):
    destino = enlazada()
    cuerpo = [
        {"type": "parrafo", "value": f'<p>Vea <a linktype="page" id="{destino.pk}">esto</a>.</p>'}
    ]
    crear("norte", "noticias", fabricas.noticia(slug="publica-enlaza", cuerpo=cuerpo))
    commit(_restrict, destino, PageViewRestriction.LOGIN)
    client.force_login(make_user())
    html = leer(client, "/noticias/publica-enlaza/")
    assert "destino-enlazado" not in html and "Vea <a>esto</a>." in html


# -- Breadcrumbs -------------------------------------------------------------------------------


def migas(html):
    return html.split('<nav class="migas"', 1)[1].split("</nav>", 1)[0]


@pytest.mark.parametrize("caso", ["caducada", "despublicada"])
def test_breadcrumbs_leave_out_an_ancestor_that_is_not_public(client, crear, indice, commit, caso):
    """Wagtail serves a live page under an unpublished (or expired) parent; the trail to it
    names only the public ones."""
    crear("norte", "noticias", fabricas.noticia(slug="bajo-seccion"))
    assert 'href="/noticias/"' in migas(leer(client, "/noticias/bajo-seccion/"))
    cuando = commit(CONTENIDO_NO_PUBLICO[caso], indice("norte", "noticias"))
    cuando = cuando if isinstance(cuando, datetime) else None
    html = leer(client, "/noticias/bajo-seccion/", cuando)
    assert 'href="/noticias/"' not in migas(html)
    assert 'href="/"' in migas(html)


def test_breadcrumbs_keep_a_restricted_section_for_whoever_may_read_it(
    client, crear, indice, commit, make_user
):
    crear("norte", "noticias", fabricas.noticia(slug="en-seccion-reservada"))
    commit(_restrict, indice("norte", "noticias"), PageViewRestriction.LOGIN)
    client.force_login(make_user())
    assert 'href="/noticias/"' in migas(leer(client, "/noticias/en-seccion-reservada/"))


@pytest.mark.parametrize("caso", ["caducada", "despublicada"])
def test_topics_link_to_their_listing_only_while_it_is_public(client, crear, indice, commit, caso):
    page = fabricas.noticia(slug="con-temas")
    page.temas.add("rendicion de cuentas")
    crear("norte", "noticias", page)
    assert 'href="/noticias/?tema=rendicion-de-cuentas"' in leer(client, "/noticias/con-temas/")
    cuando = commit(CONTENIDO_NO_PUBLICO[caso], indice("norte", "noticias"))
    cuando = cuando if isinstance(cuando, datetime) else None
    html = leer(client, "/noticias/con-temas/", cuando)
    assert "?tema=" not in html and "rendicion de cuentas" in html
