"""Error pages are Spanish and never list the project's URL patterns, also with DEBUG on
(the demo runs with it); Wagtail's password page is a page of the site."""

import sys

import pytest
from django.test import override_settings
from django.views.debug import technical_500_response
from wagtail.models import PageViewRestriction

from cms.errores import PaginasDeErrorMiddleware
from cms.plugins import set_enabled

from . import fabricas
from .conftest import HOSTS

pytestmark = pytest.mark.django_db

#: What Django's debug pages show and a citizen must never see.
DEPURACION = ("URLconf", "Using the URLconf", "DEBUG = True", "Traceback", "Page not found")


def espanol_sin_depuracion(response, status):
    assert response.status_code == status
    texto = response.content.decode()
    assert '<html lang="es-MX"' in texto
    assert 'name="viewport"' in texto
    for rastro in DEPURACION:
        assert rastro not in texto, rastro
    return texto


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize(
    "ruta", ["/no-existe/", "/archivo.php", "/noticias/no-existe/", "/en/noticias/"]
)
def test_unknown_addresses_answer_the_spanish_404(client, debug, ruta):
    with override_settings(DEBUG=debug):
        response = client.get(ruta, HTTP_HOST=HOSTS["norte"])
    texto = espanol_sin_depuracion(response, 404)
    assert "No encontramos esta página" in texto or "no está disponible" in texto


@pytest.mark.parametrize("debug", [False, True])
def test_a_switched_off_plugin_answers_the_spanish_404(client, regions, debug):
    set_enabled("directorio", regions["norte"], False)
    with override_settings(DEBUG=debug):
        response = client.get("/directorio/", HTTP_HOST=HOSTS["norte"])
    espanol_sin_depuracion(response, 404)


def test_a_server_error_under_debug_answers_the_spanish_500(rf):
    request = rf.get("/noticias/", HTTP_HOST=HOSTS["norte"])

    def falla(request):
        try:
            raise RuntimeError("algo se rompió")
        except RuntimeError:
            return technical_500_response(request, *sys.exc_info())

    with override_settings(DEBUG=True):
        response = PaginasDeErrorMiddleware(falla)(request)
        assert response.status_code == 500
        texto = response.content.decode()
        assert "Algo salió mal" in texto and "algo se rompió" not in texto
        with override_settings(SNT_PAGINAS_DE_DEPURACION=True):
            # Whoever develops can ask for Django's debug page.
            assert "algo se rompió" in PaginasDeErrorMiddleware(falla)(request).content.decode()


def test_the_password_page_is_a_spanish_page_for_phones(client, crear):
    page = crear("sureste", "noticias", fabricas.noticia(slug="con-contrasena"))
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secreta-2026"
    )
    response = client.get("/noticias/con-contrasena/", HTTP_HOST=HOSTS["sureste"])
    texto = espanol_sin_depuracion(response, 200)
    assert "pide una contraseña" in texto
    assert 'name="robots" content="noindex, follow"' in texto
    assert page.entrada not in texto
    assert 'type="password"' in texto
