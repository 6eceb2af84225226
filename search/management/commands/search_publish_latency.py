import time
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from regiones.models import Region
from search.query import SearchRequest, search


class Command(BaseCommand):
    help = (
        "Mide cuánto tarda una página publicada en aparecer en la búsqueda, con el trabajador "
        "de tareas en marcha (python manage.py db_worker). Crea y borra una página de prueba."
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", default="norte")
        parser.add_argument("--limite", type=float, default=30.0)

    def handle(self, *args, **options):
        from cms.models import PaginaBasica

        region = Region.objects.filter(slug=options["region"]).select_related("site").first()
        if region is None:
            raise CommandError(f"No existe la región {options['region']!r}.")
        marker = f"latencia{uuid.uuid4().hex[:8]}"
        page = PaginaBasica(title=f"Prueba de latencia {marker}", slug=marker)
        with transaction.atomic():
            region.site.root_page.add_child(instance=page)
            page.save_revision().publish()
        started = time.monotonic()
        found = False
        while time.monotonic() - started < options["limite"]:
            if any(r["id"] == f"page:{page.pk}" for r in search(SearchRequest(q=marker)).results):
                found = True
                break
            time.sleep(0.1)
        elapsed = time.monotonic() - started
        with transaction.atomic():
            page.delete()
        if not found:
            raise CommandError(f"La página no apareció en {options['limite']:.0f} s.")
        self.stdout.write(f"Publicada y encontrada en {elapsed:.2f} s.")
