"""manage.py retire_plugin <label>: take a plugin out of service before removing its code."""

from django.core.management.base import BaseCommand, CommandError

from cms.plugins import installed_plugins, retire


class Command(BaseCommand):
    help = (
        "Retira un complemento: lo desactiva en todas las regiones, despublica y borra sus "
        "páginas, saca sus documentos del índice de búsqueda e informa qué queda."
    )

    def add_arguments(self, parser):
        parser.add_argument("label", help="Etiqueta del complemento (por ejemplo, medios).")

    def handle(self, label, **options):
        try:
            report = retire(label)
        except LookupError:
            labels = ", ".join(p.label for _, p in installed_plugins())
            raise CommandError(
                f"No hay ningún complemento instalado con la etiqueta «{label}». "
                f"Instalados: {labels}."
            ) from None
        plugin = report["plugin"]
        out = self.stdout
        out.write(f"Complemento «{plugin.name}» ({plugin.label}) retirado.")
        out.write(f"- Desactivado en {report['regiones']} regiones.")
        out.write(f"- Páginas despublicadas y borradas: {len(report['paginas'])}.")
        for url_path in report["paginas"]:
            out.write(f"    {url_path}")
        if report["busqueda"] is None:
            out.write(
                "- Búsqueda: el motor no respondió; sus documentos salen del índice cuando "
                "vuelva (la bandeja de indexación guarda el trabajo) o con search_reindex."
            )
        else:
            out.write(f"- Documentos retirados del índice de búsqueda: {report['busqueda']}.")
        out.write("Lo que queda:")
        for nombre, total in report["registros"]:
            out.write(f"- {nombre}: {total} registros en la base de datos.")
        out.write(
            "Para terminar: borre sus tablas con «manage.py migrate "
            f"{plugin.label} zero», quite el paquete (o añada {plugin.label} a "
            "SNT_PLUGINS_DISABLED) y reinicie."
        )
