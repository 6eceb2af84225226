"""RSS 2.0 and Atom feeds of a site's news, with django.utils.feedgenerator."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FORMATOS = {"rss": Rss201rev2Feed, "atom": Atom1Feed}
ELEMENTOS = 20


def fecha_publicacion(noticia):
    """The news date, with the publication time when it was published that same day."""
    publicada = noticia.first_published_at
    if publicada and timezone.localtime(publicada).date() == noticia.fecha:
        return publicada
    return timezone.make_aware(datetime.combine(noticia.fecha, time(12, 0)))


def feed(index, request, formato):
    site = index.get_site()
    nombre_sitio = site.site_name if site else ""
    enlace = index.get_full_url(request)
    generador = FORMATOS[formato](
        title=f"{index.title} · {nombre_sitio}" if nombre_sitio else index.title,
        link=enlace,
        description=index.introduccion or f"Noticias de {nombre_sitio}",
        language=index.locale.language_code if index.locale_id else "es-mx",
        feed_url=f"{enlace}{formato}/",
    )
    # Topics prefetched: one query for all the items, not one per item.
    for noticia in index.noticias().prefetch_related("temas")[:ELEMENTOS]:
        url = noticia.get_full_url(request)
        generador.add_item(
            title=noticia.title,
            link=url,
            description=noticia.entrada,
            unique_id=url,
            pubdate=fecha_publicacion(noticia),
            updateddate=noticia.last_published_at,
            categories=[t.name for t in noticia.temas.all()],
        )
    return generador


def feed_response(index, request, formato):
    from .models import contenido_http

    generador = feed(index, request, formato)
    return contenido_http(generador.writeString("utf-8"), f"{generador.content_type}")
