from django.core.management.base import BaseCommand

from search.tasks import process_outbox


class Command(BaseCommand):
    help = "Aplica ahora el trabajo de indexación pendiente (lo mismo que hace el trabajador)."

    def handle(self, *args, **options):
        result = process_outbox.call()
        self.stdout.write(f"Aplicados: {result['aplicados']} · pendientes: {result['pendientes']}")
