import time
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from regiones.models import Region
from search.query import SearchRequest, search


class Command(BaseCommand):
    help = (
        "Mide cuánto tarda una página publicada en aparecer en la búsqueda y, protegida luego "
        "con contraseña, en desaparecer de los resultados y del índice, con el trabajador de "
        "tareas en marcha (python manage.py db_worker). Crea y borra una página de prueba."
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
        if not found:
            with transaction.atomic():
                page.delete()
            raise CommandError(f"La página no apareció en {options['limite']:.0f} s.")
        self.stdout.write(f"Publicada y encontrada en {elapsed:.2f} s.")
        hidden, removed = self.restrict(page, marker, options["limite"])
        with transaction.atomic():
            page.delete()
        if hidden is None or removed is None:
            raise CommandError(f"La página protegida no desapareció en {options['limite']:.0f} s.")
        self.stdout.write(
            f"Protegida con contraseña: fuera de los resultados en {hidden:.2f} s "
            f"(filtro al consultar) y retirada del índice en {removed:.2f} s (bandeja)."
        )

    def restrict(self, page, marker, limit):
        """Add a password and time (results without the page, document gone from the
        engine): the first comes from the query-time filter, the second from the outbox."""
        from wagtail.models import PageViewRestriction

        from search.engine import get_engine
        from search.indexer import alias_name

        engine = get_engine()
        with transaction.atomic():
            PageViewRestriction.objects.create(
                page=page,
                restriction_type=PageViewRestriction.PASSWORD,
                password=uuid.uuid4().hex,
            )
        started = time.monotonic()
        hidden = removed = None
        doc_id = f"page:{page.pk}"
        while time.monotonic() - started < limit and (hidden is None or removed is None):
            results = search(SearchRequest(q=marker)).results
            if hidden is None and not any(r["id"] == doc_id for r in results):
                hidden = time.monotonic() - started
            if removed is None and not engine.client.exists(index=alias_name(), id=doc_id):
                removed = time.monotonic() - started
            time.sleep(0.05)
        return hidden, removed
