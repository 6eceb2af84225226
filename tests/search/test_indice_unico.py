"""One index for citizens: Wagtail's own admin search answers from the database, so the
engine holds only the citizens' index and admin searches with hits work on both engines."""

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.models import PaginaBasica

TITULO = "Zarzamora cooperativa de transparencia"


@pytest.fixture
def contenido(regions):
    home = regions["norte"].site.root_page
    page = PaginaBasica(title=TITULO, slug="zarzamora-cooperativa")
    home.add_child(instance=page)
    page.save_revision().publish()
    get_image_model().objects.create(
        title=TITULO, file=get_test_image_file(), collection=regions["norte"].coleccion
    )
    return page


def test_wagtail_search_uses_only_the_database():
    backends = {conf["BACKEND"] for conf in settings.WAGTAILSEARCH_BACKENDS.values()}
    assert backends == {"wagtail.search.backends.database"}


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailadmin_pages:search",
        "wagtailadmin_choose_page_search",
        "wagtailimages_chooser:choose_results",
    ],
)
def test_admin_searches_with_hits_answer(engine, client, make_user, contenido, url_name):
    from search import indexer

    indexer.rebuild(engine)
    client.force_login(make_user(superuser=True))
    response = client.get(reverse(url_name), {"q": "zarzamora cooperativa"})
    assert response.status_code == 200
    assert TITULO in response.content.decode()
    # Nothing but the citizens' index was written to the engine.
    names = engine.client.indices.get_alias(index=f"{settings.SEARCH_INDEX_PREFIX}*")
    assert names and all(name.startswith(indexer.alias_name()) for name in names), names
