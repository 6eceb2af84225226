from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import HOSTS  # noqa: F401  (re-exported for the tests of this folder)


@pytest.fixture
def indice(regions):
    """indice("norte", "noticias") -> the specific index page under that site's home."""

    def get(region_slug, slug):
        home = regions[region_slug].site.root_page
        return home.get_children().get(slug=slug).specific

    return get


@pytest.fixture
def crear(indice):
    """Create (and by default publish) a page under a region's index."""

    def make(region_slug, slug_indice, page, publicar=True, **m2m):
        index = indice(region_slug, slug_indice)
        for name, value in m2m.items():
            setattr(page, name, value)
        if not publicar:
            page.live = False
        index.add_child(instance=page)
        revision = page.save_revision()
        if publicar:
            revision.publish()
        page.refresh_from_db()
        return page

    return make


def momento(dias=0, horas=0):
    return timezone.now().replace(microsecond=0) + timedelta(days=dias, hours=horas)
