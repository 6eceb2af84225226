from django.core.management.base import BaseCommand

from search.evaluation import JUDGMENTS_FILE, evaluate, load_judgments


class Command(BaseCommand):
    help = "Calcula nDCG@10 y la tasa de consultas sin resultados con el conjunto juzgado."

    def add_arguments(self, parser):
        parser.add_argument("--juicios", default=str(JUDGMENTS_FILE))
        parser.add_argument("--detalle", action="store_true", help="Una línea por consulta.")

    def handle(self, *args, **options):
        report = evaluate(load_judgments(options["juicios"]))
        if options["detalle"]:
            for row in sorted(report["queries"], key=lambda r: r["ndcg"]):
                self.stdout.write(f"{row['ndcg']:.3f}  {row['total']:5d}  {row['q']}")
        self.stdout.write(
            f"Consultas: {len(report['queries'])} · nDCG@10: {report['ndcg_at_10']:.3f} · "
            f"sin resultados: {report['zero_result_rate']:.1%}"
        )
