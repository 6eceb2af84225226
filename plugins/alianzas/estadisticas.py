"""Numbers for the coordination dashboard and the national view, always limited to the
regions the user may see (the national coordination sees every region)."""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from cms.ciclo import Estado, etiqueta

from .models import Compromiso, Organizacion

DIAS_POR_TERMINAR = 90


def por_estado_y_region(convenios, regiones):
    """Rows (region, [count per state], total) and the totals per state."""
    conteos = {
        (fila["region"], fila["estado"]): fila["n"]
        for fila in convenios.values("region", "estado").annotate(n=Count("pk")).order_by()
    }
    estados = list(Estado.values)
    filas = []
    for region in regiones:
        valores = [conteos.get((region.pk, estado), 0) for estado in estados]
        filas.append({"region": region, "valores": valores, "total": sum(valores)})
    totales = [sum(f["valores"][i] for f in filas) for i in range(len(estados))]
    return {
        "estados": [etiqueta(e) for e in estados],
        "filas": filas,
        "totales": totales,
        "total": sum(totales),
    }


def compromisos_vencidos(convenios, hoy=None):
    return (
        Compromiso.objects.vencidos(hoy)
        .filter(convenio__in=convenios)
        .select_related("convenio__region")
        .order_by("fecha_limite", "pk")
    )


def oportunidades(vinculos, convenios):
    return Organizacion.objects.oportunidades(vinculos, convenios)


def conteo(convenios, campo, etiquetas):
    """[(label, count)] for every choice, in the choices' order (zeros included)."""
    cuentas = dict(convenios.values_list(campo).annotate(n=Count("pk")).order_by())
    return [(nombre, cuentas.get(valor, 0)) for valor, nombre in etiquetas]


def conteo_por_region(convenios, regiones):
    cuentas = dict(convenios.values_list("region").annotate(n=Count("pk")).order_by())
    return [(r.nombre, cuentas.get(r.pk, 0)) for r in regiones]


def hoy_mas(dias, hoy=None):
    return (hoy or timezone.localdate()) + timedelta(days=dias)
