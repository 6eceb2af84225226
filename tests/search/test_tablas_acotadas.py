"""The tables that grow with traffic stay bounded: the query log (daily aggregates), the
index outbox (merged, then pruned once applied) and the background task results."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from search import indexer
from search.models import ConsultaBusqueda, IndexOutbox
from search.poda import podar_bandeja, podar_consultas, podar_tareas

pytestmark = pytest.mark.django_db


def test_searches_fold_into_one_row_per_day_query_region_and_engine():
    variants = ["Datos Personales", "datos  personales", " DATOS personales "]
    for n in range(300):
        ConsultaBusqueda.registrar(
            variants[n % 3], "norte" if n % 2 else "sureste", n % 5, "opensearch"
        )
    assert ConsultaBusqueda.objects.count() == 2
    norte = ConsultaBusqueda.objects.get(region="norte")
    assert norte.consulta == "datos personales"
    assert norte.veces == 150
    # n % 5 == 0 among the odd n below 300: 30 searches without results.
    assert norte.sin_resultados == 30


def test_the_search_api_counts_into_todays_row(client, settings):
    settings.SEARCH_ENGINE = "database"
    settings.SEARCH_API_RATE_LIMIT = 10_000
    for _ in range(25):
        response = client.get("/api/v1/buscar", {"q": "Transparencia"}, HTTP_HOST="norte.localhost")
        assert response.status_code == 200
    row = ConsultaBusqueda.objects.get()
    assert (row.consulta, row.region, row.dia) == ("transparencia", "norte", timezone.localdate())
    assert row.veces == 25


def test_old_days_are_pruned_and_recent_ones_kept(settings):
    settings.SEARCH_QUERY_LOG_DAYS = 30
    today = timezone.localdate()
    for days in range(0, 100):
        ConsultaBusqueda.registrar("solicitud", "", 3, "database", dia=today - timedelta(days=days))
    assert podar_consultas() == 69
    assert ConsultaBusqueda.objects.count() == 31
    assert not ConsultaBusqueda.objects.filter(dia__lt=today - timedelta(days=30)).exists()


def _public_pages(n):
    pages = [p.specific for p in Page.objects.live().public().filter(depth__gt=2)[:n]]
    assert len(pages) == n
    return pages


def test_repeated_saves_are_merged_before_they_reach_the_engine(full_engine, monkeypatch):
    page = _public_pages(1)[0]
    writes = []
    original = full_engine.client.index
    monkeypatch.setattr(
        full_engine.client, "index", lambda **kw: writes.append(kw["id"]) or original(**kw)
    )
    for _ in range(40):
        indexer.enqueue(page)
    applied, pending = indexer.process_outbox(full_engine)
    assert (applied, pending) == (40, 0)
    assert len(writes) == 1
    assert not IndexOutbox.objects.exclude(estado=IndexOutbox.Estado.HECHO).exists()
    assert full_engine.client.exists(index=indexer.alias_name(), id=writes[0])


def test_the_outbox_stays_bounded_after_many_saves(full_engine, settings):
    settings.SEARCH_OUTBOX_KEEP_HOURS = 1
    pages = _public_pages(3)
    later = timezone.now()
    sizes = []
    for _round in range(5):
        for _ in range(20):
            for page in pages:
                indexer.enqueue(page)
        indexer.process_outbox(full_engine)
        later += timedelta(hours=2)
        podar_bandeja(now=later)
        sizes.append(IndexOutbox.objects.count())
    # 300 saves; after every round's pruning nothing applied is left.
    assert sizes == [0, 0, 0, 0, 0]


def test_pending_and_recent_outbox_rows_are_never_pruned(settings):
    settings.SEARCH_OUTBOX_KEEP_HOURS = 24
    IndexOutbox.objects.all().delete()  # what the session's set-up left
    page = _public_pages(1)[0]
    pendiente = indexer.enqueue(page)
    hecho = indexer.enqueue(page)
    IndexOutbox.objects.filter(pk=hecho.pk).update(
        estado=IndexOutbox.Estado.HECHO, aplicado=timezone.now() - timedelta(hours=1)
    )
    viejo = indexer.enqueue(page)
    IndexOutbox.objects.filter(pk=viejo.pk).update(
        estado=IndexOutbox.Estado.HECHO, aplicado=timezone.now() - timedelta(hours=25)
    )
    assert podar_bandeja() == 1
    assert set(IndexOutbox.objects.values_list("pk", flat=True)) == {pendiente.pk, hecho.pk}


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    yield
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_task_results_stay_bounded(db_tasks, settings):
    from django_tasks_db.models import DBTaskResult

    from search.tasks import process_outbox

    settings.TASK_RESULTS_KEEP_DAYS = 7
    sizes = []
    for day in range(10):
        for _ in range(30):
            process_outbox.enqueue()
        # The worker ran them: finished on that day (ten days ago, nine days ago...).
        DBTaskResult.objects.filter(finished_at__isnull=True).update(
            status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=10 - day)
        )
        podar_tareas()
        sizes.append(DBTaskResult.objects.count())
    # Only the results younger than 7 days are kept (those of 6 to 1 days ago).
    assert max(sizes) <= 7 * 30
    assert sizes[-1] == 6 * 30
    # Unfinished tasks are never pruned.
    process_outbox.enqueue()
    podar_tareas()
    assert DBTaskResult.objects.filter(finished_at__isnull=True).count() == 1


def test_podar_tablas_command_reports_each_table(settings):
    settings.SEARCH_QUERY_LOG_DAYS = 1
    ConsultaBusqueda.registrar("x", "", 0, "database", dia=timezone.localdate() - timedelta(days=5))
    out = __import__("io").StringIO()
    call_command("podar_tablas", stdout=out)
    text = out.getvalue()
    assert "Consultas por día eliminadas: 1" in text
    assert "Resultados de tareas eliminados: — (las tareas no guardan resultados)" in text
