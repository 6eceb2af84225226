import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]


def test_makemigrations_check_finds_nothing_to_do(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="x" * 20 + "una-clave-larga-y-aleatoria-para-la-prueba-0123456789",
        ALLOWED_HOSTS="snt.example.org",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_a_missing_secret_key():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_never_allows_the_demo_loader():
    result = run_manage(
        "load_demo",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="y" * 64,
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode != 0
    assert "SNT_DEMO_ALLOWED" in result.stderr


@pytest.mark.parametrize("inside", ["media", "cms/static"])
def test_media_root_inside_a_code_folder_is_refused(inside):
    with override_settings(MEDIA_ROOT=str(ROOT / inside / "uploads")):
        errors = [e for e in run_checks() if e.id == "cms.E001"]
    assert errors, "a MEDIA_ROOT inside code must fail the system check"


def test_media_root_under_var_is_accepted(settings):
    settings.MEDIA_ROOT = str(ROOT / "var" / "media")
    assert not [e for e in run_checks() if e.id == "cms.E001"]
