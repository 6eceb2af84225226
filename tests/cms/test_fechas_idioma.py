"""Public dates speak the page's language: an English page shows English dates, never
"1 de December de 2026".

One rule for every public template (core and plugins): a date a person reads goes through
Django's ``date`` filter with a format name (DATE_FORMAT, SHORT_DATE_FORMAT…), which follows
the active language; the month names themselves come from the language's catalog. Machine
formats ('Y-m-d', 'c') are fine. A hand-written Spanish pattern ("j \\d\\e F \\d\\e Y") or a
day-first numeric one ("d/m/Y") is not.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import formats, translation
from wagtail.models import Page

from regiones.models import OrganismoGarante

from .conftest import HOSTS
from .test_traducciones import inicio, publicar, traducir_publicando  # noqa: F401

RAIZ = Path(settings.BASE_DIR)
# Public templates: every templates folder of the project and its plugins, minus the admin's.
CARPETAS = [
    RAIZ / "cms" / "templates",
    RAIZ / "regiones" / "templates",
    RAIZ / "search" / "templates",
    *sorted((RAIZ / "plugins").glob("*/templates")),
]
FILTRO_FECHA = re.compile(r"""\|date:(["'])(?P<formato>.*?)\1""")
ESCRITO_A_MANO = re.compile(r"\\d\\e|d/m/Y|d/m/y")


def plantillas_publicas():
    for carpeta in CARPETAS:
        for plantilla in carpeta.rglob("*.html"):
            partes = plantilla.relative_to(carpeta).parts
            if any(p in {"admin", "wagtailadmin", "wagtail_localize"} for p in partes):
                continue
            yield plantilla


def test_public_templates_format_dates_by_language():
    revisadas = list(plantillas_publicas())
    assert any("plugins" in p.parts for p in revisadas)
    malas = []
    for plantilla in revisadas:
        for numero, linea in enumerate(plantilla.read_text().splitlines(), 1):
            for filtro in FILTRO_FECHA.finditer(linea):
                if ESCRITO_A_MANO.search(filtro.group("formato")):
                    malas.append(f"{plantilla.relative_to(RAIZ)}:{numero} {filtro.group(0)}")
    assert malas == []


@pytest.mark.django_db
def test_plugin_page_in_english_shows_english_dates(client, regions, traducir_publicando):  # noqa: F811
    """The directory (a plugin) translated into English: an institution's page shows its
    start date the English way; the Spanish page keeps the Spanish one."""
    norte = regions["norte"]
    publicar(inicio(regions, "norte", "en"))
    directorio = norte.home_page.get_children().get(slug="directorio").specific
    traducir_publicando(directorio, "en")
    assert Page.objects.filter(
        translation_key=directorio.translation_key, locale__language_code="en", live=True
    ).exists()
    organismo = OrganismoGarante.objects.filter(region=norte, entidad__isnull=False).first()
    fecha = datetime.date(2016, 12, 1)
    OrganismoGarante.objects.filter(pk=organismo.pk).update(
        fecha_inicio=fecha, estado=OrganismoGarante.Estado.VIGENTE, fecha_extincion=None
    )

    ingles = client.get(f"/en/directorio/{organismo.clave}/", HTTP_HOST=HOSTS["norte"])
    assert ingles.status_code == 200
    html = ingles.content.decode()
    with translation.override("en"):
        assert formats.date_format(fecha, "DATE_FORMAT") in html  # "Dec. 1, 2016"
    assert "de December" not in html and "de diciembre" not in html.lower()

    espanol = client.get(f"/directorio/{organismo.clave}/", HTTP_HOST=HOSTS["norte"])
    assert espanol.status_code == 200
    with translation.override("es-mx"):
        assert formats.date_format(fecha, "DATE_FORMAT") in espanol.content.decode()
    assert "Dec. 1, 2016" not in espanol.content.decode()


# -- Spanish weekday and month names are written in lower case --------------------------------

#: Every template folder, the admin's included (the admin speaks Spanish too).
TODAS_LAS_CARPETAS = [*CARPETAS, *sorted(RAIZ.glob("*/templates"))]
#: Django's ``M`` title-cases the month ("Dic"), and capfirst/title/upper after a date filter
#: capitalise what Spanish writes in lower case.
MES_CON_MAYUSCULA = re.compile(r"(?<![\\\w])M(?!\w)")
FECHA_CAPITALIZADA = re.compile(r"""\|date:(["']).*?\1\|(capfirst|title|upper)""")


def test_spanish_weekday_and_month_names_are_lower_case():
    from django.utils import dateformat

    with translation.override("es-mx"):
        assert (
            dateformat.format(datetime.date(2026, 12, 1), "l j \\d\\e F \\d\\e Y")
            == "martes 1 de diciembre de 2026"
        )
        for dia in range(7):
            fecha = datetime.date(2026, 11, 30) + datetime.timedelta(days=dia)
            texto = dateformat.format(fecha, "l D")
            assert texto == texto.lower(), texto
        for mes in range(1, 13):
            fecha = datetime.date(2026, mes, 1)
            texto = dateformat.format(fecha, "F E N b")
            assert texto == texto.lower(), texto
            assert formats.date_format(fecha).split()[2].islower()


def test_no_template_capitalises_a_date():
    revisadas, malas = 0, []
    for carpeta in TODAS_LAS_CARPETAS:
        for plantilla in carpeta.rglob("*.html"):
            revisadas += 1
            for numero, linea in enumerate(plantilla.read_text().splitlines(), 1):
                lugar = f"{plantilla.relative_to(RAIZ)}:{numero}"
                for filtro in FILTRO_FECHA.finditer(linea):
                    if MES_CON_MAYUSCULA.search(filtro.group("formato")):
                        malas.append(f"{lugar} {filtro.group(0)}")
                malas += [f"{lugar} {m.group(0)}" for m in FECHA_CAPITALIZADA.finditer(linea)]
    assert revisadas > 100
    assert malas == []


@pytest.mark.django_db
def test_an_event_reads_its_weekday_in_lower_case(client, crear):
    from django.utils import timezone

    from . import fabricas

    zona = timezone.get_default_timezone()
    inicio = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=zona)
    fin = datetime.datetime(2026, 12, 2, 12, 0, tzinfo=zona)
    evento = crear("norte", "eventos", fabricas.evento(slug="dos-dias", inicio=inicio, fin=fin))
    html = client.get(f"/eventos/{evento.slug}/", HTTP_HOST=HOSTS["norte"]).content.decode()
    assert "martes 1 de diciembre de 2026, 10:00 h" in html
    assert "miércoles 2 de diciembre de 2026, 12:00 h" in html
    assert "Martes" not in html and "Miércoles" not in html
