"""RSS 2.0 and Atom feeds of a site's news, events and calls, with
django.utils.feedgenerator.

Every entry names its author (RFC 4287 §4.1.2): the site that publishes it, never the
person who typed it.
"""

from datetime import datetime, time

from django.utils import formats, timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from wagtail.contrib.routable_page.models import path

FORMATOS = {"rss": Rss201rev2Feed, "atom": Atom1Feed}
ELEMENTOS = 20


class ConFeeds:
    """Mixin for an index page: ``rss/`` and ``atom/`` routes with its latest entries.

    The index says what its feed lists through ``entradas_feed()`` (a list of dicts for
    ``add_item``) and ``descripcion_feed``."""

    descripcion_feed = "Publicaciones de {sitio}"

    @path("rss/")
    def rss(self, request):
        return feed_response(self, request, "rss")

    @path("atom/")
    def atom(self, request):
        return feed_response(self, request, "atom")


def fecha_publicacion(noticia):
    """The news date, with the publication time when it was published that same day."""
    publicada = noticia.first_published_at
    if publicada and timezone.localtime(publicada).date() == noticia.fecha:
        return publicada
    return timezone.make_aware(datetime.combine(noticia.fecha, time(12, 0)))


def fecha_larga(valor):
    """«8 de diciembre de 2026» (Spanish month names are not capitalised)."""
    return formats.date_format(valor, "j \\d\\e F \\d\\e Y").lower()


def _entradas_noticias(index, request):
    # Topics prefetched: one query for all the items, not one per item.
    for noticia in index.noticias().prefetch_related("temas")[:ELEMENTOS]:
        yield (
            noticia,
            {
                "description": noticia.entrada,
                "pubdate": fecha_publicacion(noticia),
                "categories": [t.name for t in noticia.temas.all()],
            },
        )


def _entradas_eventos(index, request):
    for evento in index.hijos().order_by("-inicio")[:ELEMENTOS]:
        # In the event's own zone, named, as its page shows it (cms.zonas).
        inicio = evento.inicio_local
        zona = str(evento.nombre_zona)
        cuando = f"{fecha_larga(inicio)}, {inicio:%H:%M} h, {zona[:1].lower()}{zona[1:]}"
        donde = evento.sede or evento.get_modalidad_display()
        yield (
            evento,
            {
                "description": f"{cuando}. {donde}. {evento.entrada}",
                "pubdate": evento.first_published_at or evento.inicio,
                "categories": [evento.get_tipo_display()],
            },
        )


def _entradas_convocatorias(index, request):
    for convocatoria in index.hijos().order_by("-fecha_apertura", "-pk")[:ELEMENTOS]:
        plazo = (
            f"Recibe participaciones del {fecha_larga(convocatoria.fecha_apertura)} "
            f"al {fecha_larga(convocatoria.fecha_cierre)}."
        )
        yield (
            convocatoria,
            {
                "description": f"{convocatoria.entrada} {plazo}",
                "pubdate": convocatoria.first_published_at
                or timezone.make_aware(datetime.combine(convocatoria.fecha_apertura, time(9, 0))),
                "categories": [convocatoria.get_ambito_display()],
            },
        )


def _fuente(index):
    from .models import ConvocatoriaIndex, EventoIndex, NoticiaIndex

    fuentes = {
        NoticiaIndex: (_entradas_noticias, "Noticias de {sitio}"),
        EventoIndex: (_entradas_eventos, "Eventos de {sitio}"),
        ConvocatoriaIndex: (_entradas_convocatorias, "Convocatorias de {sitio}"),
    }
    return fuentes[type(index)]


def feed(index, request, formato):
    site = index.get_site()
    nombre_sitio = site.site_name if site else "Red SNT"
    raiz = site.root_url + "/" if site else ""
    entradas, descripcion = _fuente(index)
    enlace = index.get_full_url(request)
    generador = FORMATOS[formato](
        title=f"{index.title} · {nombre_sitio}",
        link=enlace,
        description=index.introduccion or descripcion.format(sitio=nombre_sitio),
        language=index.locale.language_code if index.locale_id else "es-mx",
        feed_url=f"{enlace}{formato}/",
        author_name=nombre_sitio,
        author_link=raiz or None,
    )
    for pagina, datos in entradas(index, request):
        url = pagina.get_full_url(request)
        generador.add_item(
            title=pagina.title,
            link=url,
            unique_id=url,
            updateddate=pagina.last_published_at,
            author_name=nombre_sitio,
            author_link=raiz or None,
            **datos,
        )
    return generador


def feeds_del_sitio(pagina_raiz):
    """[(index, kind)] of the feeds a site's home (in one language) offers: its live, public
    news, events and calls listings."""
    from .models import ConvocatoriaIndex, EventoIndex, NoticiaIndex
    from .visibilidad import paginas_publicas

    encontrados = []
    for modelo in (NoticiaIndex, EventoIndex, ConvocatoriaIndex):
        index = paginas_publicas(modelo.objects.child_of(pagina_raiz)).first()
        if index is not None:
            encontrados.append(index)
    return encontrados


def feed_response(index, request, formato):
    from .models import contenido_http

    generador = feed(index, request, formato)
    return contenido_http(generador.writeString("utf-8"), f"{generador.content_type}")
