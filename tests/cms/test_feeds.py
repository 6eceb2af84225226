"""RSS, Atom, iCalendar, sitemap and robots.txt output, parsed rather than grepped: by a
small reader of our own, by feedparser (what feed readers use) and by two iCalendar
libraries (icalendar and ics)."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import ics
import pytest
from django.utils import timezone

from cms.ics import calendario
from cms.models import RedesSocialesSettings
from tests.conftest import REGION_SLUGS

from . import fabricas
from .conftest import HOSTS

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


# -- A small RFC 5545 reader for the tests --------------------------------------------------------


def unfold(raw):
    assert raw.endswith(b"\r\n"), "content lines end with CRLF"
    assert b"\n" not in raw.replace(b"\r\n", b""), "bare LF is not allowed"
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, f"line longer than 75 octets: {line!r}"
    text = raw.decode("utf-8")
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]


def unescape(value):
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out.append({"n": "\n", "N": "\n"}.get(value[i + 1], value[i + 1]))
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def parse_ics(raw):
    """-> (calendar properties, [event properties]); values unescaped. An event's property
    parameters are kept under ``"NAME;"`` (``{"TZID": "America/Hermosillo"}``); the
    VTIMEZONE components are left out, after checking that every TZID used has one."""
    lines = unfold(raw)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    calendar, events, current, zonas, en_zona = {}, [], None, set(), False
    for line in lines[1:-1]:
        name, _, value = line.partition(":")
        name, *params = name.split(";")
        if line == "BEGIN:VTIMEZONE":
            en_zona = True
        elif line == "END:VTIMEZONE":
            en_zona = False
        elif en_zona:
            if name == "TZID":
                zonas.add(value)
        elif line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current[name] = unescape(value)
            current[f"{name};"] = dict(p.split("=", 1) for p in params)
        else:
            calendar[name] = unescape(value)
    assert current is None
    usadas = {e[f"{n};"]["TZID"] for e in events for n in ("DTSTART", "DTEND") if e[f"{n};"]}
    assert usadas <= zonas, f"TZID without VTIMEZONE: {usadas - zonas}"
    return calendar, events


def utc(value):
    assert value.endswith("Z")
    return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def local(event, name):
    """An event's DTSTART/DTEND written as local time with its TZID, as an aware datetime."""
    zona = event[f"{name};"]["TZID"]
    return datetime.strptime(event[name], "%Y%m%dT%H%M%S").replace(tzinfo=ZoneInfo(zona))


# -- ICS -------------------------------------------------------------------------------------------


def test_escaping_and_folding_rules(rf, crear):
    inicio = timezone.now().replace(microsecond=0) + timedelta(days=3)
    evento = crear(
        "centro",
        "eventos",
        fabricas.evento(
            slug="pliegues",
            title="Taller, datos; y \\ más",
            inicio=inicio,
            fin=inicio + timedelta(hours=1),
            entrada="ñ" * 80,
        ),
    )
    raw = calendario([evento], rf.get("/", HTTP_HOST=HOSTS["centro"]), "Pruebas")
    _, [parsed] = parse_ics(raw)  # checks 75-octet folding and CRLF
    assert parsed["SUMMARY"] == evento.title
    assert "SUMMARY:Taller\\, datos\\; y \\\\ más" in raw.decode().replace("\r\n ", "")
    assert parsed["DESCRIPTION"] == "ñ" * 80  # no character split by the folding


def test_event_ics_parses_with_local_times_and_escaped_text(client, crear):
    inicio = timezone.now().replace(microsecond=0, second=0) + timedelta(days=5)
    page = crear(
        "norte",
        "eventos",
        fabricas.evento(
            slug="ics-evento",
            title="Taller; datos, personales y \\ más",
            inicio=inicio,
            fin=inicio + timedelta(hours=3),
            sede="Auditorio «Benito Juárez», planta baja; entrada por la calle Hidalgo " * 2,
            entrada="Primera línea.\nSegunda línea con acentos: información pública.",
        ),
    )
    response = client.get("/eventos/ics-evento/evento.ics", HTTP_HOST=HOSTS["norte"])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    calendar, events = parse_ics(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    [event] = events
    assert event["SUMMARY"] == page.title
    assert event["DTSTART;"] == {"TZID": "America/Mexico_City"}
    assert local(event, "DTSTART") == inicio
    assert local(event, "DTEND") == inicio + timedelta(hours=3)
    assert utc(event["DTSTAMP"]) <= timezone.now()
    assert event["UID"] == f"evento-{page.translation_key}@norte.localhost"
    assert event["LOCATION"] == page.sede
    assert event["DESCRIPTION"].startswith(page.entrada)
    assert event["URL"] == "http://norte.localhost/eventos/ics-evento/"


@pytest.mark.parametrize("slug", REGION_SLUGS)
def test_site_calendar_feed_lists_that_sites_events_only(client, crear, slug):
    crear(slug, "eventos", fabricas.evento(slug="en-calendario", title=f"Evento de {slug}"))
    response = client.get("/eventos/calendario.ics", HTTP_HOST=HOSTS[slug])
    assert response.status_code == 200
    calendar, events = parse_ics(response.content)
    assert "X-WR-CALNAME" in calendar
    titles = {e["SUMMARY"] for e in events}
    assert f"Evento de {slug}" in titles
    assert len({e["UID"] for e in events}) == len(events)
    others = [s for s in REGION_SLUGS if s != slug]
    assert not any(f"Evento de {o}" in titles for o in others)
    for event in events:
        assert local(event, "DTEND") >= local(event, "DTSTART")


# -- RSS and Atom ----------------------------------------------------------------------------------


def test_rss_feed_is_valid_xml_with_the_sites_news(client, crear):
    noticia = fabricas.noticia(slug="en-rss", title="Noticia para el RSS & amigos")
    noticia.temas.add("transparencia")
    crear("centro", "noticias", noticia)
    response = client.get("/noticias/rss/", HTTP_HOST=HOSTS["centro"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("language") == "es-mx"
    items = channel.findall("item")
    by_title = {i.findtext("title"): i for i in items}
    item = by_title["Noticia para el RSS & amigos"]
    assert item.findtext("link") == "http://centro.localhost/noticias/en-rss/"
    assert item.findtext("pubDate")
    assert "transparencia" in [c.text for c in item.findall("category")]
    # Only this site's news.
    assert all(i.findtext("link").startswith("http://centro.localhost/") for i in items)


def test_atom_feed_is_valid_xml(client, crear):
    crear("sureste", "noticias", fabricas.noticia(slug="en-atom", title="Noticia para Atom"))
    response = client.get("/noticias/atom/", HTTP_HOST=HOSTS["sureste"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert "Noticia para Atom" in titles
    for entry in entries:
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}link").get("href").startswith("http://sureste.localhost/")


def test_a_news_item_announces_its_sites_feeds(client, crear):
    crear("norte", "noticias", fabricas.noticia(slug="anuncia"))
    html = client.get("/noticias/anuncia/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/noticias/rss/"' in html
    assert 'type="application/atom+xml"' in html and 'href="/eventos/calendario.ics"' in html


@pytest.mark.parametrize(
    ("seccion", "fabrica"),
    [("noticias", "noticia"), ("eventos", "evento"), ("convocatorias", "convocatoria")],
)
@pytest.mark.parametrize("formato", ["rss", "atom"])
def test_every_feed_parses_in_feedparser_with_authors(client, crear, seccion, fabrica, formato):
    pagina = getattr(fabricas, fabrica)(slug="para-lectores", title=f"{fabrica} para lectores")
    crear("centro-occidente", seccion, pagina)
    response = client.get(f"/{seccion}/{formato}/", HTTP_HOST=HOSTS["centro-occidente"])
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == ("rss20" if formato == "rss" else "atom10")
    assert parsed.feed.title.endswith("Centro-Occidente") or parsed.feed.title
    [entrada] = [e for e in parsed.entries if e.title == pagina.title]
    assert entrada.link == f"http://centro-occidente.localhost/{seccion}/para-lectores/"
    assert entrada.get("published_parsed") or entrada.get("updated_parsed")
    for entry in parsed.entries:
        assert entry.author, "RFC 4287 §4.1.2: every entry has an author"
        assert entry.link.startswith("http://centro-occidente.localhost/")


def test_event_and_call_feeds_describe_when(client, crear):
    inicio = timezone.make_aware(datetime(2031, 12, 8, 10, 0))
    crear(
        "norte",
        "eventos",
        fabricas.evento(slug="cuando", inicio=inicio, fin=inicio + timedelta(hours=2)),
    )
    parsed = feedparser.parse(client.get("/eventos/atom/", HTTP_HOST=HOSTS["norte"]).content)
    [entrada] = [e for e in parsed.entries if e.link.endswith("/eventos/cuando/")]
    assert "8 de diciembre de 2031, 10:00 h, hora del centro" in entrada.summary


def test_event_feed_gives_the_time_in_the_events_own_zone(client, crear):
    # 10:00 in Mexico City is 09:00 in Hermosillo (Pacific time, no daylight saving).
    inicio = timezone.make_aware(datetime(2031, 12, 8, 10, 0))
    crear(
        "norte",
        "eventos",
        fabricas.evento(
            slug="en-hermosillo",
            inicio=inicio,
            fin=inicio + timedelta(hours=2),
            zona_horaria="America/Hermosillo",
        ),
    )
    parsed = feedparser.parse(client.get("/eventos/rss/", HTTP_HOST=HOSTS["norte"]).content)
    [entrada] = [e for e in parsed.entries if e.link.endswith("/eventos/en-hermosillo/")]
    assert "8 de diciembre de 2031, 09:00 h, hora de Sonora (Hermosillo)" in entrada.summary
    assert "centro" not in entrada.summary.split(".")[0]


@pytest.mark.parametrize("slug", REGION_SLUGS)
def test_site_calendar_parses_in_icalendar_and_ics(client, crear, slug):
    inicio = timezone.now().replace(microsecond=0, second=0) + timedelta(days=9)
    crear(
        slug,
        "eventos",
        fabricas.evento(
            slug="dos-lectores",
            title=f"Evento, con; signos de {slug}",
            inicio=inicio,
            fin=inicio + timedelta(hours=1),
        ),
    )
    raw = client.get("/eventos/calendario.ics", HTTP_HOST=HOSTS[slug]).content
    calendario_ical = icalendar.Calendar.from_ical(raw)
    eventos = {str(e["SUMMARY"]): e for e in calendario_ical.walk("VEVENT")}
    evento = eventos[f"Evento, con; signos de {slug}"]
    assert evento.decoded("DTSTART") == inicio
    assert str(evento["URL"]) == f"http://{HOSTS[slug]}/eventos/dos-lectores/"
    calendario_ics = ics.Calendar(raw.decode("utf-8"))
    por_nombre = {e.name: e for e in calendario_ics.events}
    assert por_nombre[f"Evento, con; signos de {slug}"].begin == inicio
    assert len(calendario_ics.events) == len(eventos)


def test_an_event_in_hermosillo_reads_9_in_hermosillo_in_both_readers(client, crear):
    # 09:00 in Hermosillo (UTC-7 all year) is 16:00 UTC; Tijuana keeps daylight saving time.
    inicio = datetime(2031, 7, 8, 16, 0, tzinfo=UTC)
    for slug, zona in (("en-hermosillo", "America/Hermosillo"), ("en-tijuana", "America/Tijuana")):
        crear(
            "norte",
            "eventos",
            fabricas.evento(
                slug=slug,
                title=f"Taller {slug}",
                inicio=inicio,
                fin=inicio + timedelta(hours=2),
                zona_horaria=zona,
            ),
        )
    raw = client.get("/eventos/en-hermosillo/evento.ics", HTTP_HOST=HOSTS["norte"]).content
    _, [event] = parse_ics(raw)
    assert event["DTSTART"] == "20310708T090000" and event["DTEND"] == "20310708T110000"
    assert event["DTSTART;"] == {"TZID": "America/Hermosillo"}

    sonora = icalendar.Calendar.from_ical(raw)
    [vtimezone] = sonora.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "America/Hermosillo"
    [vevent] = sonora.walk("VEVENT")
    dtstart = vevent.decoded("DTSTART")
    assert (dtstart.hour, dtstart.minute) == (9, 0) and str(dtstart.tzinfo) == "America/Hermosillo"
    assert dtstart == inicio
    [leido] = ics.Calendar(raw.decode("utf-8")).events
    assert leido.begin == inicio and leido.begin.datetime.hour == 9
    assert leido.begin.utcoffset() == timedelta(hours=-7)

    # The site calendar carries one VTIMEZONE per zone its events use, each event in its own.
    raw = client.get("/eventos/calendario.ics", HTTP_HOST=HOSTS["norte"]).content
    calendario_ical = icalendar.Calendar.from_ical(raw)
    assert calendario_ical.get_missing_tzids() == set()
    eventos = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in calendario_ical.walk("VEVENT")}
    assert eventos["Taller en-hermosillo"].hour == 9
    assert eventos["Taller en-tijuana"].hour == 9 and str(eventos["Taller en-tijuana"].tzinfo) == (
        "America/Tijuana"
    )
    por_nombre = {e.name: e.begin for e in ics.Calendar(raw.decode("utf-8")).events}
    assert por_nombre["Taller en-tijuana"] == inicio
    assert por_nombre["Taller en-tijuana"].utcoffset() == timedelta(hours=-7)  # PDT


def test_a_private_event_stays_out_of_the_calendar(client, crear):
    crear(
        "norte", "eventos", fabricas.evento(slug="borrador-ics", title="Borrador"), publicar=False
    )
    raw = client.get("/eventos/calendario.ics", HTTP_HOST=HOSTS["norte"]).content
    titulos = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")}
    assert "Borrador" not in titulos


# -- Sitemap and robots ----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", REGION_SLUGS)
def test_sitemap_lists_only_this_sites_live_pages(client, crear, slug):
    crear(slug, "recursos", fabricas.recurso(slug="en-sitemap"))
    crear(slug, "recursos", fabricas.recurso(slug="borrador-sitemap"), publicar=False)
    response = client.get("/sitemap.xml", HTTP_HOST=HOSTS[slug])
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locs = [u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")]
    base = f"http://{HOSTS[slug]}/"
    assert base in locs
    assert f"{base}recursos/en-sitemap/" in locs
    assert f"{base}recursos/borrador-sitemap/" not in locs
    assert f"{base}noticias/" in locs
    assert all(loc.startswith(base) for loc in locs)


@pytest.mark.parametrize("slug", REGION_SLUGS)
def test_robots_points_to_the_sites_sitemap(client, db, slug):
    response = client.get("/robots.txt", HTTP_HOST=HOSTS[slug])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: http://{HOSTS[slug]}/sitemap.xml" in lines


def test_sitemap_and_robots_of_an_unknown_subdomain_are_404(client, db):
    assert client.get("/sitemap.xml", HTTP_HOST="occidente.localhost").status_code == 404
    assert client.get("/robots.txt", HTTP_HOST="occidente.localhost").status_code == 404


# -- Social accounts -------------------------------------------------------------------------------


def test_social_accounts_are_per_site_and_shown_in_the_footer(client, regions):
    norte = RedesSocialesSettings.for_site(regions["norte"].site)
    norte.facebook = "https://www.facebook.com/ejemplo-norte"
    norte.usuario_x = "@ejemplo_norte"
    norte.save()
    html = client.get("/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert 'href="https://www.facebook.com/ejemplo-norte"' in html
    assert 'name="twitter:site" content="@ejemplo_norte"' in html
    other = client.get("/", HTTP_HOST=HOSTS["sureste"]).content.decode()
    assert "ejemplo-norte" not in other


def test_open_graph_meta_of_a_news_page(client, crear):
    crear("norte", "noticias", fabricas.noticia(slug="og", title="Título para compartir"))
    html = client.get("/noticias/og/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert '<meta property="og:title" content="Título para compartir">' in html
    assert '<meta property="og:url" content="http://norte.localhost/noticias/og/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:description" content="Una noticia para la ciudadanía.">' in html
    assert '<meta property="og:locale" content="es_MX">' in html
    assert "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Fnorte.localhost" in html
    assert 'id="enlace-compartir"' in html and "cms/js/compartir.js" in html
