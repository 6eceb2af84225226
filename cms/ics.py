"""iCalendar (RFC 5545) output for events, written by hand: escaping, folding, UTC times."""

from datetime import UTC

from django.utils import timezone
from django.utils.html import strip_tags

CRLF = "\r\n"
PRODID = "-//Red SNT//snt-cms//ES"


def escapar(texto):
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    texto = (texto or "").replace("\r\n", "\n").replace("\r", "\n")
    return texto.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def plegar(linea, limite=75):
    """Fold a content line at 75 octets without splitting a UTF-8 character (§3.1)."""
    partes, actual, octetos = [], "", 0
    for caracter in linea:
        tam = len(caracter.encode("utf-8"))
        # continuation lines start with a space, which counts towards the limit
        maximo = limite if not partes else limite - 1
        if octetos + tam > maximo:
            partes.append(actual)
            actual, octetos = "", 0
        actual += caracter
        octetos += tam
    partes.append(actual)
    return (CRLF + " ").join(partes)


def fecha_utc(valor):
    if timezone.is_naive(valor):
        valor = timezone.make_aware(valor)
    return valor.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def propiedad(nombre, valor):
    return plegar(f"{nombre}:{valor}")


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
    ubicacion = evento.sede or evento.enlace
    descripcion = evento.entrada
    if evento.enlace_registro:
        descripcion += f"\n\nRegistro: {evento.enlace_registro}"
    if evento.enlace:
        descripcion += f"\nEnlace para conectarse: {evento.enlace}"
    lineas = [
        "BEGIN:VEVENT",
        propiedad("UID", f"evento-{evento.translation_key}@{host}"),
        propiedad("DTSTAMP", fecha_utc(dtstamp)),
        propiedad("DTSTART", fecha_utc(evento.inicio)),
        propiedad("DTEND", fecha_utc(evento.fin)),
        propiedad("SUMMARY", escapar(evento.title)),
        propiedad("DESCRIPTION", escapar(strip_tags(descripcion))),
        propiedad("URL", evento.get_full_url(request)),
        propiedad("CATEGORIES", escapar(evento.get_tipo_display())),
    ]
    if ubicacion:
        lineas.append(propiedad("LOCATION", escapar(ubicacion)))
    if evento.last_published_at:
        lineas.append(propiedad("LAST-MODIFIED", fecha_utc(evento.last_published_at)))
    lineas.append("END:VEVENT")
    return lineas


def calendario(eventos, request, nombre):
    dtstamp = timezone.now()
    lineas = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        propiedad("PRODID", PRODID),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        propiedad("X-WR-CALNAME", escapar(nombre)),
        "X-WR-TIMEZONE:America/Mexico_City",
    ]
    hosts = {}
    for evento in eventos:
        lineas.extend(vevent(evento, request, dtstamp, hosts))
    lineas.append("END:VCALENDAR")
    return CRLF.join(lineas) + CRLF


def calendario_response(eventos, request, nombre, archivo, adjunto=False):
    from .models import contenido_http

    return contenido_http(
        calendario(eventos, request, nombre).encode("utf-8"),
        "text/calendar; charset=utf-8",
        archivo=archivo,
        adjunto=adjunto,
    )
