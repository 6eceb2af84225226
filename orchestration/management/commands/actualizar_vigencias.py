from django.core.management.base import BaseCommand

from cms.ciclo import actualizar_vigencias
from search.vigencias import reindexar_estados_por_fecha


class Command(BaseCommand):
    help = (
        "Aplica lo que decide el calendario a los convenios de todos los complementos: los "
        "firmados cuya vigencia empezó pasan a «Vigente» y los vigentes cuya vigencia terminó "
        "pasan a «Vencido», con su entrada en el historial; los eventos y convocatorias cuyo "
        "estado cambió con la fecha se reindexan en la búsqueda. Idempotente; ejecútelo una "
        "vez al día."
    )

    def handle(self, *args, **options):
        for label, cuentas in actualizar_vigencias().items():
            linea = (
                f"{label}: {cuentas['vigentes']} entraron en vigor, {cuentas['vencidos']} vencieron"
            )
            if cuentas["revisar"]:
                linea += (
                    f"; {cuentas['revisar']} firmados con la vigencia ya terminada necesitan "
                    "que una persona los marque como concluidos o registre su nueva vigencia"
                )
            self.stdout.write(linea + ".")
        cuantas = reindexar_estados_por_fecha()
        self.stdout.write(
            f"Búsqueda: {cuantas} eventos y convocatorias con fechas recientes se reindexan "
            "para que su estado (abierta, cerrada, próximo, ya se realizó) sea el del día."
        )
