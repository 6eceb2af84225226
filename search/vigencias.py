"""States that change with the calendar (an event ends, a call opens or closes, an
institution ends its functions and its successor starts) are kept true in the index by the
daily job (``actualizar_vigencias``).

A page type whose ``search_status()`` depends on dates names those date fields in
``search_status_fields``; every live page of it with one of those dates in the last few
days is reindexed (reindexing a page whose state did not change is harmless)."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from wagtail.models import get_page_models

#: Days looked back: a job that missed a day or two still catches up.
DIAS = 3


def _date_lookup(model, field_name):
    field = model._meta.get_field(field_name)
    return f"{field_name}__date" if field.get_internal_type() == "DateTimeField" else field_name


def paginas_con_estado_vencido(hoy=None, dias=DIAS):
    """Live pages whose state may have changed since the job last ran."""
    hoy = hoy or timezone.localdate()
    desde = hoy - timedelta(days=dias)
    for model in get_page_models():
        fields = getattr(model, "search_status_fields", ())
        if not fields or model._meta.abstract:
            continue
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{_date_lookup(model, name)}__range": (desde, hoy)})
        yield from model.objects.live().filter(condition)


def instituciones_con_fecha_reciente(hoy=None, dias=DIAS):
    """Every institution, when one of them started or ended its functions in the last few
    days: who answers today passes along successor chains (``regiones.hoy``), so the
    document of each body in a chain may change with another's date. Otherwise none."""
    from regiones.models import OrganismoGarante

    hoy = hoy or timezone.localdate()
    rango = (hoy - timedelta(days=dias), hoy)
    cambio = Q(fecha_inicio__range=rango) | Q(fecha_extincion__range=rango)
    if not OrganismoGarante.objects.filter(cambio).exists():
        return OrganismoGarante.objects.none()
    return OrganismoGarante.objects.all()


def reindexar_estados_por_fecha(hoy=None, dias=DIAS):
    """Queue index work for those pages and institutions. Returns how many were queued."""
    from .indexer import enqueue

    cuantas = 0
    cambiados = [
        *paginas_con_estado_vencido(hoy, dias),
        *instituciones_con_fecha_reciente(hoy, dias),
    ]
    for obj in cambiados:
        if enqueue(obj) is not None:
            cuantas += 1
    return cuantas
