from django.core.management.base import BaseCommand

from media.backups import respaldar


class Command(BaseCommand):
    help = (
        "Respalda la base de datos (pg_dump o SQLite) y los medios en el bucket "
        "SNT_BACKUP_BUCKET, con un manifiesto de sumas sha256."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--prefix",
            help="Prefijo del respaldo (por omisión la fecha UTC: backups/AAAA-MM-DDTHHMMSSZ/).",
        )
        parser.add_argument("--database", default="default", help="Alias de la base de datos.")

    def handle(self, *args, prefix=None, database="default", **options):
        self.verbosity = options.get("verbosity", 1)
        prefijo, _ = respaldar(prefijo=prefix, database=database, log=self._log)
        self.stdout.write(self.style.SUCCESS(prefijo))

    def _log(self, message):
        if self.verbosity >= 1:
            self.stdout.write(message)
