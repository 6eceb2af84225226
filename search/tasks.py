from django_tasks import task


@task()
def process_outbox():
    """Apply pending index work (the same worker runs Wagtail's own tasks)."""
    from . import indexer

    total = 0
    while True:
        applied, pending = indexer.process_outbox()
        total += applied
        if not applied or not pending:
            return {"aplicados": total, "pendientes": pending}
