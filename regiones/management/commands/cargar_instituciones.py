from django.core.management.base import BaseCommand, CommandError

from regiones.demo import load_institutions
from regiones.models import Region


class Command(BaseCommand):
    help = (
        "Carga o actualiza las instituciones reales de la red, sus estados, sucesoras y "
        "fuentes desde regiones/data/snt/. Idempotente. No crea usuarios ni contenido de "
        "demostración, así que no necesita SNT_DEMO_ALLOWED."
    )

    def handle(self, *args, **options):
        if not Region.objects.exists():
            raise CommandError("La red no está creada: ejecute primero bootstrap_snt.")
        filas = load_institutions()
        self.stdout.write(self.style.SUCCESS(f"Instituciones: {filas} filas de los datos."))
