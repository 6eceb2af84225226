import sys

from django.core.management.base import BaseCommand, CommandError

from search import indexer
from search.engine import get_engine
from search.registry import indexable_documents


class Command(BaseCommand):
    help = (
        "Reconstruye el índice de búsqueda en un índice nuevo y cambia el alias de forma "
        "atómica: la búsqueda sigue respondiendo durante la reconstrucción."
    )

    def handle(self, *args, **options):
        engine = get_engine()
        if not engine.available:
            raise CommandError("No hay motor de búsqueda configurado (SEARCH_ENGINE=database).")
        if engine.health()["state"] == "down":
            raise CommandError(f"El motor de búsqueda no responde en {engine.url}.")
        total = sum(1 for _ in indexable_documents())
        width = 30

        def progress(done):
            if done % 50 and done != total:
                return
            filled = int(width * done / total) if total else width
            sys.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            sys.stdout.flush()

        try:
            result = indexer.rebuild(engine, progress=progress)
        except Exception as exc:
            raise CommandError(
                f"La reconstrucción falló ({exc}); el índice anterior sigue en servicio."
            ) from exc
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Índice {result['index']}: {result['documents']} documentos "
                f"(perfil {result['profile']})."
            )
        )
