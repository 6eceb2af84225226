from django.core.management.base import BaseCommand

from search import indexer
from search.analysis import CORE
from search.engine import get_engine
from search.models import IndexOutbox


class Command(BaseCommand):
    help = "Estado del motor de búsqueda, del índice y del trabajo pendiente o fallido."

    def handle(self, *args, **options):
        engine = get_engine()
        health = engine.health()
        self.stdout.write(f"Motor: {health['engine']} · estado: {health['state']}")
        if "cluster_status" in health:
            self.stdout.write(f"Clúster: {health['cluster_status']}")
        if health.get("detail"):
            self.stdout.write(f"Detalle: {health['detail']}")
        if engine.available and health["state"] != "down":
            targets = engine.alias_targets(indexer.alias_name())
            profile = indexer.current_profile(engine)
            self.stdout.write(f"Alias: {indexer.alias_name()} → {', '.join(targets) or '—'}")
            if targets:
                count = engine.client.count(index=indexer.alias_name())["count"]
                self.stdout.write(f"Documentos: {count}")
            state = indexer.index_state(engine)
            if state["outdated"]:
                self.stdout.write(
                    self.style.WARNING(
                        f"Mapeo: {indexer.OUTDATED_MESSAGE} (versión "
                        f"{state['version'] or 'sin versión'}; el código construye "
                        f"{state['expected']}). Ejecute search_reindex."
                    )
                )
            elif targets:
                self.stdout.write(f"Mapeo: al día (versión {state['version']})")
            if profile == CORE:
                self.stdout.write(
                    self.style.WARNING(
                        "Perfil de análisis: básico (el motor no tiene analysis-common: sin "
                        "raíces en español, sinónimos ni autocompletado por n-gramas)"
                    )
                )
            elif profile:
                self.stdout.write("Perfil de análisis: completo (español)")
        pending = IndexOutbox.objects.filter(estado=IndexOutbox.Estado.PENDIENTE)
        failed = pending.filter(intentos__gt=0)
        self.stdout.write(f"Trabajo pendiente: {pending.count()}")
        self.stdout.write(f"Con reintentos: {failed.count()}")
        first = failed.order_by("pk").first()
        if first:
            self.stdout.write(
                f"Próximo reintento: {first.siguiente_intento:%Y-%m-%d %H:%M:%S} "
                f"({first.intentos} intentos; último error: {first.ultimo_error[:200]})"
            )
