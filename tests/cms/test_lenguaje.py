"""The inclusive, citizen language checker on real Spanish sentences."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cms.lenguaje import Regla, normalizar, reglas_activas, revisar, revisar_pagina
from cms.lenguaje_models import ReglaLenguaje

from . import fabricas


@pytest.fixture
def reglas(db):
    """The starting rules shipped by the data migration."""
    reglas = reglas_activas()
    assert len(reglas) >= 25
    return reglas


# (sentence, phrases expected to be flagged, in order)
FRASES = [
    ("Los ciudadanos pueden pedir información sin decir para qué.", ["Los ciudadanos"]),
    ("LOS CIUDADANOS TIENEN DERECHO A SABER.", ["LOS CIUDADANOS"]),
    ("Invitamos a los ciudadános de Sonora al taller.", ["los ciudadános"]),
    ("Invitamos a los ciudadanos de Sonora al taller.", ["los ciudadanos"]),
    ("El ciudadano debe presentar su solicitud por escrito.", ["El ciudadano"]),
    ("La ciudadanía puede pedir información sin decir para qué.", []),
    (
        "Los servidores públicos deben responder en veinte días hábiles.",
        ["Los servidores públicos"],
    ),
    ("Las personas servidoras públicas deben responder en veinte días.", []),
    ("Capacitamos a los funcionarios municipales.", ["los funcionarios"]),
    ("Los usuarios de la plataforma pueden descargar su acuse.", ["Los usuarios"]),
    ("El solicitante recibirá un folio.", ["El solicitante"]),
    ("Los trabajadores del ayuntamiento recibieron la capacitación.", ["Los trabajadores"]),
    ("Los niños también pueden preguntar a sus autoridades.", ["Los niños"]),
    ("Niñas, niños y adolescentes también pueden preguntar.", []),
    (
        "Las personas con capacidades diferentes tienen derecho a ajustes razonables.",
        ["personas con capacidades diferentes"],
    ),
    (
        "El taller está adaptado para discapacitados y minusválidos.",
        ["discapacitados", "minusválidos"],
    ),
    ("Las personas con discapacidad tienen derecho a formatos accesibles.", []),
    ("Habrá intérprete para sordomudos.", ["sordomudos"]),
    (
        "Los adultos mayores de la tercera edad pueden pedir ayuda.",
        ["Los adultos mayores", "tercera edad"],
    ),
    ("Los derechos del hombre incluyen el derecho a saber.", ["Los derechos del hombre"]),
    (
        "El sujeto obligado debe coadyuvar en tiempo y forma.",
        ["sujeto obligado", "coadyuvar", "en tiempo y forma"],
    ),
    (
        "A efecto de mejorar, derivado de la reforma, cambió el formato.",
        ["A efecto de", "derivado de"],
    ),
    # Quotations are someone else's words.
    ("La lideresa dijo: “los ciudadanos merecen respuestas”.", []),
    ('El lema era "los ciudadanos primero" en 1990.', []),
    ("El periódico tituló «Los trabajadores exigen información».", []),
    ("Ella dijo “los niños” y luego los niños se fueron.", ["los niños"]),
    # Proper names: laws, institutions, places.
    ("La Ley Federal de los Trabajadores al Servicio del Estado se reformó.", []),
    ("Visitamos la colonia Hombre Nuevo para el taller.", []),
    ("El monumento a los Niños Héroes está en el parque.", []),
    ("La Ley de los ciudadanos no existe, pero los ciudadanos sí.", ["los ciudadanos"] * 2),
    # Whole words only.
    ("Los ciudadanosos no es una palabra.", []),
    ("Conciudadanos y conciudadanas: bienvenidas y bienvenidos.", []),
]


@pytest.mark.parametrize(("frase", "esperados"), FRASES)
def test_sentences(reglas, frase, esperados):
    hallazgos = revisar(frase, reglas)
    assert [h.texto for h in hallazgos] == esperados
    for hallazgo in hallazgos:
        assert frase[hallazgo.inicio : hallazgo.fin] == hallazgo.texto
        assert hallazgo.sugerencia


def test_there_are_at_least_twenty_sentences():
    assert len(FRASES) >= 20
    assert sum(1 for _, e in FRASES if e) >= 10 and sum(1 for _, e in FRASES if not e) >= 10


def test_finding_carries_phrase_suggestion_and_position(reglas):
    texto = "Hola. Los ciudadanos preguntan."
    [hallazgo] = revisar(texto, reglas)
    assert (hallazgo.inicio, hallazgo.fin) == (6, 20)
    assert hallazgo.frase == "los ciudadanos"
    assert hallazgo.sugerencia == "la ciudadanía"
    assert "ciudadanía" in str(hallazgo)


def test_accents_in_rule_and_text_both_ways():
    regla = Regla(frase="los jóvenes", sugerencia="las juventudes")
    assert [h.texto for h in revisar("Los jovenes y LOS JÓVENES.", [regla])] == [
        "Los jovenes",
        "LOS JÓVENES",
    ]
    sin_acento = Regla(frase="los jovenes", sugerencia="las juventudes")
    assert len(revisar("los jóvenes", [sin_acento])) == 1
    # Decomposed accents (NFD) keep their positions.
    texto = "los jo\u0301venes"
    [hallazgo] = revisar(texto, [regla])
    assert hallazgo.texto == texto


def test_normalisation_keeps_a_map_to_the_original():
    normal, mapa = normalizar("Ñandú ß")
    assert normal == "nandu ss"
    assert mapa[-2] == mapa[-3] == 6


def test_an_invalid_regex_rule_is_refused_and_ignored(db):
    regla = ReglaLenguaje(frase="(sin cerrar", sugerencia="x", es_regex=True)
    with pytest.raises(Exception):  # noqa: B017
        regla.full_clean()
    assert revisar("(sin cerrar", [Regla(frase="(sin cerrar", sugerencia="x", es_regex=True)]) == []


def test_inactive_rules_are_not_applied(reglas):
    ReglaLenguaje.objects.filter(frase="los ciudadanos").update(activa=False)
    assert "los ciudadanos" not in [r.frase for r in reglas_activas()]


def test_the_whole_page_is_checked_including_rich_text(db):
    page = fabricas.noticia(
        title="Taller para los ciudadanos",
        entrada="Sin problemas.",
        cuerpo=[{"type": "parrafo", "value": "<p>Habrá apoyo para <b>discapacitados</b>.</p>"}],
    )
    encontrados = {(etiqueta, h.texto) for etiqueta, h in revisar_pagina(page)}
    assert ("Título", "los ciudadanos") in encontrados
    assert ("Cuerpo", "discapacitados") in encontrados


def test_editor_sees_warnings_after_saving_and_is_never_blocked(client, editor_of, crear):
    page = crear("norte", "noticias", fabricas.noticia(slug="lenguaje"), publicar=False)
    client.force_login(editor_of("norte", "edicion"))
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {
            "title": "Taller para los ciudadanos",
            "slug": page.slug,
            "fecha": page.fecha.isoformat(),
            "entrada": "Invitamos a los servidores públicos.",
            "cuerpo-count": "0",
        },
    )
    assert response.status_code == 302  # saved: the check never blocks
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title == "Taller para los ciudadanos"
    avisos = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(avisos) == 1
    assert "«los ciudadanos» → la ciudadanía" in avisos[0]
    assert "«los servidores públicos»" in avisos[0]


def test_rules_are_maintained_by_the_national_coordination_only(client, editor_of):
    add_url = reverse("wagtailsnippets_cms_reglalenguaje:add")
    index_url = reverse("wagtailsnippets_cms_reglalenguaje:list")
    client.force_login(editor_of("nacional", "coordinacion"))
    assert client.get(add_url).status_code == 200
    response = client.post(
        add_url,
        {
            "frase": "los vecinos",
            "sugerencia": "las personas vecinas",
            "tipo": "incluyente",
            "activa": "on",
            "explicacion": "",
            "fuente": "",
        },
    )
    assert response.status_code == 302
    assert ReglaLenguaje.objects.filter(frase="los vecinos").exists()

    for slug, role in [("norte", "coordinacion"), ("sureste", "edicion")]:
        client.force_login(editor_of(slug, role))
        assert client.get(index_url).status_code == 200  # editors can read the rules
        response = client.get(add_url)
        assert response.status_code in (302, 403)
        regla = ReglaLenguaje.objects.get(frase="los vecinos")
        edit = reverse("wagtailsnippets_cms_reglalenguaje:edit", args=[regla.pk])
        client.post(edit, {"frase": "cambiada", "sugerencia": "x", "tipo": "incluyente"})
        assert ReglaLenguaje.objects.filter(frase="los vecinos").exists()
