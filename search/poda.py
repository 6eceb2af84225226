"""Keeping the tables that grow with traffic bounded: the daily query aggregates, the
applied index outbox and the finished background task results.

``manage.py podar_tablas`` runs all three; run it periodically (daily is enough), beside
``publish_scheduled``.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from .models import ConsultaBusqueda, IndexOutbox


def podar_consultas(now=None):
    """Drop the daily query aggregates older than SEARCH_QUERY_LOG_DAYS."""
    now = now or timezone.now()
    limite = timezone.localdate(now) - timedelta(days=settings.SEARCH_QUERY_LOG_DAYS)
    return ConsultaBusqueda.objects.filter(dia__lt=limite).delete()[0]


def podar_bandeja(now=None):
    """Drop applied outbox rows older than SEARCH_OUTBOX_KEEP_HOURS, and failed ones older
    than SEARCH_OUTBOX_FAILED_KEEP_DAYS (``search_status`` reports them meanwhile).
    Pending rows are never touched."""
    now = now or timezone.now()
    hechos = IndexOutbox.objects.filter(
        estado=IndexOutbox.Estado.HECHO,
        aplicado__lt=now - timedelta(hours=settings.SEARCH_OUTBOX_KEEP_HOURS),
    ).delete()[0]
    fallidos = IndexOutbox.objects.filter(
        estado=IndexOutbox.Estado.FALLIDO,
        creado__lt=now - timedelta(days=settings.SEARCH_OUTBOX_FAILED_KEEP_DAYS),
    ).delete()[0]
    return hechos + fallidos


def podar_tareas():
    """Finished task results older than TASK_RESULTS_KEEP_DAYS, with django-tasks-db's own
    command. Returns None when the task backend keeps no results in the database."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    aliases = [
        alias for alias in settings.TASKS if isinstance(task_backends[alias], DatabaseBackend)
    ]
    if not aliases:
        return None
    before = DBTaskResult.objects.count()
    for alias in aliases:
        call_command(
            "prune_db_task_results",
            backend=task_backends[alias],
            queue_name="*",
            min_age_days=settings.TASK_RESULTS_KEEP_DAYS,
            verbosity=0,
        )
    return before - DBTaskResult.objects.count()


def podar_todo():
    return {
        "consultas": podar_consultas(),
        "bandeja": podar_bandeja(),
        "tareas": podar_tareas(),
    }
