"""Every admin listing, asked through its filters for another region's content.

The admin crawl (test_crawler_admin.py) names other regions' objects in URL paths, ``?q=`` and
``?id=``. A listing also takes filters in its query string (``?child_of=`` in the admin API,
``?collection_id=`` in the media listings and choosers, ``?site=`` in redirects, ``?parent=``
in the page chooser, ``?locale=``, ``?owner=``…). Here every admin route that names nothing in
its path is requested by a Norte editor and coordinator with all those filters at once set to
another region's objects: no answer may show another region's marker, none may be a 5xx.
"""

import pytest
from django.test import Client
from django.urls import reverse

from .secretos import PREFIJO, marca
from .test_crawler_admin import (  # noqa: F401
    NO_RASTREAR,
    OWN,
    TARGETS,
    _texto,
    extras,
    rutas_admin,
    secretos,
)


def test_the_page_choosers_chosen_step_names_only_the_regions_pages(client, editor_of, regions):
    """``/admin/choose-page/chosen-multiple/?id=`` answered any page's admin title, parent and
    address: the isolation rule did not know the model of its ids."""
    from cms.models import PaginaBasica

    paginas = {}
    for slug in ("norte", "sureste"):
        pagina = PaginaBasica(title=f"Borrador interno {slug}", slug=f"borrador-{slug}", live=False)
        regions[slug].site.root_page.add_child(instance=pagina)
        paginas[slug] = pagina
    client.force_login(editor_of(OWN))
    url = reverse("wagtailadmin_choose_page_chosen_multiple")
    respuesta = client.get(url, {"id": [paginas["sureste"].pk, paginas["norte"].pk]})
    texto = respuesta.content.decode()
    assert "Borrador interno norte" in texto
    assert "Borrador interno sureste" not in texto


@pytest.mark.parametrize(
    "parametros",
    [
        lambda p: {"child_of": p.get_parent().pk},
        lambda p: {"descendant_of": p.get_parent().pk},
        lambda p: {"search": "interno"},
        lambda p: {"id": p.pk},
        lambda p: {"translation_of": p.pk},
        lambda p: {"type": "cms.PaginaBasica", "fields": "title,parent"},
    ],
)
def test_the_admin_api_filters_find_no_other_regions_page(client, editor_of, regions, parametros):
    """The admin API answers 400 to a parameter it does not know, so each filter alone."""
    from cms.models import PaginaBasica

    pagina = PaginaBasica(title="Borrador interno sureste", slug="borrador-sureste", live=False)
    regions["sureste"].site.root_page.add_child(instance=pagina)
    client.force_login(editor_of(OWN))
    respuesta = client.get(reverse("wagtailadmin_api:pages:listing"), parametros(pagina))
    # Either a listing without it, or the page named in the filter treated as nonexistent.
    texto = respuesta.content.decode()
    assert respuesta.status_code == 200 or (
        respuesta.status_code == 400 and "doesn't exist" in texto
    ), texto
    assert "Borrador interno sureste" not in texto
    assert f'"id": {pagina.pk},' not in texto


def filtros(s):
    page, draft = s["page"].pk, s["draft"].pk
    return {
        "q": PREFIJO,
        "search": PREFIJO,
        "child_of": page,
        "descendant_of": page,
        "parent": page,
        "parent_page_id": page,
        "page": draft,
        "page_id": draft,
        "id": draft,
        "collection_id": s["collection"].pk,
        "collection": s["collection"].pk,
        "site": s["site"].pk,
        "site_id": s["site"].pk,
        "region": s["region"].pk,
        "region_id": s["region"].pk,
        "owner": s["autor"].pk,
        "user": s["autor"].pk,
        "locale": "en",
        "fields": "*",
        "type": "wagtailcore.Page",
    }


def test_no_admin_listing_filter_shows_another_regions_content(editor_of, extras):  # noqa: F811
    """Each route is asked with one target region's objects per role, the region taken in
    turn (as the crawl does): every region is attacked through a quarter of the routes by
    each role, and every route by two regions."""
    markers = {slug: marca(slug) for slug in TARGETS}
    rutas = [r for r in rutas_admin() if not r.kwargs and r.name not in NO_RASTREAR]
    assert len(rutas) > 200
    problems, attacked = [], set()
    for role, offset in (("edicion", 0), ("coordinacion", 2)):
        client = Client(raise_request_exception=False)
        client.force_login(editor_of(OWN, role))
        for turno, ruta in enumerate(rutas, start=offset):
            path = reverse(ruta.name)
            slug = TARGETS[turno % len(TARGETS)]
            attacked.add(slug)
            response = client.get(path, filtros(extras[slug]))
            client.cookies.pop("messages", None)
            if response.status_code >= 500:
                problems.append(f"{role}: 5xx {path} ({slug})")
                continue
            found = [t for t, m in markers.items() if m in _texto(response)]
            if found:
                problems.append(f"{role}: {path} ({slug}) → {response.status_code}: {found}")
    assert attacked == set(TARGETS)
    assert not problems, f"{len(problems)} problemas:\n" + "\n".join(problems)
