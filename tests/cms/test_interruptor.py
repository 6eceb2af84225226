"""Configuración › Complementos: switching a plugin off for one region asks for a confirmation
that says what disappears; afterwards the region's home no longer links to the section (the
page cache is purged), the section answers 404 and the region's people no longer see the
plugin's menus, panels or admin URLs. Switching back restores everything."""

import pytest
from django.urls import reverse

from cms.plugin_switch import apagados_para, complemento_de_url
from cms.plugins import disabled_region_ids, set_enabled

from .conftest import HOSTS


@pytest.fixture
def directorio_urls():
    from plugins.directorio.models import AreaComunicacion, CuentaSocial

    return [
        reverse(CuentaSocial.snippet_viewset.get_url_name("list")),
        reverse(AreaComunicacion.snippet_viewset.get_url_name("list")),
    ]


def portada(client, region):
    return client.get("/", HTTP_HOST=HOSTS[region])


def test_switching_asks_first_and_says_what_disappears(client, editor_of, regions):
    norte = regions["norte"]
    url = reverse("regiones_complemento_cambiar", args=["directorio", norte.pk])
    client.force_login(editor_of("nacional", "coordinacion"))

    listado = client.get(reverse("regiones_complementos")).content.decode()
    assert f'href="{url}"' in listado
    # The listing no longer switches with one click.
    assert (
        client.post(
            reverse("regiones_complementos"), {"complemento": "directorio", "region": norte.pk}
        ).status_code
        == 405
    )
    assert norte.pk not in disabled_region_ids("directorio")

    pregunta = client.get(url)
    assert pregunta.status_code == 200
    html = pregunta.content.decode()
    assert "Desactivar Directorio en Norte" in html
    assert "La página «Directorio»" in html
    assert "sale de la portada de la región" in html
    assert "dejan de mostrarse y de aparecer en la búsqueda" in html
    assert "dejan de ver sus menús y paneles" in html
    assert norte.pk not in disabled_region_ids("directorio")  # asking changed nothing

    hecho = client.post(url)
    assert hecho.status_code == 302
    assert norte.pk in disabled_region_ids("directorio")
    assert "Activar Directorio en Norte" in client.get(url).content.decode()
    client.post(url)
    assert norte.pk not in disabled_region_ids("directorio")

    # Only the national coordination may switch.
    client.force_login(editor_of("norte", "coordinacion"))
    assert client.get(url).status_code in (302, 403)
    assert client.post(url).status_code in (302, 403)
    assert norte.pk not in disabled_region_ids("directorio")


def test_switched_off_plugin_vanishes_from_home_section_and_admin_then_comes_back(
    client, editor_of, regions, directorio_urls
):
    from django.test import Client

    norte = regions["norte"]
    visitante = Client()
    assert 'href="/directorio/"' in portada(visitante, "norte").content.decode()
    assert portada(visitante, "norte")["X-Cache"] == "HIT"  # the home is cached

    editor = Client()
    editor.force_login(editor_of("norte", "edicion"))
    sureste = Client()
    sureste.force_login(editor_of("sureste", "edicion"))
    nacional = Client()
    nacional.force_login(editor_of("nacional", "coordinacion"))
    for persona in (editor, sureste):
        tablero = persona.get(reverse("wagtailadmin_home")).content.decode()
        assert all(url in tablero for url in directorio_urls)

    client.force_login(editor_of("nacional", "coordinacion"))
    url = reverse("regiones_complemento_cambiar", args=["directorio", norte.pk])
    assert client.post(url).status_code == 302

    # The cached home was purged: it no longer links to the section, which answers 404.
    assert 'href="/directorio/"' not in portada(visitante, "norte").content.decode()
    assert visitante.get("/directorio/", HTTP_HOST=HOSTS["norte"]).status_code == 404
    assert 'href="/directorio/"' in portada(visitante, "sureste").content.decode()

    # Norte's people no longer see its menus; its admin URLs send them back to the dashboard
    # with a message that says why, and a form sent there is refused.
    tablero = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert not any(url in tablero for url in directorio_urls)
    for direccion in directorio_urls:
        response = editor.get(direccion, follow=True)
        assert response.redirect_chain[0] == (reverse("wagtailadmin_home"), 302)
        assert "«Directorio» no está activo en tu región" in response.content.decode()
        assert editor.post(direccion).status_code == 403
    # Other regions and the national coordination keep it.
    tablero = sureste.get(reverse("wagtailadmin_home")).content.decode()
    assert all(url in tablero for url in directorio_urls)
    assert all(sureste.get(url).status_code == 200 for url in directorio_urls)
    assert nacional.get(directorio_urls[0]).status_code == 200

    # Switching back restores everything.
    assert client.post(url).status_code == 302
    assert 'href="/directorio/"' in portada(visitante, "norte").content.decode()
    assert visitante.get("/directorio/", HTTP_HOST=HOSTS["norte"]).status_code == 200
    tablero = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert all(url in tablero for url in directorio_urls)
    assert all(editor.get(url).status_code == 200 for url in directorio_urls)


def test_every_plugin_menu_is_recognised_as_its_plugin(editor_of, regions, rf):
    """By construction: every menu item a plugin adds to the admin is traced back to it, so
    switching any plugin off hides all of its menus."""
    from wagtail.admin.menu import SubmenuMenuItem, admin_menu, reports_menu, settings_menu

    from cms.plugins import installed_plugins

    encontrados = {}
    for menu in (admin_menu, reports_menu, settings_menu):
        for item in menu.registered_menu_items:
            hijos = item.menu.registered_menu_items if isinstance(item, SubmenuMenuItem) else [item]
            for hijo in hijos:
                etiqueta = complemento_de_url(hijo.url)
                if etiqueta:
                    encontrados.setdefault(etiqueta, []).append(hijo.url)
    instalados = {plugin.label for _config, plugin in installed_plugins()}
    # Every installed plugin has admin menus, except the test plugin (snippets only).
    assert instalados - {"testdummy"} <= set(encontrados) <= instalados

    editor = editor_of("norte", "edicion")
    for etiqueta in encontrados:
        set_enabled(etiqueta, regions["norte"], False)
    assert apagados_para(editor) == set(encontrados)
    assert apagados_para(editor_of("nacional", "coordinacion")) == set()
    assert apagados_para(editor_of("sureste", "edicion")) == set()


def test_the_plugins_dashboard_panels_leave_with_it(editor_of, regions, rf):
    from cms.paneles import PanelRegional
    from cms.plugin_switch import ocultar_paneles
    from plugins.directorio.admin_views import CuentasPorVerificarPanel

    def paneles_de(user):
        request = rf.get("/admin/")
        request.user = user
        panels = [CuentasPorVerificarPanel(user), PanelRegional(user)]
        ocultar_paneles(request, panels)
        return [type(p) for p in panels]

    set_enabled("directorio", regions["norte"], False)
    assert paneles_de(editor_of("norte", "edicion")) == [PanelRegional]
    assert paneles_de(editor_of("sureste", "edicion")) == [CuentasPorVerificarPanel, PanelRegional]
    assert paneles_de(editor_of("nacional", "coordinacion")) == [
        CuentasPorVerificarPanel,
        PanelRegional,
    ]
