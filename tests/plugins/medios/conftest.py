from datetime import date

import pytest

from cms.models import Campana
from plugins.medios.models import MedioOficial, Pauta
from regiones.models import EntidadFederativa
from tests.plugins.convenios import (  # noqa: F401 (the plugin's tests import them from here)
    FECHAS,
    GEMELOS,
    INTERNOS,
    PUBLICOS,
    hoy_mas,
)

ENTIDAD = {"norte": "Sonora", "sureste": "Campeche"}


@pytest.fixture
def crear_medio(db):
    def make(region="norte", nombre=None, **kwargs):
        if region == "federal":
            datos = {"ambito": "federal", "entidad": None}
        else:
            datos = {
                "ambito": "estatal",
                "entidad": EntidadFederativa.objects.get(nombre=ENTIDAD[region]),
            }
        datos.update(kwargs)
        return MedioOficial.objects.create(
            nombre=nombre or f"Medio {region}",
            tipo=datos.pop("tipo", "radio"),
            contacto=f"CONTACTO-INTERNO-{region}",
            **datos,
        )

    return make


@pytest.fixture
def medios(crear_medio):
    return {r: crear_medio(r) for r in ("norte", "sureste", "federal")}


@pytest.fixture
def crear_convenio(regions, medios):
    """A ConvenioMedio saved directly in a state, with dates that agree with it."""

    def make(region="norte", estado="identificado", medio=None, **kwargs):
        medio = medio or medios[region]
        return GEMELOS["medios"].crear(regions, region, estado, medio=medio, **kwargs)

    return make


@pytest.fixture
def campana(regions):
    """A campaign of the national site (shared by every region)."""
    from wagtail.models import Page

    def make(titulo="Tu derecho a saber", slug="tu-derecho-a-saber"):
        indice = Page.objects.child_of(regions["nacional"].site.root_page).get(slug="campanas")
        pagina = Campana(
            title=titulo,
            slug=slug,
            entrada="Pregunta sin miedo.",
            inicio=date(2024, 3, 1),
            fin=date(2024, 3, 31),
        )
        indice.add_child(instance=pagina)
        return pagina

    return make


@pytest.fixture
def crear_pauta(regions, medios):
    def make(region="norte", medio=None, **kwargs):
        datos = {
            "formato": "spot_radio",
            "inicio": date(2024, 3, 4),
            "fin": date(2024, 3, 10),
            "estado": "programada",
        }
        datos.update(kwargs)
        if "impactos_por_semana" not in datos:
            datos.setdefault("impactos_por_dia", 4)
        return Pauta.objects.create(region=regions[region], medio=medio or medios[region], **datos)

    return make


@pytest.fixture
def calendario_fixture(campana, crear_pauta):
    """The schedules the calendar and campaign numbers are checked against.

    - Norte, per day: 4 a day from Mon 4 to Sun 10 March 2024 (ISO week 2024-W10), aired:
      28 slots.
    - Norte, per week: 10 a week from Fri 8 to Wed 20 March (13 days: a week of 7 and one
      of 6), scheduled: 20 slots, spread 2,2,2,1,1,1,1 | 2,2,2,2,1,1.
    - Norte, cancelled: never counted.
    - Sureste, per day: 3 a day on 5 and 6 March, aired: 6 slots.
    """
    c = campana()
    return {
        "campana": c,
        "diaria": crear_pauta(campana=c, estado="transmitida"),
        "semanal": crear_pauta(
            campana=c,
            formato="capsula",
            inicio=date(2024, 3, 8),
            fin=date(2024, 3, 20),
            impactos_por_semana=10,
        ),
        "cancelada": crear_pauta(
            campana=c, formato="entrevista", estado="cancelada", impactos_por_dia=40
        ),
        "sureste": crear_pauta(
            "sureste",
            campana=c,
            inicio=date(2024, 3, 5),
            fin=date(2024, 3, 6),
            impactos_por_dia=3,
            estado="transmitida",
        ),
    }
