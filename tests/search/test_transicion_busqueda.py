"""The network's transition in search: a question about a state and a right finds the body
that guarantees that right there today, first; an institution that no longer answers says,
in its result, who does. Which body answers is read from the data and today's date
(``regiones.hoy``), never written here: when the data change, so does what is expected."""

import pytest

from regiones import hoy
from regiones.models import EntidadFederativa, OrganismoGarante
from search.analysis import fold
from search.query import SearchRequest, search
from tests.conftest import HOSTS
from tests.search.conftest import indice_de_solo_lectura, usar_indice
from tests.search.test_evaluation import demo_corpus  # noqa: F401 (a fixture)

#: How people ask, typed as on a phone; {estado} is the state's name without accents.
PREGUNTAS = {
    hoy.ACCESO: (
        "¿dónde ejerzo mi derecho de acceso a la información en {estado} hoy?",
        "a quien le pido informacion publica en {estado} ahora",
    ),
    hoy.DATOS: (
        "en {estado} quién protege hoy mis datos personales",
        "donde defiendo mis datos personales en {estado}",
    ),
}


def _ask(q, region=""):
    return search(SearchRequest(q=q, region=region)).results


def _es(result, organismo):
    return result["kind"] == "organismo" and result["title"] == str(organismo)


@pytest.fixture(scope="module", params=["opensearch", "elasticsearch"])
def indice_demo(request, demo_corpus, django_db_blocker):  # noqa: F811 (imported above)
    """The demo corpus indexed once per engine for the whole module: the tests here only
    read it."""
    with django_db_blocker.unblock():
        yield from indice_de_solo_lectura(request.param)


@pytest.fixture
def indice(indice_demo, settings, db):
    return usar_indice(settings, indice_demo)


def _respuestas():
    return hoy.donde_ejercer(EntidadFederativa.objects.select_related("region").order_by("nombre"))


#: States (of 32) where today's guarantor must come first, by phrasing. Measured on 2/12/2026
#: (OpenSearch): 32, 29, 30 and 25. What still fails: a topic page of the same state and right
#: («Jornada de protección de datos personales en escuelas de Campeche») above the guarantor
#: when the question says neither «hoy» nor «derecho».
MINIMO_ESTADOS = {(hoy.ACCESO, 0): 32, (hoy.ACCESO, 1): 24, (hoy.DATOS, 0): 24, (hoy.DATOS, 1): 24}


@pytest.mark.parametrize("derecho,forma", [(d, i) for d in PREGUNTAS for i in (0, 1)])
def test_a_state_and_a_right_find_todays_guarantor_first(indice, derecho, forma):
    fallas = []
    respuestas = _respuestas()
    assert len(respuestas) == 32
    for respuesta in respuestas:
        organismo = getattr(respuesta, derecho).organismo
        if organismo is None:
            continue
        q = PREGUNTAS[derecho][forma].format(estado=fold(respuesta.entidad.nombre))
        results = _ask(q)
        if not results or not _es(results[0], organismo):
            fallas.append(f"{q} → {[r['title'] for r in results[:3]]} (hoy: {organismo})")
    assert len(respuestas) - len(fallas) >= MINIMO_ESTADOS[derecho, forma], "\n".join(fallas)


#: States (of 32) where a guarantor of today comes first when the state is named alone or with
#: «transparencia». Measured on 3/12/2026: alone 29 (OpenSearch) and 30 (Elasticsearch), with
#: «transparencia» 32 and 32. What still fails alone: an open call or a guide naming the state
#: in its title («Convocatoria para radios comunitarias de Sinaloa») above the guarantor.
MINIMO_ESTADO_SOLO = {"": 29, "transparencia ": 32}


@pytest.mark.parametrize("antes", list(MINIMO_ESTADO_SOLO))
def test_a_state_named_alone_finds_who_answers_there_first(indice, antes):
    fallas = []
    for respuesta in _respuestas():
        hoy_atienden = {respuesta.acceso.organismo, respuesta.datos.organismo} - {None}
        q = f"{antes}{fold(respuesta.entidad.nombre)}"
        results = _ask(q)
        if not results or not any(_es(results[0], o) for o in hoy_atienden):
            fallas.append(f"{q} → {[r['title'] for r in results[:3]]} (hoy: {hoy_atienden})")
    assert 32 - len(fallas) >= MINIMO_ESTADO_SOLO[antes], "\n".join(fallas)


def test_todays_guarantor_comes_first_on_its_regions_site_too(indice):
    for respuesta in _respuestas():
        organismo = respuesta.acceso.organismo
        q = f"dónde ejerzo hoy mi derecho a saber en {fold(respuesta.entidad.nombre)}"
        results = _ask(q, region=respuesta.entidad.region.slug)
        assert results and _es(results[0], organismo), (q, [r["title"] for r in results[:3]])


def test_an_institution_that_no_longer_answers_says_who_does(indice, client):
    antes = [
        r.acceso.historia[0]
        for r in _respuestas()
        if r.acceso.historia and r.acceso.organismo is not None
    ]
    assert len(antes) >= 10
    for organismo in antes:
        results = _ask(organismo.siglas or organismo.nombre)
        propio = next(r for r in results if _es(r, organismo))
        actual = hoy.resolver(organismo, hoy.ACCESO).organismo
        assert actual.nombre in propio["aviso"], propio
        assert propio["aviso"].startswith("Hoy")
    # The phone's result list shows it, on every site.
    organismo = antes[0]
    actual = hoy.resolver(organismo, hoy.ACCESO).organismo
    html = client.get(
        "/buscar/", {"q": organismo.siglas or organismo.nombre}, HTTP_HOST=HOSTS["norte"]
    ).content.decode()
    assert f"Hoy: {actual.nombre}" in html.replace("&quot;", '"')


def test_a_body_that_answers_today_carries_no_notice(indice):
    for respuesta in _respuestas()[:8]:
        organismo = respuesta.acceso.organismo
        results = _ask(organismo.siglas or organismo.nombre)
        propio = next(r for r in results if _es(r, organismo))
        assert not propio["aviso"], propio


@pytest.mark.parametrize(
    "q", ["institutos de transparencia que ya no existen", "organismos garantes extinguidos"]
)
# Spanish analysis only (OpenSearch): the core profile does not stem «extinguidos».
@pytest.mark.parametrize("indice_demo", ["opensearch"], indirect=True, scope="module")
def test_extinct_institutions_fill_the_first_results(indice, q):
    extintas = {
        str(o) for o in OrganismoGarante.objects.filter(estado=OrganismoGarante.Estado.EXTINTA)
    }
    results = _ask(q)[:10]
    encontradas = [r["title"] for r in results if r["title"] in extintas]
    assert len(encontradas) >= 8, [r["title"] for r in results]


def test_a_change_to_an_institution_reindexes_its_whole_chain(db):
    from search.models import IndexOutbox

    antes = OrganismoGarante.objects.get(clave="icai-coahuila")
    IndexOutbox.objects.all().delete()
    antes.save()
    ids = set(IndexOutbox.objects.values_list("object_pk", flat=True))
    assert {str(antes.pk), str(antes.sucesor_id)} <= ids
    # Nothing outside the chain.
    otro = OrganismoGarante.objects.get(clave="ivai-veracruz")
    assert str(otro.pk) not in ids and str(otro.sucesor_id) not in ids


def test_the_daily_job_reindexes_institutions_when_a_date_passes(db):
    from datetime import timedelta

    from search.vigencias import instituciones_con_fecha_reciente

    fechas = OrganismoGarante.objects.exclude(fecha_extincion=None)
    ultima = max(fechas.values_list("fecha_extincion", flat=True))
    # A day far from every date: nothing to do.
    assert not instituciones_con_fecha_reciente(ultima + timedelta(days=400)).exists()
    # The day after an institution's end: every institution (chains pass the change on).
    queda = instituciones_con_fecha_reciente(ultima + timedelta(days=1))
    assert queda.count() == OrganismoGarante.objects.count()
