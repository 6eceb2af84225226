"""The import layers (.importlinter) hold, and what sits above them keeps its public names:
the commands of the README and the CI (bootstrap_snt, actualizar_vigencias) and /healthz."""

from pathlib import Path

from django.core.management import get_commands
from django.urls import resolve

ROOT = Path(__file__).resolve().parents[2]


def test_every_import_follows_the_layers(monkeypatch, capsys):
    from importlinter.cli import lint_imports

    monkeypatch.chdir(ROOT)
    resultado = lint_imports(config_filename=str(ROOT / ".importlinter"), no_cache=True)
    salida = capsys.readouterr().out
    assert resultado == 0, salida
    assert "0 broken" in salida


def test_the_commands_that_orchestrate_live_above_the_layers():
    comandos = get_commands()
    assert comandos["bootstrap_snt"] == "orchestration"
    assert comandos["actualizar_vigencias"] == "orchestration"


def test_healthz_is_served_by_the_orchestration_app():
    assert resolve("/healthz").func.__module__ == "orchestration.health"
