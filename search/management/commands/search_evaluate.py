from django.core.management.base import BaseCommand

from search.evaluation import (
    CONTROL_FILE,
    FIFTH_CONTROL_FILE,
    FOURTH_CONTROL_FILE,
    HELD_OUT_FILE,
    JUDGMENTS_FILE,
    SECOND_CONTROL_FILE,
    THIRD_CONTROL_FILE,
    evaluate,
    load_judgments,
)


def _line(name, figures):
    return (
        f"{name}: {figures['count']} consultas · nDCG@10 {figures['ndcg_at_10']:.3f} · "
        f"P@1 {figures['p_at_1']:.3f} · sin resultados {figures['zero_result_rate']:.1%}"
    )


class Command(BaseCommand):
    help = (
        "Calcula nDCG@10, P@1 y la tasa de consultas sin resultados con el conjunto juzgado "
        "y con el conjunto de control; muestra las consultas que fallan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--juicios", default=str(JUDGMENTS_FILE))
        parser.add_argument("--control", default=str(CONTROL_FILE))
        parser.add_argument("--nuevas", default=str(HELD_OUT_FILE))
        parser.add_argument("--control2", default=str(SECOND_CONTROL_FILE))
        parser.add_argument("--control3", default=str(THIRD_CONTROL_FILE))
        parser.add_argument("--control4", default=str(FOURTH_CONTROL_FILE))
        parser.add_argument("--control5", default=str(FIFTH_CONTROL_FILE))
        parser.add_argument("--detalle", action="store_true", help="Una línea por consulta.")
        parser.add_argument(
            "--umbral",
            type=float,
            default=0.8,
            help="Se listan las consultas con nDCG@10 menor que este valor (0.8).",
        )

    def handle(self, *args, **options):
        conjuntos = [("juicios", options["juicios"])]
        if options["control"]:
            conjuntos.append(("control", options["control"]))
        if options["nuevas"]:
            conjuntos.append(("nuevas", options["nuevas"]))
        if options["control2"]:
            conjuntos.append(("control2", options["control2"]))
        if options["control3"]:
            conjuntos.append(("control3", options["control3"]))
        if options["control4"]:
            conjuntos.append(("control4", options["control4"]))
        if options["control5"]:
            conjuntos.append(("control5", options["control5"]))
        for etiqueta, path in conjuntos:
            report = evaluate(load_judgments(path))
            rows = sorted(report["queries"], key=lambda r: r["ndcg"])
            for row in rows:
                if options["detalle"] or row["ndcg"] < options["umbral"]:
                    region = f" [{row['region']}]" if row["region"] else ""
                    primeros = " | ".join(row["top"]) or "—"
                    self.stdout.write(
                        f"{row['ndcg']:.3f}  {row['total']:5d}  {row['q']}{region}  → {primeros}"
                    )
            if len(report["sets"]) > 1:
                for name, figures in report["sets"].items():
                    self.stdout.write("  " + _line(f"{etiqueta}/{name}", figures))
            self.stdout.write(_line(etiqueta, report))
