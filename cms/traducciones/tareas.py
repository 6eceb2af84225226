"""wagtail-localize's background jobs on the project's django-tasks queue.

wagtail-localize 1.14 does not use django-tasks: it has its own small job API
(``WAGTAILLOCALIZE_JOBS``, an immediate backend or django-rq). This backend adapts it: the jobs it
knows (subtree translation, locale tree synchronisation) become django-tasks with JSON
arguments (ids instead of model instances) and run on the same worker (``db_worker``) as the
search index, the reference index and file deletion. They are enqueued when the surrounding
transaction commits, so the worker sees the pages the request created.
"""

import logging

from django.db import transaction
from django_tasks import task
from wagtail_localize.tasks import BaseJobBackend

logger = logging.getLogger(__name__)

SUBARBOL = "wagtail_localize.operations.translate_page_subtree"
SINCRONIZAR = "wagtail_localize.synctree.synchronize_tree"


def _pk(value):
    return getattr(value, "pk", value)


class DjangoTasksJobBackend(BaseJobBackend):
    def enqueue(self, func, args, kwargs):
        nombre = f"{func.__module__}.{func.__qualname__}"
        args, kwargs = list(args or []), dict(kwargs or {})
        if nombre == SUBARBOL:
            page_id, locales, components, user = args
            if components is not None and any(True for _ in getattr(components, "components", [])):
                # Translation components hold unsaved forms: they cannot travel to a worker.
                func(*args, **kwargs)
                return
            transaction.on_commit(
                lambda: traducir_subarbol.enqueue(
                    page_id, [_pk(locale) for locale in locales], _pk(user)
                )
            )
        elif nombre == SINCRONIZAR:
            origen, destino = args[:2]
            transaction.on_commit(lambda: sincronizar_arbol.enqueue(_pk(origen), _pk(destino)))
        else:
            logger.warning("Trabajo de wagtail-localize desconocido, se ejecuta ya: %s", nombre)
            func(*args, **kwargs)


@task()
def traducir_subarbol(page_id, locale_ids, user_id=None):
    """Translate a page's subtree (wagtail-localize's "include subtree") on the worker."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Locale
    from wagtail_localize.operations import translate_page_subtree

    from .idiomas import locales_de_pagina

    # Only into the languages the page's region offers.
    permitidos = {locale.pk for locale in locales_de_pagina(page_id)}
    locales = list(Locale.objects.filter(pk__in=locale_ids).filter(pk__in=permitidos))
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    translate_page_subtree(page_id, locales, None, user)
    return {"pagina": page_id, "idiomas": [locale.language_code for locale in locales]}


@task()
def sincronizar_arbol(origen_id, destino_id):
    """wagtail-localize's tree synchronisation, confined to the sites that offer the locale."""
    from wagtail.models import Locale

    from .idiomas import sincronizar_regiones

    origen = Locale.objects.get(pk=origen_id)
    destino = Locale.objects.get(pk=destino_id)
    return {"alias": sincronizar_regiones(origen, destino)}


@task()
def sincronizar_idioma_region(idioma_region_id):
    """A region switched on synchronisation of a language: alias its Spanish pages there."""
    from wagtail.models import Locale

    from regiones.models import IdiomaRegion

    from .idiomas import sincronizar_region

    idioma = IdiomaRegion.objects.activos().filter(pk=idioma_region_id, sincronizar=True).first()
    if idioma is None or idioma.region.home_page is None:
        return {"alias": 0}
    return {"alias": sincronizar_region(idioma.region, Locale.get_default(), idioma.locale)}


def idioma_guardado(sender, instance, raw=False, **kwargs):
    """post_save of regiones.IdiomaRegion (connected in CmsConfig.ready)."""
    if raw or not (instance.activo and instance.sincronizar):
        return
    transaction.on_commit(lambda: sincronizar_idioma_region.enqueue(instance.pk))
