from django.core.management.base import BaseCommand

from media.backups import restaurar


class Command(BaseCommand):
    help = (
        "Restaura un respaldo de SNT_BACKUP_BUCKET en una base de datos VACÍA y verifica "
        "las sumas sha256 de los medios contra el manifiesto."
    )

    def add_arguments(self, parser):
        parser.add_argument("prefix", help="Prefijo del respaldo, p. ej. 2026-11-29T154500Z.")
        parser.add_argument(
            "--database-url",
            help="Base de datos de destino (por omisión la configurada); debe estar vacía.",
        )
        parser.add_argument(
            "--bucket",
            help="Bucket de medios de destino (por omisión AWS_STORAGE_BUCKET_NAME).",
        )

    def handle(self, *args, prefix, database_url=None, bucket=None, **options):
        self.verbosity = options.get("verbosity", 1)
        restaurar(prefix, database_url=database_url, bucket=bucket, log=self._log)

    def _log(self, message):
        if self.verbosity >= 1:
            self.stdout.write(message)
