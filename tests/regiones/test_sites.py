import pytest
from wagtail.models import Site

from tests.conftest import HOSTS, REGION_SLUGS


@pytest.mark.parametrize("slug", REGION_SLUGS)
def test_each_hostname_serves_its_own_site_and_root(client, regions, slug):
    region = regions[slug]
    assert region.site.hostname == HOSTS[slug]
    response = client.get("/", HTTP_HOST=HOSTS[slug])
    assert response.status_code == 200
    assert response.context["page"].pk == region.site.root_page_id
    for other in REGION_SLUGS:
        if other != slug:
            assert response.context["page"].pk != regions[other].site.root_page_id


@pytest.mark.parametrize("slug", REGION_SLUGS)
def test_a_page_of_one_site_is_not_served_by_another(client, regions, slug):
    page = regions[slug].site.root_page.get_children().live().first()
    assert page is not None
    own = client.get(f"/{page.slug}/", HTTP_HOST=HOSTS[slug])
    assert own.status_code == 200
    for other in REGION_SLUGS:
        if other == slug:
            continue
        response = client.get(f"/{page.slug}/", HTTP_HOST=HOSTS[other])
        if response.status_code == 200:
            # Same slug exists in the other tree: it must be that tree's own page.
            assert response.context["page"].pk != page.pk
        else:
            assert response.status_code == 404


def test_unknown_host_outside_allowed_hosts_is_refused(client, db):
    assert client.get("/", HTTP_HOST="ejemplo.org").status_code == 400


def test_unknown_subdomain_gets_404_not_another_site(client, db):
    response = client.get("/", HTTP_HOST="occidente.localhost")
    assert response.status_code == 404
    assert not Site.objects.filter(is_default_site=True).exists()


def test_five_sites_no_default_fallback(db):
    assert Site.objects.count() == 5
