"""iCalendar (RFC 5545) output for events, written with the ``icalendar`` library (escaping,
folding and time zones are its job).

An event's start and end are written in its own zone (``DTSTART;TZID=America/Hermosillo``)
with the VTIMEZONE components that zone needs, so a calendar shows the local time the event
was announced in and moves it correctly for readers elsewhere."""

from datetime import UTC, timedelta

from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from .zonas import tzinfo

PRODID = "-//Red SNT//snt-cms//ES"
ZONA = "America/Mexico_City"


def _utc(valor):
    if timezone.is_naive(valor):
        valor = timezone.make_aware(valor)
    return valor.astimezone(UTC)


def _host(evento, request, hosts):
    """The hostname of the event's site, looked up once per site (not once per event)."""
    from wagtail.models import Site

    partes = evento.get_url_parts(request)
    site_id = partes[0] if partes else None
    if site_id not in hosts:
        site = Site.objects.filter(pk=site_id).first() if site_id else None
        hosts[site_id] = site.hostname if site else "snt-cms"
    return hosts[site_id]


def vevent(evento, request, dtstamp, hosts=None):
    host = _host(evento, request, {} if hosts is None else hosts)
    descripcion = evento.entrada
    if evento.enlace_registro:
        descripcion += f"\n\nRegistro: {evento.enlace_registro}"
    if evento.enlace:
        descripcion += f"\nEnlace para conectarse: {evento.enlace}"
    componente = Event()
    componente.add("uid", f"evento-{evento.translation_key}@{host}")
    componente.add("dtstamp", _utc(dtstamp))
    zona = tzinfo(evento.zona)
    componente.add("dtstart", _utc(evento.inicio).astimezone(zona))
    componente.add("dtend", _utc(evento.fin).astimezone(zona))
    componente.add("summary", evento.title)
    componente.add("description", strip_tags(descripcion))
    componente.add("url", evento.get_full_url(request))
    componente.add("categories", [evento.get_tipo_display()])
    ubicacion = evento.sede or evento.enlace
    if ubicacion:
        componente.add("location", ubicacion)
    if evento.last_published_at:
        componente.add("last-modified", _utc(evento.last_published_at))
    return componente


def calendario(eventos, request, nombre):
    """The VCALENDAR of these events, as bytes (CRLF lines folded at 75 octets)."""
    dtstamp = timezone.now()
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", nombre)
    cal.add("x-wr-timezone", ZONA)
    hosts = {}
    eventos = list(eventos)
    for evento in eventos:
        cal.add_component(vevent(evento, request, dtstamp, hosts))
    if eventos:
        # Only the transitions around these events: the zones' whole history would make the
        # file many times larger.
        cal.add_missing_timezones(
            first_date=min(e.inicio for e in eventos).date() - timedelta(days=1),
            last_date=max(e.fin for e in eventos).date() + timedelta(days=1),
        )
        for zona in cal.timezones:
            zona.pop("COMMENT", None)  # an English note on that range, for no reader
    return cal.to_ical()


def calendario_response(eventos, request, nombre, archivo, adjunto=False):
    from .models import contenido_http

    return contenido_http(
        calendario(eventos, request, nombre),
        "text/calendar; charset=utf-8",
        archivo=archivo,
        adjunto=adjunto,
    )
