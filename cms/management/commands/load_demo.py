from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from cms import demo
from regiones.demo import load_institutions
from regiones.models import Region


class Command(BaseCommand):
    help = (
        "Carga los datos de demostración: instituciones reales de la red, páginas por sitio "
        "y un usuario por grupo. Idempotente. Solo para demostración."
    )

    def handle(self, *args, **options):
        if not demo.demo_allowed():
            raise CommandError(
                "load_demo crea usuarios con una contraseña conocida: no se permite con esta "
                "configuración (SNT_DEMO_ALLOWED es falso)."
            )
        if not Region.objects.exists():
            self.stdout.write("La red no estaba creada: ejecutando bootstrap_snt…")
            call_command("bootstrap_snt", stdout=self.stdout)
        rows = load_institutions()
        self.stdout.write(f"Instituciones: {rows} filas de los datos de la red.")
        created = demo.load_pages()
        self.stdout.write(f"Páginas nuevas: {created}.")
        from cms.plugins import load_plugin_demo_data

        for label, summary in load_plugin_demo_data():
            self.stdout.write(f"Complemento {label}: {summary}")
        users = demo.load_users()
        self.stdout.write(self.style.SUCCESS("Usuarios de demostración:"))
        for username, group in users:
            self.stdout.write(f"  {username:32} {group}")
        self.stdout.write(
            self.style.WARNING(f"Contraseña de todos (solo demostración): {demo.DEMO_PASSWORD}")
        )
        for region in Region.objects.select_related("site"):
            self.stdout.write(f"  {region.nombre:18} {region.site.root_url}/")
