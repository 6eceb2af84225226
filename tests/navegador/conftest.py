"""Browser tests: Debian's chromium driven by Playwright against a real server process.

Nothing here touches the suite's test database: the server has a database and a search index
of its own (servidor.py), and the tests read results through the browser or with psycopg.
Playwright's sync API keeps an event loop in this thread, so Django's ORM must not be used
while the browser is open: the browser and the server live for this package only.
"""

import os
import re
import threading
import uuid
from pathlib import Path

import pytest

from tests.conftest import HOSTS, require_service
from tests.services import OPENSEARCH_URL, S3_ENDPOINT_URL, answers, free_port

from . import servidor as srv

CHROMIUM = Path(os.environ.get("SNT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # No internet here: without these chromium keeps trying to reach its update and sync
    # services and fills the logs with refused connections.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = srv.ROOT / "var" / "node" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = srv.ROOT / "test-results" / "navegador"
TIMEOUT_MS = 15_000
MOBILE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36"
    ),
}

HINT = "Instálalo con scripts/services/browser.sh start (lo hace scripts/services/all.sh start)."


def require_browser_tools():
    require_service(
        f"Chromium ({CHROMIUM})", CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK), HINT
    )
    require_service(f"axe-core ({AXE_JS.relative_to(srv.ROOT)})", AXE_JS.is_file(), HINT)


def _search_engine():
    """The citizen's search needs a real engine: the suite's one, or OpenSearch by default."""
    engine = os.environ.get("SEARCH_ENGINE", "")
    if engine in {"opensearch", "elasticsearch"} and os.environ.get("SEARCH_URL"):
        return engine, os.environ["SEARCH_URL"]
    return "opensearch", OPENSEARCH_URL


class Preparacion:
    """The server's own database, media bucket, search index and mail server, and the
    network prepared in them (``srv.prepare``), made in a thread of its own.

    Preparing takes minutes of one core: it starts as soon as the run's collection knows
    there are browser tests (``pytest_collection_finish``), so that it overlaps the tests
    collected before them; the ``servidor`` fixture waits for it to end."""

    def __init__(self):
        from tests.services import servidor_smtp

        self.correo = servidor_smtp()
        self.engine, self.search_url = _search_engine()
        # The database is named after the suite's test database (TEST_DATABASE_NAME) and the
        # worker of a parallel run, the index prefix and media bucket are unique to the run:
        # concurrent runs do not collide.
        base = os.environ.get("TEST_DATABASE_NAME", "test_snt_cms")
        worker = os.environ.get("PYTEST_XDIST_WORKER", "")
        self.name = re.sub(r"[^a-z0-9_]", "_", f"{base}_navegador{worker}".lower())
        token = uuid.uuid4().hex[:8]
        self.prefix = f"snt_nav_{token}_"
        self.bucket = f"snt-nav-{token}"
        self.database_url = srv.database_url_for(os.environ.get("DATABASE_URL", ""), self.name)
        srv.WORK_DIR.mkdir(parents=True, exist_ok=True)
        srv.LOG_DIR.mkdir(parents=True, exist_ok=True)
        self.log_path = srv.LOG_DIR / f"navegador-{self.name}.log"
        self.log_path.write_text("")
        self.port = free_port()
        self.env = srv.server_env(
            self.database_url,
            self.prefix,
            {
                "SEARCH_ENGINE": self.engine,
                "SEARCH_URL": self.search_url,
                "AWS_S3_ENDPOINT_URL": S3_ENDPOINT_URL,
                "AWS_STORAGE_BUCKET_NAME": self.bucket,
                "AWS_ACCESS_KEY_ID": os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
                "AWS_SECRET_ACCESS_KEY": os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
                # The test settings keep the page cache in each process's memory: two
                # workers would not see each other's purges. Production shares it.
                "PAGE_CACHE": "off",
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(self.correo.port),
            },
        )
        self.error = None
        self.running = []
        self.process = None
        self.thread = threading.Thread(target=self._prepare, name="preparar-navegador")
        self.thread.daemon = True
        self.thread.start()

    def _prepare(self):
        try:
            srv.create_database(self.database_url, self.name)
            srv.create_media_bucket(S3_ENDPOINT_URL, self.bucket)
            srv.prepare(self.env, self.port, self.log_path, running=self.running)
        except BaseException as error:  # handed to the test that waits (servidor)
            self.error = error

    def wait(self):
        self.thread.join()
        if self.error is not None:
            raise self.error

    def close(self):
        for process in self.running:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)
        self.thread.join(timeout=60)
        srv.stop(self.process)
        srv.delete_indices(self.search_url, self.prefix)
        srv.delete_bucket(S3_ENDPOINT_URL, self.bucket)
        srv.drop_database(self.database_url, self.name)
        self.correo.stop()


#: The run's preparation, started at the end of collection (or by the first fixture).
_preparacion = None


def require_server_services():
    """What the server needs: checked before anything is prepared."""
    # Checked first: no point in preparing a server for a browser that is not there.
    require_browser_tools()
    database_url = os.environ.get("DATABASE_URL", "")
    require_service(
        "PostgreSQL",
        database_url.startswith("postgres") and answers(database_url),
        "Las pruebas de navegador crean su propia base en el clúster de DATABASE_URL.",
    )
    search_url = _search_engine()[1]
    require_service(f"El motor de búsqueda ({search_url})", answers(search_url))
    require_service(f"El servidor S3 ({S3_ENDPOINT_URL})", answers(S3_ENDPOINT_URL))


def _services_answer():
    """The same, asked quietly: where something is missing the fixtures report it."""
    try:
        require_server_services()
    except (pytest.fail.Exception, pytest.skip.Exception):
        return False
    return True


def pytest_collection_finish(session):
    global _preparacion
    if session.config.option.collectonly or _preparacion is not None:
        return
    here = Path(__file__).parent
    if any(here in Path(item.path).parents for item in session.items) and _services_answer():
        _preparacion = Preparacion()


def pytest_sessionfinish(session):
    """Clean up a preparation no test got to use (the run stopped before the browser
    tests)."""
    global _preparacion
    if _preparacion is not None:
        _preparacion.close()
        _preparacion = None


@pytest.fixture(scope="package")
def correo():
    """A real SMTP server on 127.0.0.1 receiving the application server's e-mail."""
    global _preparacion
    if _preparacion is None:
        require_server_services()
        _preparacion = Preparacion()
    return _preparacion.correo


@pytest.fixture(scope="package")
def servidor(correo):
    global _preparacion
    preparacion = _preparacion
    try:
        preparacion.wait()
        preparacion.process = srv.start(preparacion.env, preparacion.port, preparacion.log_path)
        yield srv.Servidor(
            port=preparacion.port,
            database_url=preparacion.database_url,
            hosts=HOSTS,
            process=preparacion.process,
            log_path=preparacion.log_path,
            env=preparacion.env,
        )
    finally:
        preparacion.close()
        _preparacion = None


@pytest.fixture(scope="package")
def navegador():
    require_browser_tools()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def contexto(navegador):
    """Opens isolated browser contexts (own cookies: one per person); closes them after."""
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    abiertos = []

    def abrir(**options):
        options.setdefault("locale", "es-MX")
        options.setdefault("timezone_id", "America/Mexico_City")
        context = navegador.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        abiertos.append(context)
        return context

    yield abrir
    for context in abiertos:
        context.close()


@pytest.fixture(scope="package")
def axe_js():
    require_browser_tools()
    return AXE_JS


@pytest.fixture
def captura(request):
    """Saves a full-page screenshot as test-results/navegador/<module>-<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    prefix = request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")

    def guardar(page, nombre):
        path = ARTIFACTS / f"{prefix}-{nombre}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return guardar


@pytest.fixture
def iniciar_sesion(servidor):
    from playwright.sync_api import expect

    from cms.demo import DEMO_PASSWORD

    def entrar(page, region, username):
        page.goto(servidor.url(region, "/admin/login/"))
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(DEMO_PASSWORD)
        page.locator("form button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/admin/$"))
        return page

    return entrar
