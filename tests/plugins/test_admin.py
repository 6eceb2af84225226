from django.urls import reverse
from wagtail.models import PageLogEntry  # noqa: F401  (log entries exist for pages too)

from cms.plugins import is_enabled_for_region


def test_plugin_list_shows_installed_plugins_with_version_and_status(client, editor_of):
    client.force_login(editor_of("nacional", "coordinacion"))
    response = client.get(reverse("regiones_complementos"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Complemento de prueba" in body and "0.0.1" in body
    assert "Compatible" in body


def cambiar(label, region):
    return reverse("regiones_complemento_cambiar", args=[label, region.pk])


def test_national_coordination_switches_a_plugin_off_for_one_region(client, editor_of, regions):
    client.force_login(editor_of("nacional", "coordinacion"))
    assert client.get(cambiar("testdummy", regions["sureste"])).status_code == 200
    response = client.post(cambiar("testdummy", regions["sureste"]))
    assert response.status_code == 302
    assert not is_enabled_for_region("testdummy", regions["sureste"])
    assert is_enabled_for_region("testdummy", regions["norte"])
    assert client.get("/api/v1/testdummy/ping", HTTP_HOST="sureste.localhost").status_code == 404
    client.post(cambiar("testdummy", regions["sureste"]))
    assert is_enabled_for_region("testdummy", regions["sureste"])


def test_unknown_plugin_changes_nothing(client, editor_of, regions):
    client.force_login(editor_of("nacional", "coordinacion"))
    assert client.post(cambiar("no-existe", regions["sureste"])).status_code == 404
    url = reverse("regiones_complemento_cambiar", args=["testdummy", 999999])
    assert client.post(url).status_code == 404


def test_regional_coordinators_cannot_switch_plugins(client, editor_of, regions):
    client.force_login(editor_of("norte", "coordinacion"))
    assert client.get(reverse("regiones_complementos")).status_code in (302, 403)
    client.post(cambiar("testdummy", regions["sureste"]))
    assert is_enabled_for_region("testdummy", regions["sureste"])
