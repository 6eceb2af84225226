"""States that change with the calendar (an event ends, a call opens or closes) are kept
true in the index by the daily job (``actualizar_vigencias``).

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


def reindexar_estados_por_fecha(hoy=None, dias=DIAS):
    """Queue index work for those pages. Returns how many were queued."""
    from .indexer import enqueue

    cuantas = 0
    for page in paginas_con_estado_vencido(hoy, dias):
        if enqueue(page) is not None:
            cuantas += 1
    return cuantas
