import os

import pytest
from django.contrib.auth import get_user_model

from regiones.models import Region

REGION_SLUGS = ["nacional", "centro", "centro-occidente", "norte", "sureste"]
#: The host of each region's site, as bootstrap_snt creates them.
HOSTS = {
    "nacional": "localhost",
    "centro": "centro.localhost",
    "centro-occidente": "centro-occidente.localhost",
    "norte": "norte.localhost",
    "sureste": "sureste.localhost",
}


def services_required():
    """make test sets SNT_REQUIRE_SERVICES=1: then a missing service fails, never skips."""
    return os.environ.get("SNT_REQUIRE_SERVICES") == "1"


def require_service(name, reachable, detail=""):
    if reachable:
        return
    message = f"{name} no está disponible. {detail}".strip()
    if services_required():
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The network as bootstrap_snt and load_demo leave it, once per test session."""
    from cms.demo import load_pages
    from regiones.bootstrap import bootstrap
    from regiones.demo import load_institutions

    with django_db_blocker.unblock():
        bootstrap(port=80)
        load_institutions()
        load_pages()


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Every test starts with an empty page cache: the database rolls back between tests,
    the in-memory cache would not."""
    from django.core.cache import caches

    caches["paginas"].clear()


@pytest.fixture
def regions(db):
    return {r.slug: r for r in Region.objects.select_related("site__root_page")}


@pytest.fixture
def make_user(db):
    User = get_user_model()
    counter = {"n": 0}

    def make(*groups, superuser=False):
        counter["n"] += 1
        user = User.objects.create_user(
            username=f"persona{counter['n']}",
            password="clave-de-prueba",
            is_superuser=superuser,
        )
        user.groups.add(*groups)
        return user

    return make


@pytest.fixture
def editor_of(make_user, regions):
    def make(slug, role="edicion"):
        region = regions[slug]
        group = region.grupo_edicion if role == "edicion" else region.grupo_coordinacion
        return make_user(group)

    return make
