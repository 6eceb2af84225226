from django.urls import reverse
from wagtail.contrib.search_promotions.models import SearchPromotion

from search.models import ConsultaBusqueda, PromocionSitio


def _page(region):
    return region.site.root_page.get_children().live().first()


def test_coordinator_promotes_for_own_site_only(client, editor_of, regions):
    client.force_login(editor_of("norte", "coordinacion"))
    url = reverse("snt_search_promociones")
    form = client.get(url).context["form"]
    assert list(form.fields["region"].queryset) == [regions["norte"]]
    response = client.post(
        url,
        {
            "region": regions["norte"].pk,
            "consulta": "transparencia",
            "pagina": _page(regions["norte"]).pk,
            "orden": 0,
        },
    )
    assert response.status_code == 302
    promo = PromocionSitio.objects.get()
    assert promo.site == regions["norte"].site
    assert promo.promocion.query.query_string == "transparencia"
    # Another region's site or page is refused and nothing is saved.
    client.post(
        url,
        {
            "region": regions["sureste"].pk,
            "consulta": "x",
            "pagina": _page(regions["sureste"]).pk,
            "orden": 0,
        },
    )
    client.post(
        url,
        {
            "region": regions["norte"].pk,
            "consulta": "x",
            "pagina": _page(regions["sureste"]).pk,
            "orden": 0,
        },
    )
    assert SearchPromotion.objects.count() == 1


def test_coordinator_cannot_remove_another_sites_promotion(client, editor_of, regions):
    from wagtail.contrib.search_promotions.models import Query

    promotion = SearchPromotion.objects.create(
        query=Query.get("datos"), page=_page(regions["sureste"]), sort_order=0
    )
    ps = PromocionSitio.objects.create(promocion=promotion, site=regions["sureste"].site)
    client.force_login(editor_of("norte", "coordinacion"))
    response = client.post(reverse("snt_search_promociones"), {"borrar": ps.pk})
    assert response.status_code == 404
    assert SearchPromotion.objects.filter(pk=promotion.pk).exists()


def test_editors_cannot_promote(client, editor_of):
    client.force_login(editor_of("norte", "edicion"))
    assert client.get(reverse("snt_search_promociones")).status_code in (302, 403)


def test_query_report_for_the_national_coordination_only(client, editor_of):
    ConsultaBusqueda.registrar("solicitud", "norte", 4, "opensearch")
    ConsultaBusqueda.registrar("Solicitud ", "norte", 0, "opensearch")
    ConsultaBusqueda.registrar("xyzzy", "sureste", 0, "opensearch")
    client.force_login(editor_of("nacional", "coordinacion"))
    response = client.get(reverse("snt_search_consultas"), {"region": "norte"})
    assert response.status_code == 200
    top = list(response.context["top"])
    assert top[0]["consulta"] == "solicitud" and top[0]["veces"] == 2
    assert [c["consulta"] for c in response.context["cero"]] == ["solicitud"]
    client.force_login(editor_of("norte", "coordinacion"))
    assert client.get(reverse("snt_search_consultas")).status_code in (302, 403)
