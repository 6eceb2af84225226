from datetime import timedelta

import pytest
from django.utils import timezone

from plugins.alianzas.models import Convenio, Organizacion, Vinculo
from regiones.models import OrganismoGarante


def hoy_mas(dias):
    return timezone.localdate() + timedelta(days=dias)


#: Dates that agree with each state.
FECHAS = {
    "identificado": {},
    "en_negociacion": {},
    "firmado": {"fecha_firma": -10, "vigencia_inicio": 5, "vigencia_fin": 365},
    "vigente": {"fecha_firma": -100, "vigencia_inicio": -90, "vigencia_fin": 300},
    "concluido": {"fecha_firma": -800, "vigencia_inicio": -790, "vigencia_fin": -30},
    "vencido": {"fecha_firma": -800, "vigencia_inicio": -790, "vigencia_fin": -10},
    "cancelado": {},
}


@pytest.fixture
def organismo(db):
    def get(clave):
        return OrganismoGarante.objects.get(clave=clave)

    return get


@pytest.fixture
def organizacion(db):
    def make(nombre="Organización de prueba", tipo="osc", **kwargs):
        return Organizacion.objects.create(nombre=nombre, tipo=tipo, **kwargs)

    return make


@pytest.fixture
def crear_convenio(regions, organizacion, organismo):
    """A Convenio saved directly in a state, with dates that agree with it."""

    def make(region="norte", estado="identificado", titulo=None, organizaciones=(), **kwargs):
        fechas = {campo: hoy_mas(dias) for campo, dias in FECHAS[estado].items()}
        fechas.update(kwargs.pop("fechas", {}))
        convenio = Convenio.objects.create(
            titulo=titulo or f"Convenio {region} {estado}",
            objeto=f"Objeto del convenio {region} {estado}.",
            tipo=kwargs.pop("tipo", "colaboracion"),
            region=regions[region],
            estado=estado,
            comentarios_internos=f"SECRETO-{region}-{estado}",
            **fechas,
            **kwargs,
        )
        clave = {"norte": "istai-sonora", "sureste": "cotaipec-campeche"}.get(region)
        if clave:
            convenio.organismos.add(organismo(clave))
        if organizaciones:
            convenio.organizaciones.add(*organizaciones)
        convenio.save()
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
def vinculo(organismo):
    def make(clave, organizacion, dias=-10, tipo_accion="taller"):
        return Vinculo.objects.create(
            organismo=organismo(clave),
            organizacion=organizacion,
            tipo_accion=tipo_accion,
            fecha=hoy_mas(dias),
            descripcion="Acción conjunta.",
        )

    return make
