"""Settings shared by every environment; values come from environment variables."""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from cms.plugins import discover_plugin_apps

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "cms"
VAR_DIR = Path(os.environ.get("SNT_VAR_DIR", BASE_DIR / "var"))


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "si", "sí"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,.localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "regiones",
    "search",
    "media.apps.MediaConfig",
    # Above every layer: bootstrap, /healthz, the root URLconf, the daily job (.importlinter).
    "orchestration",
    "wagtail_localize",
    # Wagtail's own locales screen, not wagtail_localize.locales: that one adds "sync from",
    # which aliases every site's pages into a locale (cms/traducciones/idiomas.py).
    "wagtail.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "corsheaders",
]

# Plugins: entry points of the group "snt_cms.plugins", minus SNT_PLUGINS_DISABLED.
SNT_PLUGINS_DISABLED = env_list("SNT_PLUGINS_DISABLED")
INSTALLED_APPS[3:3] = discover_plugin_apps(disabled=SNT_PLUGINS_DISABLED)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Cross-origin reads of the open data only (CORS_URLS_REGEX below).
    "corsheaders.middleware.CorsMiddleware",
    # Static files straight from the application processes (collectstatic into STATIC_ROOT).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy on every response, cached pages included (cms/seguridad.py).
    "cms.seguridad.PoliticaDeContenidoMiddleware",
    # Under DEBUG (the demo) the Spanish 404/500 pages, never Django's debug pages that list
    # every URL pattern (cms/errores.py).
    "cms.errores.PaginasDeErrorMiddleware",
    # JSON errors under /api/; ETag, Cache-Control and 304 on open data, feeds and
    # calendars (cms/api.py), outside the page cache so cached copies are validated too.
    "cms.api.DatosAbiertosMiddleware",
    # A NUL character in the query string: a Spanish 400 at the door (cms/solicitudes.py).
    "cms.solicitudes.ParametrosLegiblesMiddleware",
    # Anonymous page views from the shared page cache (cms/cache.py), before anything that
    # reads the session or the database.
    "cms.cache.PageCacheMiddleware",
    # Admin CSV exports of views we do not own: no cell starts a formula (cms/hojas.py).
    "cms.hojas.FormulaSafeExportMiddleware",
    # The page a request serves, for links drawn on it (cms/enlaces.py), never another's.
    "cms.enlaces.PaginaServidaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.plugins.PluginGateMiddleware",
    # Admin URLs naming another region's page, media or record are refused (cms/aislamiento.py).
    "cms.aislamiento.AislamientoRegionalMiddleware",
    # A client over its request limit: Spanish 429 with Retry-After (cms/limites.py).
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Admin page creations one at a time per parent: an autosave and a submit of the same new
    # page never both insert it (cms/creacion.py).
    "cms.creacion.CreacionDePaginasMiddleware",
]

ROOT_URLCONF = "orchestration.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # cms/templates is the cms app's own directory (APP_DIRS; cms is the first app, so its
        # overrides win). Listing it in DIRS too made each file two origins: an override that
        # extends the template it replaces extended itself once more and doubled its blocks.
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.contexto.red",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another one.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the public and the admin speak Spanish (Mexico).
LANGUAGE_CODE = "es-mx"
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
USE_TZ = True
# Content languages (issue 8). Spanish (es-MX) is the source language of every site; English
# is offered network-wide; each region may enable Indigenous languages spoken in its states
# (SNT_IDIOMAS_REGIONES, seeded by bootstrap_snt into regiones.IdiomaRegion). Names are
# written in the language itself where we are confident of them.
SNT_IDIOMAS = {
    "es-mx": {"name": "Spanish (Mexico)", "name_local": "Español (México)", "bidi": False},
    "en": {"name": "English", "name_local": "English", "bidi": False},
    "nah": {"name": "Nahuatl", "name_local": "Nāhuatlahtōlli", "bidi": False},
    "yua": {"name": "Yucatec Maya", "name_local": "Maayat'aan", "bidi": False},
    "tzo": {"name": "Tsotsil", "name_local": "Bats'i k'op", "bidi": False},
    "zap": {"name": "Zapotec", "name_local": "Diidxazá", "bidi": False},
    "mix": {"name": "Mixtec", "name_local": "Tu'un savi", "bidi": False},
}
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    (code, info["name_local"]) for code, info in SNT_IDIOMAS.items()
]
# Which site offers which language: "*" applies to every region, then per region slug.
# Spanish is always served. JSON in the environment overrides the default set.
SNT_IDIOMAS_REGIONES = {
    "*": ["en"],
    "centro": ["nah", "zap", "mix"],  # Oaxaca publishes in Centro: Zapoteco and Mixteco
    "sureste": ["yua", "tzo"],
}
if env("SNT_IDIOMAS_REGIONES"):
    SNT_IDIOMAS_REGIONES = json.loads(env("SNT_IDIOMAS_REGIONES"))
WAGTAILADMIN_PERMITTED_LANGUAGES = [("es-mx", "Español (México)"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
# Django only accepts a language prefix (/nah/) when it knows the code (LANG_INFO) and finds a
# catalog for it (cms/locale/<code>/LC_MESSAGES/django.mo, empty: the interface falls back to
# Spanish).
LOCALE_PATHS = [PROJECT_DIR / "locale"]


def _registrar_idiomas():
    from django.conf.locale import LANG_INFO

    for code, info in SNT_IDIOMAS.items():
        LANG_INFO.setdefault(code, {"code": code, **info})


_registrar_idiomas()

# wagtail-localize: translations are made on demand, in its editor or through PO files for
# outside translators. A new translation starts as a draft (never publish Spanish text under
# another language's URL). No machine translation service: set WAGTAILLOCALIZE_MACHINE_TRANSLATOR
# here (e.g. DeepL) if one is contracted.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# wagtail-localize 1.14 has its own tiny job API (not django-tasks): this adapter sends its jobs
# (subtree translation, locale synchronisation) to the same django-tasks queue as everything else.
WAGTAILLOCALIZE_JOBS = {"BACKEND": "cms.traducciones.tareas.DjangoTasksJobBackend"}

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"

# Uploaded files never live in a code folder: var/media locally, S3 when configured.
MEDIA_ROOT = Path(env("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = env("MEDIA_URL", "/media/")

AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL")
AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", "us-east-1")
AWS_ACCESS_KEY_ID = env("AWS_ACCESS_KEY_ID")
AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY")
AWS_DEFAULT_ACL = None
AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", True)
AWS_S3_FILE_OVERWRITE = False
AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "max-age=31536000, public"}
SNT_BACKUP_BUCKET = env("SNT_BACKUP_BUCKET", "snt-cms-backups")

STORAGES = {
    "default": {
        "BACKEND": (
            "storages.backends.s3.S3Storage"
            if AWS_STORAGE_BUCKET_NAME
            else "django.core.files.storage.FileSystemStorage"
        ),
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background work: one queue for everything (search index, references, files).
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "snt-cms",
    },
    # Rendered pages, shared by every application process on the host (cms/cache.py).
    "paginas": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env("PAGE_CACHE_DIR", str(VAR_DIR / "cache" / "paginas")),
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
    # Request counters of the rate limits (cms/limites.py).
    "limites": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limites"},
    # Image renditions found per image and filter (Wagtail reads this alias when it exists).
    # In "default" (300 entries) the demo's ~330 renditions culled each other, and a page
    # missing a page-cache entry read its renditions from the database again.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
}
# Several application servers: the page cache (and its generation, so a publish purges every
# server) and the rate-limit counters in Redis. Redis away: pages are served uncached and
# limits let requests through; nothing answers with an error. "default" stays in process.
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    _redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
    }
    CACHES["paginas"] = {**_redis, "KEY_PREFIX": "paginas"}
    CACHES["limites"] = {**_redis, "KEY_PREFIX": "limites"}

# Rate limits (django-ratelimit, cms/limites.py). SNT_TRUSTED_PROXIES: how many proxies of
# ours append to X-Forwarded-For in front of the application (0: the client is REMOTE_ADDR).
SNT_TRUSTED_PROXIES = int(env("SNT_TRUSTED_PROXIES", "0"))
# Networks those proxies connect from: X-Forwarded-For from anywhere else is the client's word.
SNT_TRUSTED_PROXY_NETWORKS = env_list(
    "SNT_TRUSTED_PROXY_NETWORKS",
    "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7",
)
RATELIMIT_USE_CACHE = "limites"
RATELIMIT_IP_META_KEY = "cms.limites.direccion_cliente"
RATELIMIT_VIEW = "cms.limites.demasiadas_consultas"
RATELIMIT_FAIL_OPEN = True

# Page cache: anonymous GETs of public pages, purged whenever something public changes
# (publish, unpublish, move, delete; records of the core and of every plugin).
SNT_PAGE_CACHE = {
    "ENABLED": env("PAGE_CACHE", "on").lower() not in {"0", "off", "false", "no"},
    # PAGE_CACHE_PAGES=off: pages always rendered, lookups still remembered (cms/cache.py).
    "PAGES": env("PAGE_CACHE_PAGES", "on").lower() not in {"0", "off", "false", "no"},
    "ALIAS": "paginas",
    "TIMEOUT": int(env("PAGE_CACHE_TIMEOUT", "300")),
    # Never cached: the admin, search (queries are analytics and rate-limited), health,
    # documents (served with their own permission checks) and files.
    "EXCLUDE": (
        "/admin/",
        "/buscar",
        "/api/v1/buscar",
        "/healthz",
        "/documentos/",
        "/static/",
        "/media/",
    ),
    # Anyone with a session (editors) or a pending message sees the live page.
    "BYPASS_COOKIES": ("sessionid", "messages"),
}

# Open data (cms/api.py): the API, the CSVs and the data package, every feed (…/rss/,
# …/atom/) and every calendar (….ics). Any origin may read them (CORS, no credentials);
# nothing else, the admin least of all, answers another origin.
SNT_RUTAS_ABIERTAS = r"^/(?:api/|datos/|(?:[\w-]+/)*(?:rss|atom)/$|(?:[\w-]+/)*[\w-]+\.ics/?$)"
# Search answers change with the index: clients revalidate every time (ETag, 304).
SNT_RUTAS_SIN_CACHE = ("/api/v1/buscar",)
SNT_DATOS_MAX_AGE = int(env("SNT_DATOS_MAX_AGE", "300"))
CORS_URLS_REGEX = SNT_RUTAS_ABIERTAS
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Content-Disposition")
CORS_PREFLIGHT_MAX_AGE = 86400

# Search engine: "opensearch", "elasticsearch" or "database".
SEARCH_ENGINE = env("SEARCH_ENGINE", "database").lower()
SEARCH_URL = env("SEARCH_URL", "")
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "snt_")
SEARCH_TIMEOUT = float(env("SEARCH_TIMEOUT", "5"))
# Seconds an index outlives the alias swap that retires it (searches under way end on it).
SEARCH_SWAP_GRACE = float(env("SEARCH_SWAP_GRACE", str(SEARCH_TIMEOUT)))
# Slices an OpenSearch node may search one query's segments in, in parallel (concurrent
# segment search; 0 or 1: one after another). About the cores of a search node.
SEARCH_SLICES = int(env("SEARCH_SLICES", "2"))
if SEARCH_ENGINE not in {"database", "opensearch", "elasticsearch"}:
    raise ImproperlyConfigured(
        f"SEARCH_ENGINE={SEARCH_ENGINE!r}: use opensearch, elasticsearch or database."
    )
if SEARCH_ENGINE != "database" and not SEARCH_URL:
    raise ImproperlyConfigured(f"SEARCH_ENGINE={SEARCH_ENGINE} needs SEARCH_URL.")
# Wagtail's own search (admin page, chooser and image searches) stays in the database: the
# engine holds one index only, the citizens' one (search/), built with its own mapping.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Wagtail
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "Red SNT")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "xlsx", "mp3", "ogg"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# E-mail: Wagtail's workflow notifications (submitted to the region's coordination, approved
# and rejected to whoever submitted) and curation outcomes. SMTP unless EMAIL_BACKEND says
# otherwise; the README lists these variables.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Red SNT <no-responder@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = env(
    "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", DEFAULT_FROM_EMAIL
)
WAGTAILADMIN_NOTIFICATION_USE_HTML = env_bool("WAGTAILADMIN_NOTIFICATION_USE_HTML", True)
# Superusers are technical staff: they do not receive every region's submissions.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = env_bool(
    "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", False
)

# Site trees: the hostnames each region's site answers on.
SNT_BASE_DOMAIN = env("SNT_BASE_DOMAIN", "localhost")
SNT_SITE_PORT = int(env("SNT_SITE_PORT", "80"))
SNT_SITE_SCHEME = env("SNT_SITE_SCHEME", "http")


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "elastic_transport": {"level": "WARNING"},
        "opensearch": {"level": "WARNING"},
        "botocore": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Refresh the index on each write (tests); a site relies on the one-second refresh interval.
SEARCH_REFRESH_ON_WRITE = env_bool("SEARCH_REFRESH_ON_WRITE", False)
SEARCH_API_RATE_LIMIT = int(env("SEARCH_API_RATE_LIMIT", "120"))  # requests per minute
SEARCH_PAGE_RATE_LIMIT = int(env("SEARCH_PAGE_RATE_LIMIT", "120"))  # /buscar/ per minute
# Seconds an anonymous search's results are kept (search/views.py), at most until the next
# page-cache purge; 0: every search asks the engine.
SEARCH_CACHE_TIMEOUT = int(env("SEARCH_CACHE_TIMEOUT", "30"))
# Bounded tables (manage.py podar_tablas): daily query aggregates kept this many days,
# applied index work this many hours, failed index work and finished task results days.
SEARCH_QUERY_LOG_DAYS = int(env("SEARCH_QUERY_LOG_DAYS", "400"))
SEARCH_OUTBOX_KEEP_HOURS = int(env("SEARCH_OUTBOX_KEEP_HOURS", "24"))
SEARCH_OUTBOX_FAILED_KEEP_DAYS = int(env("SEARCH_OUTBOX_FAILED_KEEP_DAYS", "30"))
TASK_RESULTS_KEEP_DAYS = int(env("TASK_RESULTS_KEEP_DAYS", "7"))
# /healthz gives its details (vendors, backends, errors) to logged-in staff and to callers
# sending this token in X-Healthz-Token; anyone else gets only the overall state.
SNT_HEALTHZ_TOKEN = env("SNT_HEALTHZ_TOKEN", "")
# Content-Security-Policy (cms/seguridad.py): where embedded videos may come from.
SNT_CSP_FRAME_SRC = env(
    "SNT_CSP_FRAME_SRC",
    "https://www.youtube.com https://www.youtube-nocookie.com https://player.vimeo.com",
).split()


# Media (cms_media) ---------------------------------------------------------------------
# With a bucket: originals and documents private (signed URLs, SNT_MEDIA_SIGNED_URL_EXPIRE
# seconds); renditions under the public prefix SNT_PUBLIC_MEDIA_LOCATION with long caching.
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "media.storage.PrivateMediaStorage"}
    STORAGES["renditions"] = {"BACKEND": "media.storage.PublicMediaStorage"}
    # Documents: Wagtail's serve view checks collection privacy, then redirects to a
    # short-lived signed URL (no streaming through Python).
    WAGTAILDOCS_SERVE_METHOD = "redirect"
WAGTAILIMAGES_RENDITION_STORAGE = "media.storage.get_rendition_storage"
SNT_MEDIA_SIGNED_URL_EXPIRE = int(env("SNT_MEDIA_SIGNED_URL_EXPIRE", "300"))
SNT_PUBLIC_MEDIA_LOCATION = env("SNT_PUBLIC_MEDIA_LOCATION", "publico")
SNT_PUBLIC_MEDIA_DOMAIN = env("SNT_PUBLIC_MEDIA_DOMAIN")  # CDN host for renditions, if any
# media's safe uploads, with the core's rule on references (cms/formularios_medios.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.formularios_medios.ImagenForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.formularios_medios.DocumentoForm"
# End of Media (cms_media) ----------------------------------------------------------------
