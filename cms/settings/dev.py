"""Local demo: DEBUG on, SQLite under var/ unless DATABASE_URL is set."""

from .base import *  # noqa: F403
from .base import env

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "demo-only-insecure-key-never-use-in-production")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
SNT_SITE_PORT = int(env("SNT_SITE_PORT", "8000"))
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", f"http://localhost:{SNT_SITE_PORT}")
SNT_DEMO_ALLOWED = True
