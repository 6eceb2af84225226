"""Content-Security-Policy: strict on the public sites (which use no inline script or
style), workable on the admin; both forbid plugins, <base> and framing by other sites."""

import re

import pytest
from django.db.utils import OperationalError
from django.test import Client
from wagtail.models import Page

from tests.cms import fabricas
from tests.conftest import HOSTS

SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
STYLE = re.compile(r"<style\b([^>]*)>", re.IGNORECASE)
ATRIBUTO_STYLE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
MANEJADOR = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
#: Script types a browser does not run (data for scripts, structured data).
NO_EJECUTABLES = ("application/json", "application/ld+json")


def directivas(response):
    header = response["Content-Security-Policy"]
    return {parte.split()[0]: parte.split()[1:] for parte in header.split(";") if parte.strip()}


def _comunes(d):
    assert d["object-src"] == ["'none'"]
    assert d["base-uri"] == ["'self'"]
    assert d["frame-ancestors"] == ["'self'"]
    assert d["form-action"] == ["'self'"]


def _paginas_publicas():
    """A public page of every type on every site (its first few), plus listings."""
    vistas, paginas = set(), []
    for page in Page.objects.live().public().filter(depth__gte=2).specific().order_by("path"):
        tipo = type(page).__name__
        if vistas.issuperset({tipo}) and page.depth > 3:
            continue
        vistas.add(tipo)
        paginas.append(page)
    return paginas


def test_public_pages_have_a_strict_policy_and_no_inline_code(client, crear):
    crear("norte", "noticias", fabricas.noticia(slug="con-compartir"))
    revisadas = 0
    for page in _paginas_publicas():
        site_id, root_url, path = page.get_url_parts()
        host = root_url.split("//", 1)[1].split(":")[0]
        response = client.get(path, HTTP_HOST=host)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        revisadas += 1
        d = directivas(response)
        _comunes(d)
        assert "'unsafe-inline'" not in d["script-src"] + d["style-src"], path
        assert "'unsafe-eval'" not in d["script-src"], path
        html = response.content.decode()
        for attrs in SCRIPT.findall(html):
            assert "src=" in attrs or any(t in attrs for t in NO_EJECUTABLES), (path, attrs)
        assert not STYLE.findall(html), path
        assert not ATRIBUTO_STYLE.search(html), (path, ATRIBUTO_STYLE.search(html).group(0))
        assert not MANEJADOR.search(html), path
    assert revisadas >= 20, revisadas


@pytest.mark.parametrize(
    "path", ["/buscar/?q=datos", "/directorio/", "/no-existe/", "/healthz", "/robots.txt"]
)
def test_other_public_responses_carry_the_strict_policy(client, db, path):
    response = client.get(path, HTTP_HOST=HOSTS["norte"])
    d = directivas(response)
    _comunes(d)
    assert d["script-src"][0] == "'self'" and "'unsafe-inline'" not in d["script-src"]


def test_a_cached_page_carries_the_policy_too(client, db):
    primera = client.get("/", HTTP_HOST=HOSTS["centro"])
    segunda = client.get("/", HTTP_HOST=HOSTS["centro"])
    assert segunda["X-Cache"] == "HIT"
    assert segunda["Content-Security-Policy"] == primera["Content-Security-Policy"]
    assert "nonce-" not in segunda["Content-Security-Policy"]


def test_media_storage_is_allowed_for_images(client, db, settings):
    settings.AWS_STORAGE_BUCKET_NAME = "medios"
    settings.AWS_S3_ENDPOINT_URL = "http://127.0.0.1:5055"
    settings.SNT_PUBLIC_MEDIA_DOMAIN = "cdn.red-snt.example"
    d = directivas(client.get("/", HTTP_HOST=HOSTS["norte"]))
    assert "http://127.0.0.1:5055" in d["img-src"]
    assert "https://cdn.red-snt.example" in d["img-src"]


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/login/"])
def test_admin_pages_have_a_workable_policy(client, editor_of, path):
    client.force_login(editor_of("norte", "edicion"))
    response = client.get(path, HTTP_HOST=HOSTS["norte"])
    assert response.status_code in (200, 302)
    d = directivas(response)
    _comunes(d)
    assert "'unsafe-inline'" in d["script-src"] and "'unsafe-eval'" not in d["script-src"]


def test_the_503_page_style_carries_the_nonce_of_its_header(db, monkeypatch):
    def caida(*args, **kwargs):
        raise OperationalError("sin base de datos")

    from cms.models import HomePage

    monkeypatch.setattr(HomePage, "serve", caida)
    client = Client(raise_request_exception=False)
    response = client.get("/", HTTP_HOST=HOSTS["sureste"], HTTP_COOKIE="")
    assert response.status_code == 503
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<style nonce="{nonce}">' in response.content.decode()


def test_the_fixed_policy_is_built_once_and_matches_django_csp(client, db, monkeypatch):
    """A response without a nonce carries a header built once per process and settings,
    identical to the one django-csp builds for it on each response."""
    from dataclasses import asdict

    from csp.middleware import PolicyParts
    from csp.utils import build_policy

    from cms import seguridad

    seguridad._CABECERAS.clear()
    construidas = []
    original = seguridad.politica_publica

    def contada():
        construidas.append(1)
        return original()

    monkeypatch.setattr(seguridad, "politica_publica", contada)
    cabeceras = {
        client.get("/", HTTP_HOST=HOSTS[region])["Content-Security-Policy"]
        for region in ("norte", "centro", "sureste")
    }
    assert len(construidas) == 1
    por_respuesta = build_policy(**asdict(PolicyParts(config=original())))
    assert cabeceras == {por_respuesta}
    admin = seguridad.cabecera_fija(admin=True)
    assert admin == build_policy(**asdict(PolicyParts(config=seguridad.politica_admin())))
    assert admin != por_respuesta


def test_a_changed_setting_reaches_the_next_response(client, db, settings):
    antes = directivas(client.get("/", HTTP_HOST=HOSTS["norte"]))
    assert "https://cdn-nuevo.red-snt.example" not in antes["img-src"]
    settings.SNT_PUBLIC_MEDIA_DOMAIN = "cdn-nuevo.red-snt.example"
    despues = directivas(client.get("/", HTTP_HOST=HOSTS["norte"]))
    assert "https://cdn-nuevo.red-snt.example" in despues["img-src"]


def test_a_response_with_its_own_policy_changes_is_built_for_it(rf):
    from django.http import HttpResponse

    from cms.seguridad import PoliticaDeContenidoMiddleware

    def vista(request):
        response = HttpResponse("ok")
        response._csp_update = {"img-src": ["https://mapas.example"]}
        return response

    middleware = PoliticaDeContenidoMiddleware(vista)
    request = rf.get("/")
    response = middleware(request)
    assert "https://mapas.example" in directivas(response)["img-src"]
    sin_cambios = PoliticaDeContenidoMiddleware(lambda r: HttpResponse("ok"))(rf.get("/"))
    assert "https://mapas.example" not in directivas(sin_cambios)["img-src"]
