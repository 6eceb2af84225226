from django.core.management.base import BaseCommand, CommandError

from orchestration.bootstrap import bootstrap
from regiones.bootstrap import load_config


class Command(BaseCommand):
    help = (
        "Crea la red, sus regiones, un sitio con su página de inicio por región, "
        "colecciones de medios, grupos, permisos y flujos de moderación. Idempotente."
    )

    def add_arguments(self, parser):
        parser.add_argument("--config", help="Archivo JSON de la red (por omisión, el del SNT).")
        parser.add_argument("--base-domain", help="Dominio base (por omisión SNT_BASE_DOMAIN).")
        parser.add_argument("--port", type=int, help="Puerto de los sitios (SNT_SITE_PORT).")
        parser.add_argument(
            "--hostname",
            action="append",
            default=[],
            metavar="REGION=HOST",
            help="Nombre de host para una región, p. ej. norte=norte.example.org.",
        )

    def handle(self, *args, **options):
        overrides = {}
        for item in options["hostname"]:
            if "=" not in item:
                raise CommandError(f"--hostname espera REGION=HOST, no {item!r}.")
            slug, host = item.split("=", 1)
            overrides[slug.strip()] = host.strip()
        try:
            config = load_config(options["config"])
        except (OSError, ValueError) as exc:
            raise CommandError(f"No se pudo leer la configuración de la red: {exc}") from exc
        result = bootstrap(
            config=config,
            base_domain=options["base_domain"],
            port=options["port"],
            hostnames=overrides,
            log=lambda msg: self.stdout.write(f"  {msg}"),
        )
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"Creado: {len(result.created)} elementos."))
            for item in result.created:
                self.stdout.write(f"  + {item}")
        else:
            self.stdout.write("Sin cambios: la red ya estaba creada.")
        self._rebuild_outdated_index()

    def _rebuild_outdated_index(self):
        """A deploy that changed the index's mapping rebuilds it here (alias swap): search
        never keeps answering from an index its queries no longer fit."""
        from search.engine import get_engine
        from search.indexer import OUTDATED_MESSAGE, rebuild_if_outdated

        engine = get_engine()
        if not engine.available or engine.health()["state"] == "down":
            return
        try:
            result = rebuild_if_outdated(engine, when_missing=False)
        except Exception as exc:
            self.stdout.write(self.style.WARNING(f"Búsqueda: {OUTDATED_MESSAGE} ({exc})."))
            return
        if result:
            self.stdout.write(
                f"Búsqueda: índice reconstruido con el mapeo actual ({result['documents']} "
                "documentos)."
            )
