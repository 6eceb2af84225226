import os
import re

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


_PLUGIN_IMPORT = re.compile(r"^(?:from|import) plugins\.(\w+)", re.MULTILINE)


def absent_plugins():
    """Plugins announced as entry points that are not installed here: their package is gone
    from the tree, or they are switched off network-wide (SNT_PLUGINS_DISABLED)."""
    from importlib.metadata import entry_points
    from importlib.util import find_spec

    disabled = {p.strip() for p in os.environ.get("SNT_PLUGINS_DISABLED", "").split(",")}
    absent = {label for label in disabled if label}
    for ep in entry_points(group="snt_cms.plugins"):
        package = ep.value.rsplit(".apps.", 1)[0]
        try:
            found = find_spec(package) is not None
        except ModuleNotFoundError:
            found = False
        if not found:
            absent.add(ep.name)
    return absent


def pytest_ignore_collect(collection_path, config):
    """A test module that imports a plugin at module level belongs to that plugin: where the
    plugin is absent (scripts/ci/sin_complemento.sh) it is not collected. Tests of core
    behaviour never name a plugin at module level; they read ``installed_plugins()``."""
    if collection_path.suffix != ".py" or not collection_path.name.startswith("test_"):
        return None
    absent = absent_plugins()
    if not absent:
        return None
    named = set(_PLUGIN_IMPORT.findall(collection_path.read_text(encoding="utf-8")))
    return True if named & absent else None


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


def _drop_indexes_of_earlier_runs():
    """An index left under this run's prefix by an earlier run may carry an older mapping
    (every search against it would fail and fall back to the database): each run starts
    without one and creates it with the current mapping on first use."""
    import warnings

    from django.conf import settings

    from search.engine import get_engine
    from search.indexer import alias_name

    if settings.SEARCH_ENGINE == "database":
        return
    try:
        get_engine().client.indices.delete(index=f"{alias_name()}*", ignore_unavailable=True)
    except Exception as error:  # engine away: the tests that need it say so themselves
        warnings.warn(f"could not drop earlier test indexes: {error!r}", stacklevel=1)


_DB_FIXTURES = {"db", "transactional_db", "live_server"}


def pytest_xdist_make_scheduler(config, log):
    """make test runs the suite in parallel processes (pytest-xdist, ``--dist loadfile``),
    a test module's tests in one process (a corpus loaded once per module stays loaded
    once). The modules with tests of the full demo go to one process together (those tests
    share one load and must run one after another, see pytest_collection_modifyitems), and
    so do the browser tests (one server of the demo for all of them)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from pathlib import Path

    from xdist.scheduler import LoadScopeScheduling

    tests = Path(config.rootpath, "tests")
    with_demo = {
        str(path.relative_to(config.rootpath))
        for path in tests.rglob("test_*.py")
        if "demo_completa" in path.read_text(encoding="utf-8")
    }

    class PorModulo(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            module = nodeid.split("::", 1)[0]
            if module.startswith("tests/navegador/"):
                return "navegador"
            return "demo_completa" if module in with_demo else module

    return PorModulo(config, log)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """pytest-django creates the test database only for the items that ask for it (a
    ``django_db`` mark or the ``db`` fixture). A test that reaches the database only through a
    module fixture built on ``django_db_setup`` (a live server, a corpus loaded once) would,
    run alone, set up nothing and use the real database: such a test gets the mark.

    The tests of the full demo (``demo_completa``) run one after another, where the first of
    them was: the demo is loaded once for all of them and rolled back after the last."""
    con_demo = [item for item in items if "demo_completa" in getattr(item, "fixturenames", ())]
    if con_demo:
        first = items.index(con_demo[0])
        rest = [item for item in items if item not in con_demo]
        items[:] = rest[:first] + con_demo + rest[first:]
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if (
            "django_db_setup" in names
            and not names & _DB_FIXTURES
            and item.get_closest_marker("django_db") is None
        ):
            item.add_marker(pytest.mark.django_db)


def _assert_test_database():
    from django.db import connection

    expected = connection.creation._get_test_db_name()
    if connection.settings_dict["NAME"] != expected:
        raise RuntimeError(
            f"The suite would bootstrap {connection.settings_dict['NAME']!r}, not the test "
            f"database {expected!r}: a test reaches the database without asking for it."
        )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The network as bootstrap_snt and load_demo leave it, once per test session."""
    from cms.demo import load_pages
    from orchestration.bootstrap import bootstrap
    from regiones.demo import load_institutions

    _assert_test_database()
    _drop_indexes_of_earlier_runs()
    with django_db_blocker.unblock():
        bootstrap(port=80)
        load_institutions()
        load_pages()


class _Demo:
    """The transaction the full demo is loaded in, while its tests run."""

    atomic = None
    blocker = None


@pytest.fixture(scope="session")
def demo_completa(django_db_setup, django_db_blocker):
    """The network as ``load_demo`` leaves it, loaded once for every test that asks for it
    (they run one after another, see pytest_collection_modifyitems) in a transaction rolled
    back after the last of them: the tests after them find the database as the session's
    bootstrap left it. Each test's own transaction nests in it as a savepoint."""
    from django.db import transaction

    from cms import demo

    _Demo.blocker = django_db_blocker
    with django_db_blocker.unblock():
        _Demo.atomic = transaction.atomic()
        _Demo.atomic.__enter__()
        try:
            demo.load_full()
        except BaseException:
            _roll_back_demo()
            raise
    yield
    _roll_back_demo()


def _roll_back_demo():
    import sys

    from django.db import transaction

    if _Demo.atomic is None:
        return
    atomic, _Demo.atomic = _Demo.atomic, None
    with _Demo.blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(*sys.exc_info())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last test of the full demo (its own fixtures torn down), the demo goes."""
    yield
    uses = "demo_completa" in getattr(item, "fixturenames", ())
    next_uses = nextitem is not None and "demo_completa" in nextitem.fixturenames
    if uses and not next_uses:
        _roll_back_demo()


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Every test starts with an empty page cache and no rate-limit counts: the database
    rolls back between tests, the in-memory caches would not."""
    from django.core.cache import caches

    caches["paginas"].clear()
    # Rate-limit counters too: a client address used by one test must not arrive at the next
    # (or at the same test on the other engine) with requests already counted.
    caches["limites"].clear()


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
