"""The national coordination (the only one allowed to switch plugins) switches the directory
off for Centro-Occidente after a confirmation that says what disappears: the region's home and
header menu stop linking to it (the cached copy is purged), the section answers 404, the
region's institutions leave the search (the page and the API) and the region's coordination
and editors lose its admin menu, while other regions keep it. Switching back restores all."""

import json
import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

REGION = "centro-occidente"
NOMBRE = "Centro-Occidente"


def enlaces_al_directorio(page, donde="body"):
    """Links to the region's directory, relative or absolute (some live in the header's
    closed menu)."""
    return page.locator(donde).locator(
        f'a[href="/directorio/"], a[href*="//{REGION}.localhost"][href$="/directorio/"]'
    )


def instituciones_en_la_pagina(page, servidor, nombre):
    consulta = urlencode({"q": nombre, "region": REGION, "tipo": "organismo"})
    page.goto(servidor.url(REGION, f"/buscar/?{consulta}"))
    expect(page.locator("main p[role=status]", has_text="para «")).to_be_visible()
    return page.locator(".resultados > li").filter(has_text="Institución").filter(has_text=nombre)


def instituciones_en_la_api(page, servidor, nombre):
    """Titles the search API gives for the institution (same filters as the page)."""
    consulta = urlencode({"q": nombre, "region": REGION, "tipo": "organismo"})
    respuesta = page.goto(servidor.url(REGION, f"/api/v1/buscar?{consulta}"))
    assert respuesta.status == 200
    datos = json.loads(respuesta.text())
    return [r["titulo"] for r in datos["resultados"] if r["tipo"] == "organismo"]


def menu_directorio(page):
    return page.locator("#wagtail-sidebar").get_by_text("Directorio", exact=True)


def pedir_cambio(nacional, servidor, accion):
    nacional.goto(servidor.url("nacional", "/admin/complementos/"))
    nacional.get_by_role("link", name=f"{accion} Directorio en {NOMBRE}").click()
    expect(nacional.locator("[data-cambios]")).to_be_visible()


def confirmar(nacional, boton, mensaje):
    nacional.get_by_role("button", name=boton).click()
    expect(nacional).to_have_url(re.compile(r"/admin/complementos/$"))
    expect(nacional.locator(".messages")).to_contain_text(mensaje)


def test_un_complemento_desactivado_desaparece_de_la_portada_los_menus_y_la_busqueda(
    servidor, contexto, iniciar_sesion, captura
):
    institucion = servidor.value(
        "SELECT o.nombre FROM regiones_organismogarante o "
        "JOIN regiones_region r ON r.id = o.region_id "
        "WHERE r.slug = %s AND o.estado = 'vigente' ORDER BY o.id",
        (REGION,),
    )
    publico = contexto().new_page()
    publico.goto(servidor.url(REGION))
    expect(enlaces_al_directorio(publico, "header")).not_to_have_count(0)
    expect(enlaces_al_directorio(publico, "main")).not_to_have_count(0)
    expect(instituciones_en_la_pagina(publico, servidor, institucion)).not_to_have_count(0)
    assert institucion in instituciones_en_la_api(publico, servidor, institucion)

    coordinacion = iniciar_sesion(contexto().new_page(), REGION, f"{REGION}.coordinacion")
    edicion = iniciar_sesion(contexto().new_page(), REGION, f"{REGION}.edicion")
    sureste = iniciar_sesion(contexto().new_page(), "sureste", "sureste.coordinacion")
    for persona in (coordinacion, edicion, sureste):
        expect(menu_directorio(persona)).not_to_have_count(0)

    # The region's coordination cannot switch its own plugins: the listing is not theirs.
    coordinacion.goto(servidor.url(REGION, "/admin/complementos/"))
    expect(
        coordinacion.get_by_role("link", name=re.compile("Desactivar Directorio"))
    ).to_have_count(0)

    # The national coordination is told what disappears before anything changes.
    nacional = iniciar_sesion(contexto().new_page(), "nacional", "nacional.coordinacion")
    pedir_cambio(nacional, servidor, "Desactivar")
    cambios = nacional.locator("[data-cambios]")
    expect(cambios).to_contain_text("sale de la portada de la región")
    expect(cambios).to_contain_text("dejan de mostrarse y de aparecer en la búsqueda")
    expect(cambios).to_contain_text("dejan de ver sus menús y paneles")
    captura(nacional, "confirmar-desactivar")
    publico.goto(servidor.url(REGION))
    expect(enlaces_al_directorio(publico)).not_to_have_count(0)  # asking changed nothing
    # Cancelling changes nothing either.
    nacional.get_by_role("link", name="Cancelar").click()
    expect(nacional).to_have_url(re.compile(r"/admin/complementos/$"))
    expect(nacional.get_by_role("link", name=f"Desactivar Directorio en {NOMBRE}")).to_be_visible()
    publico.reload()
    expect(enlaces_al_directorio(publico)).not_to_have_count(0)

    pedir_cambio(nacional, servidor, "Desactivar")
    confirmar(nacional, "Sí, desactivar", f"Directorio quedó desactivado en {NOMBRE}")
    try:
        # Gone from the region's home, its header menu, its address and the search.
        publico.goto(servidor.url(REGION))
        expect(publico.get_by_role("heading", level=1)).to_be_visible()
        expect(enlaces_al_directorio(publico, "header")).to_have_count(0)
        expect(enlaces_al_directorio(publico)).to_have_count(0)
        captura(publico, "portada-sin-directorio")
        assert publico.goto(servidor.url(REGION, "/directorio/")).status == 404
        expect(instituciones_en_la_pagina(publico, servidor, institucion)).to_have_count(0)
        assert instituciones_en_la_api(publico, servidor, institucion) == []

        # Gone from the admin menus of the region's coordination and editors.
        for persona in (coordinacion, edicion):
            persona.goto(servidor.url(REGION, "/admin/"))
            expect(
                persona.locator("#wagtail-sidebar").get_by_text("Páginas", exact=True)
            ).not_to_have_count(0)
            expect(menu_directorio(persona)).to_have_count(0)
        captura(coordinacion, "menu-sin-directorio")

        # Other regions keep it.
        publico.goto(servidor.url("sureste"))
        expect(publico.locator("header").locator('a[href$="/directorio/"]')).not_to_have_count(0)
        sureste.reload()
        expect(menu_directorio(sureste)).not_to_have_count(0)
    finally:
        pedir_cambio(nacional, servidor, "Activar")
        expect(nacional.locator("[data-cambios]")).to_contain_text("vuelve a mostrarse")
        confirmar(nacional, "Sí, activar", f"Directorio quedó activado en {NOMBRE}")

    # Switching back restores everything.
    publico.goto(servidor.url(REGION))
    expect(enlaces_al_directorio(publico, "header")).not_to_have_count(0)
    expect(enlaces_al_directorio(publico, "main")).not_to_have_count(0)
    assert publico.goto(servidor.url(REGION, "/directorio/")).status == 200
    expect(instituciones_en_la_pagina(publico, servidor, institucion)).not_to_have_count(0)
    assert institucion in instituciones_en_la_api(publico, servidor, institucion)
    for persona in (coordinacion, edicion):
        persona.goto(servidor.url(REGION, "/admin/"))
        expect(menu_directorio(persona)).not_to_have_count(0)
