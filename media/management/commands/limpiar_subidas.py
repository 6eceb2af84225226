from django.core.management.base import BaseCommand

from media.subidas import HORAS_POR_OMISION, limpiar_subidas_pendientes


class Command(BaseCommand):
    help = (
        "Borra los archivos que el cargador múltiple dejó pendientes (wagtail_uploads/) y "
        "nadie terminó de describir, con más de --horas de antigüedad. Ejecútelo una vez al día."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--horas",
            type=float,
            default=HORAS_POR_OMISION,
            help=f"Antigüedad mínima de lo que se borra (por omisión {HORAS_POR_OMISION}).",
        )

    def handle(self, *args, horas=HORAS_POR_OMISION, **options):
        filas, archivos = limpiar_subidas_pendientes(horas=horas)
        self.stdout.write(
            f"Subidas pendientes borradas: {filas}; archivos borrados del almacenamiento: "
            f"{archivos}."
        )
