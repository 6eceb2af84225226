from django.core.management.base import BaseCommand

from search.poda import podar_todo


class Command(BaseCommand):
    help = (
        "Poda las tablas que crecen con el uso: consultas de búsqueda por día más antiguas "
        "que SEARCH_QUERY_LOG_DAYS, trabajo de indexación ya aplicado y resultados de "
        "tareas terminadas. Ejecútelo periódicamente (una vez al día basta)."
    )

    def handle(self, *args, **options):
        podado = podar_todo()
        tareas = podado["tareas"]
        self.stdout.write(
            f"Consultas por día eliminadas: {podado['consultas']}\n"
            f"Trabajos de indexación eliminados: {podado['bandeja']}\n"
            "Resultados de tareas eliminados: "
            + ("— (las tareas no guardan resultados)" if tareas is None else str(tareas))
        )
