"""Test run: PostgreSQL from DATABASE_URL, fast hashing, tasks run immediately."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, env

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In memory, unless a test server process is pointed at a real SMTP server (browser tests).
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["localhost", ".localhost", "testserver", "127.0.0.1"]
SNT_SITE_PORT = 80

# The suite runs on PostgreSQL; SNT_TEST_SQLITE=1 allows a quick local run without it.
if not os.environ.get("DATABASE_URL") and not os.environ.get("SNT_TEST_SQLITE"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "The test suite runs on PostgreSQL: run `make test` or set DATABASE_URL "
        "(SNT_TEST_SQLITE=1 for a quick run on SQLite)."
    )
DATABASES["default"]["CONN_MAX_AGE"] = int(env("DATABASE_CONN_MAX_AGE", "0"))
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME", "test_snt_cms")}
SNT_DEMO_ALLOWED = True
# One process: the page cache lives in memory and every test starts with it empty.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "snt-test"},
    "paginas": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "paginas"},
    "limites": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limites"},
}
# Every test client is 127.0.0.1: the search page's limit is set by the tests that check it.
SEARCH_PAGE_RATE_LIMIT = 1_000_000

# A plugin that lives only in the tests, discovered through its entry point like any other.
import sys  # noqa: E402

from cms.plugins import discover_plugin_apps  # noqa: E402

from .base import BASE_DIR, INSTALLED_APPS, SNT_PLUGINS_DISABLED  # noqa: E402

sys.path.insert(0, str(BASE_DIR / "tests" / "plugin_dist"))
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in discover_plugin_apps()]
INSTALLED_APPS[3:3] = discover_plugin_apps(disabled=SNT_PLUGINS_DISABLED)

# Tests never write into an index a running site might use; the browser tests' server
# process gets a prefix of its own.
SEARCH_INDEX_PREFIX = env("SNT_TEST_SEARCH_INDEX_PREFIX", "snt_test_")
# make test runs the suite in parallel processes (pytest-xdist): each has its own test
# database (pytest-django adds the worker to its name) and its own indexes.
TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if TEST_WORKER:
    SEARCH_INDEX_PREFIX = f"{SEARCH_INDEX_PREFIX}{TEST_WORKER}_"
SEARCH_REFRESH_ON_WRITE = True
# The suite rebuilds indexes dozens of times with no search under way; the test of a
# rebuild under concurrent searches sets its own.
SEARCH_SWAP_GRACE = 0
