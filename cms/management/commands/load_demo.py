import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from cms import demo
from regiones.models import Region


class Command(BaseCommand):
    help = (
        "Carga los datos de demostración: instituciones reales de la red, páginas de ejemplo "
        "de cada región, convenios, medios, pautas, diagnóstico, curaduría y traducciones de "
        "ejemplo, y un usuario por grupo. Todo lo inventado lleva la marca «(ejemplo)». "
        "Idempotente. Solo para demostración."
    )

    def handle(self, *args, **options):
        if not demo.demo_allowed():
            raise CommandError(
                "load_demo crea usuarios con una contraseña conocida: no se permite con esta "
                "configuración (SNT_DEMO_ALLOWED es falso)."
            )
        inicio = time.monotonic()
        if not Region.objects.exists():
            self.stdout.write("La red no estaba creada: ejecutando bootstrap_snt…")
            call_command("bootstrap_snt", stdout=self.stdout)
        users = demo.load_full(self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Usuarios de demostración:"))
        for username, group in users:
            self.stdout.write(f"  {username:32} {group}")
        self.stdout.write(
            self.style.WARNING(f"Contraseña de todos (solo demostración): {demo.DEMO_PASSWORD}")
        )
        for region in Region.objects.select_related("site"):
            self.stdout.write(f"  {region.nombre:18} {region.site.root_url}/")
        self.stdout.write(f"Demostración cargada en {time.monotonic() - inicio:.0f} s.")
