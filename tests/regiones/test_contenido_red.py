"""«Contenido de las regiones»: how many pages each region published, month by month."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.cms import fabricas


def _resumen(client, **params):
    response = client.get(reverse("regiones_contenido_red"), params)
    assert response.status_code == 200
    meses = response.context["meses"]
    filas = {
        region.slug: (cuentas, total) for region, cuentas, total in response.context["resumen"]
    }
    return meses, filas, response.content.decode()


def indice(regions, region_slug, slug):
    return regions[region_slug].site.root_page.get_children().get(slug=slug).specific


def test_report_counts_pages_per_region_and_month(client, editor_of, regions):
    client.force_login(editor_of("nacional", "coordinacion"))
    meses, antes, _html = _resumen(client)
    assert len(meses) == 6 and meses[-1] == timezone.localdate().replace(day=1)

    noticias = indice(regions, "norte", "noticias")
    for n in range(2):
        page = fabricas.noticia(slug=f"resumen-{n}")
        noticias.add_child(instance=page)
        page.save_revision().publish()
    vieja = fabricas.noticia(slug="resumen-vieja")
    noticias.add_child(instance=vieja)
    vieja.save_revision().publish()
    hace_dos_meses = timezone.now().replace(day=15) - timedelta(days=61)
    type(vieja).objects.filter(pk=vieja.pk).update(first_published_at=hace_dos_meses)
    sureste = fabricas.noticia(slug="resumen-sureste")
    indice(regions, "sureste", "noticias").add_child(instance=sureste)
    sureste.save_revision().publish()

    meses, despues, html = _resumen(client)
    cuentas_antes, total_antes = antes.get("norte", ([0] * 6, 0))
    cuentas, total = despues["norte"]
    assert cuentas[-1] - cuentas_antes[-1] == 2
    columna_vieja = meses.index(timezone.localtime(hace_dos_meses).date().replace(day=1))
    assert cuentas[columna_vieja] - cuentas_antes[columna_vieja] == 1
    assert total - total_antes == 3
    assert despues["sureste"][1] - antes.get("sureste", ([0] * 6, 0))[1] == 1
    assert "Páginas por región y mes" in html

    # the report's filters apply to the summary too
    _meses, filtrado, _html = _resumen(client, region=regions["norte"].pk)
    assert set(filtrado) == {"norte"}
