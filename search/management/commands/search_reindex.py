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

    def add_arguments(self, parser):
        parser.add_argument(
            "--si-hace-falta",
            action="store_true",
            help="Solo si no hay índice o si su mapeo es anterior al del código.",
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
            if options["si_hace_falta"]:
                result = indexer.rebuild_if_outdated(engine, progress=progress)
                if result is None:
                    self.stdout.write("El índice está al día: no hace falta reconstruirlo.")
                    return
            else:
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
