import datetime

import pytest
from django.core.exceptions import ValidationError

from regiones.models import OrganismoGarante


def test_the_33_organismos_garantes_and_other_members_are_loaded(db):
    garantes = OrganismoGarante.objects.filter(
        tipo__in=[OrganismoGarante.Tipo.GARANTE_ESTATAL, OrganismoGarante.Tipo.GARANTE_NACIONAL]
    )
    assert garantes.count() == 33
    assert set(
        OrganismoGarante.objects.filter(tipo=OrganismoGarante.Tipo.INTEGRANTE).values_list(
            "siglas", flat=True
        )
    ) == {"ASF", "AGN", "INEGI"}
    assert OrganismoGarante.objects.get(clave="istai-sonora").region.slug == "norte"
    assert OrganismoGarante.objects.get(clave="inai").region.slug == "nacional"


def test_history_from_the_sources(db):
    inai = OrganismoGarante.objects.get(clave="inai")
    assert inai.estado == OrganismoGarante.Estado.EXTINTA
    assert inai.sucesor.nombre == "Transparencia para el Pueblo"
    assert "DOF 20-12-2024" in inai.fundamento_legal
    itait = OrganismoGarante.objects.get(clave="itait-tamaulipas")
    # The newer file's date; the older one's is kept as a status record (test_hoy).
    assert itait.fecha_extincion == datetime.date(2025, 7, 13)
    assert itait.sucesor.tipo == OrganismoGarante.Tipo.SUCESOR
    assert itait.sucesor.region == itait.region
    coahuila = OrganismoGarante.objects.get(clave="icai-coahuila")
    assert coahuila.sucesor.siglas == "INTRAC"
    assert coahuila.sucesor.fecha_inicio == datetime.date(2025, 9, 22)
    assert OrganismoGarante.objects.get(clave="cegaip-san-luis-potosi").estado == "en_extincion"
    assert OrganismoGarante.objects.get(clave="infoem-estado-de-mexico").estado == "en_extincion"
    assert OrganismoGarante.objects.get(clave="ichitaip-chihuahua").estado == "vigente"
    vigentes = OrganismoGarante.objects.vigentes()
    assert not vigentes.filter(clave="inai").exists()
    assert vigentes.filter(clave="itaigro-guerrero").exists()


def test_dates_that_contradict_the_state_are_rejected(db):
    org = OrganismoGarante.objects.get(clave="ichitaip-chihuahua")
    org.fecha_extincion = datetime.date(2025, 1, 1)
    with pytest.raises(ValidationError) as error:
        org.full_clean()
    assert "estado" in error.value.message_dict
    org.estado = OrganismoGarante.Estado.EXTINTA
    org.fecha_inicio = datetime.date(2026, 1, 1)
    with pytest.raises(ValidationError) as error:
        org.full_clean()
    assert "fecha_extincion" in error.value.message_dict


def test_succession_chain_stops_at_loops(db):
    a = OrganismoGarante.objects.get(clave="itait-tamaulipas")
    b = a.sucesor
    b.sucesor = a
    b.save()
    assert a.cadena_sucesion() == [b]
