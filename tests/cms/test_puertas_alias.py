"""An alias shows its source's content: it is public only while its source is.

Wagtail serves an alias (a page created by synchronising a language tree, or «Crear alias»)
with the content of its source, kept in step on every publication of the source, but with
its own place in the tree: a password, a login or a group restriction on the source or on
one of the source's ancestors is not on the alias. Whatever hides the source (``cms.
visibilidad``) must hide its aliases, at their address and in every public output.
"""

from urllib.parse import urlsplit

import pytest
from wagtail.models import Locale, PageViewRestriction

from cms.visibilidad import paginas_publicas

from . import fabricas
from .conftest import HOSTS
from .test_traducciones import arbol_en, traducir_publicando  # noqa: F401

TOKEN_TITULO = "Dictamenreservadoqxv"
TOKEN_CUERPO = "acuerdoconfidencialwzr"


@pytest.fixture
def alias_en(crear, arbol_en):  # noqa: F811
    """A published Norte news item and its alias in Norte's English tree."""
    arbol_en("norte", "en", "noticias")
    fuente = crear(
        "norte",
        "noticias",
        fabricas.noticia(
            title=f"Aviso {TOKEN_TITULO}",
            slug="aviso",
            cuerpo=[{"type": "parrafo", "value": f"<p>Texto {TOKEN_CUERPO}.</p>"}],
        ),
    )
    alias = fuente.copy_for_translation(Locale.objects.get(language_code="en"), alias=True)
    alias.refresh_from_db()
    return fuente, alias


def ruta(page):
    return urlsplit(page.full_url).path


def en_la_direccion_del_alias(client, alias):
    respuesta = client.get(ruta(alias), HTTP_HOST=HOSTS["norte"])
    return respuesta.status_code, respuesta.content.decode()


def test_the_alias_serves_its_public_sources_content(client, alias_en):
    fuente, alias = alias_en
    assert alias.live and alias.alias_of_id == fuente.pk and ruta(alias).startswith("/en/")
    estado, html = en_la_direccion_del_alias(client, alias)
    assert estado == 200 and TOKEN_CUERPO in html
    assert paginas_publicas().filter(pk=alias.pk).exists()


@pytest.mark.parametrize("donde", ["pagina", "seccion"])
def test_a_password_on_the_source_or_its_section_protects_the_alias(
    client, alias_en, indice, donde
):
    fuente, alias = alias_en
    protegida = fuente if donde == "pagina" else indice("norte", "noticias")
    PageViewRestriction.objects.create(
        page=protegida, restriction_type=PageViewRestriction.PASSWORD, password="clave"
    )

    estado, html = en_la_direccion_del_alias(client, alias)
    assert TOKEN_CUERPO not in html and TOKEN_TITULO not in html
    assert not paginas_publicas().filter(pk=alias.pk).exists()


def test_the_password_of_the_source_opens_the_alias(client, alias_en):
    from django.urls import reverse

    fuente, alias = alias_en
    restriccion = PageViewRestriction.objects.create(
        page=fuente, restriction_type=PageViewRestriction.PASSWORD, password="clave"
    )
    estado, html = en_la_direccion_del_alias(client, alias)
    assert estado == 200 and TOKEN_CUERPO not in html
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriccion.pk, fuente.pk]),
        {"password": "clave", "return_url": ruta(alias)},
        HTTP_HOST=HOSTS["norte"],
    )
    estado, html = en_la_direccion_del_alias(client, alias)
    assert estado == 200 and TOKEN_CUERPO in html


def test_a_restriction_on_the_source_takes_its_alias_out_of_search(alias_en, monkeypatch):
    from search import signals
    from search.pages import PageDocument

    fuente, alias = alias_en
    encoladas = []
    encolar = signals._enqueue_pages

    def espiar(paginas):
        encoladas.extend(paginas.values_list("pk", flat=True))
        return encolar(paginas)

    monkeypatch.setattr(signals, "_enqueue_pages", espiar)
    assert PageDocument().is_public(alias)
    PageViewRestriction.objects.create(page=fuente, restriction_type=PageViewRestriction.LOGIN)

    assert alias.pk in encoladas
    assert not PageDocument().is_public(alias)
