from datetime import date, timedelta

import pytest
from django.utils import timezone

from cms.models import Campana
from plugins.medios.models import ConvenioMedio, MedioOficial, Pauta
from regiones.models import EntidadFederativa, OrganismoGarante


def hoy_mas(dias):
    return timezone.localdate() + timedelta(days=dias)


#: Dates that agree with each state (days from today).
FECHAS = {
    "identificado": {},
    "en_negociacion": {},
    "firmado": {"fecha_firma": -10, "vigencia_inicio": 5, "vigencia_fin": 365},
    "vigente": {"fecha_firma": -100, "vigencia_inicio": -90, "vigencia_fin": 300},
    "concluido": {"fecha_firma": -800, "vigencia_inicio": -790, "vigencia_fin": -30},
    "vencido": {"fecha_firma": -800, "vigencia_inicio": -790, "vigencia_fin": -10},
    "cancelado": {},
}
PUBLICOS = {"firmado", "vigente", "concluido", "vencido"}
INTERNOS = {"identificado", "en_negociacion", "cancelado"}
ORGANISMO = {"norte": "istai-sonora", "sureste": "cotaipec-campeche"}
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

    def make(region="norte", estado="identificado", medio=None, titulo=None, **kwargs):
        fechas = {campo: hoy_mas(dias) for campo, dias in FECHAS[estado].items()}
        fechas.update(kwargs.pop("fechas", {}))
        convenio = ConvenioMedio.objects.create(
            titulo=titulo or f"Convenio medio {region} {estado}",
            objeto=f"Difundir el derecho de acceso a la información ({region}, {estado}).",
            medio=medio or medios[region],
            region=regions[region],
            estado=estado,
            comentarios_internos=f"SECRETO-{region}-{estado}",
            **fechas,
            **kwargs,
        )
        convenio.organismos.add(OrganismoGarante.objects.get(clave=ORGANISMO[region]))
        return convenio

    return make


@pytest.fixture
def por_estado(crear_convenio):
    """One Norte and one Sureste agreement in every state."""
    return {
        (region, estado): crear_convenio(region, estado)
        for region in ("norte", "sureste")
        for estado in FECHAS
    }


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
