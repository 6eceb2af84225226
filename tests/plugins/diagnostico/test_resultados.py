"""Aggregates, comparison with the previous round and training needs, against a small
fixture computed by hand; questionnaire versioning keeps old rounds readable."""

import pytest
from django.urls import reverse

from plugins.diagnostico import resultados as res
from plugins.diagnostico.models import CuestionarioBloqueado, Pregunta
from regiones.models import Region


@pytest.fixture
def rondas(pequeno, crear_edicion, responder):
    """2023 (published, version 100) and 2024 (closed, version 101, copy of 100)."""
    from datetime import date

    e2023 = crear_edicion(pequeno, "2023", estado="publicada", inicio=date(2023, 3, 1))
    responder(e2023, "istai-sonora", personas=2, area_propia=False, presupuesto="Bajo")
    responder(e2023, "cotaipec-campeche", personas=4, area_propia=False, presupuesto="Medio")
    v2 = pequeno.nueva_version("Prueba 2")
    e2024 = crear_edicion(v2, "2024", estado="cerrada", inicio=date(2024, 3, 1))
    comunes = {"area_propia": True}
    responder(
        e2024,
        "istai-sonora",
        personas=4,
        presupuesto="Bajo",
        redes=["Facebook", "Instagram"],
        equipo=2,
        temas=["Video", "Diseño"],
        **comunes,
    )
    responder(
        e2024,
        "ceaip-sinaloa",
        personas=6,
        area_propia=False,
        presupuesto="Bajo",
        redes=["Facebook"],
        equipo=4,
        temas=["Video"],
    )
    responder(
        e2024,
        "cotaipec-campeche",
        personas=2,
        presupuesto="Alto",
        redes=["TikTok"],
        equipo=3,
        temas=["Video", "Datos abiertos"],
        **comunes,
    )
    # A draft never counts.
    responder(e2024, "cotai-nuevo-leon", estado="borrador", personas=10, temas=["Diseño"])
    return {"2023": e2023, "2024": e2024}


def _item(items, clave):
    return next(i for i in items if i["pregunta"].clave == clave)


def test_aggregates_national_and_by_region(rondas, regions):
    regiones = [regions["norte"], regions["sureste"]]
    items = res.por_pregunta(rondas["2024"], regiones)
    personas = _item(items, "personas")
    assert (personas["nacional"].n, personas["nacional"].promedio) == (3, 4.0)
    assert (personas["nacional"].minimo, personas["nacional"].maximo) == (2, 6)
    norte = dict((r.slug, a) for r, a in personas["regiones"])["norte"]
    assert (norte.n, norte.promedio, norte.minimo, norte.maximo) == (2, 5.0, 4, 6)
    si_no = _item(items, "area_propia")["nacional"]
    assert si_no.conteos == [("Sí", 2, 66.7), ("No", 1, 33.3)]
    unica = _item(items, "presupuesto")["nacional"]
    assert unica.conteos == [("Bajo", 2, 66.7), ("Medio", 0, 0.0), ("Alto", 1, 33.3)]
    multiple = _item(items, "redes")["nacional"]
    assert multiple.conteos == [("Facebook", 2, 66.7), ("Instagram", 1, 33.3), ("TikTok", 1, 33.3)]
    escala = _item(items, "equipo")["nacional"]
    assert (escala.promedio, escala.minimo, escala.maximo) == (3.0, 2, 4)
    assert [c[1] for c in escala.conteos] == [0, 1, 1, 1, 0]


def test_training_needs_ranked(rondas, regions):
    necesidades = res.necesidades(rondas["2024"], [regions["norte"], regions["sureste"]])
    assert [(t["tema"], t["n"]) for t in necesidades] == [
        ("Video", 3),
        ("Diseño", 1),
        ("Datos abiertos", 1),
    ]
    assert {o.clave for o in necesidades[0]["organismos"]} == {
        "istai-sonora",
        "ceaip-sinaloa",
        "cotaipec-campeche",
    }
    solo_norte = res.necesidades(rondas["2024"], [regions["norte"]])
    assert [(t["tema"], t["n"]) for t in solo_norte] == [("Video", 2), ("Diseño", 1)]


def test_comparison_with_previous_round_by_clave(rondas, regions):
    assert rondas["2024"].anterior() == rondas["2023"]
    filas = res.comparar(rondas["2024"], rondas["2023"], [regions["norte"], regions["sureste"]])
    por_clave = {f["pregunta"].clave: f for f in filas}
    personas = por_clave["personas"]["lineas"][0]
    assert (personas["antes"], personas["ahora"], personas["diferencia"]) == (3.0, 4.0, 1.0)
    si = por_clave["area_propia"]["lineas"][0]
    assert (si["etiqueta"], si["antes"], si["ahora"], si["diferencia"]) == ("Sí", 0.0, 66.7, 66.7)
    medio = next(x for x in por_clave["presupuesto"]["lineas"] if x["etiqueta"] == "Medio")
    assert (medio["antes"], medio["ahora"]) == (50.0, 0.0)
    assert "nota" not in por_clave  # text is never compared


def test_completion_by_institution(rondas, regions):
    avance = res.avance(rondas["2024"], [regions["norte"]])
    filas = {f["organismo"].clave: f for f in avance["filas"]}
    assert filas["istai-sonora"]["enviada"] and filas["istai-sonora"]["respondidas"] == 6
    assert filas["cotai-nuevo-leon"]["estado"] == "Borrador"
    assert avance["enviadas"] == 2 and avance["borradores"] == 1
    assert avance["sin_iniciar"] == avance["total"] - 3


def test_locked_version_refuses_changes_and_old_round_stays_readable(
    rondas, pequeno, client, editor_of
):
    pregunta = Pregunta.objects.get(cuestionario=pequeno, clave="presupuesto")
    pregunta.texto = "Otro texto"
    with pytest.raises(CuestionarioBloqueado) as error:
        pregunta.save()
    assert "no se puede modificar" in error.value.messages[0]
    # Through the admin: a clear message and nothing changes.
    client.force_login(editor_of("nacional", "coordinacion"))
    url = reverse("wagtailsnippets_diagnostico_pregunta:edit", args=[pregunta.pk])
    response = client.post(
        url,
        {
            "seccion": pregunta.seccion_id,
            "clave": "presupuesto",
            "orden": 2,
            "texto": "Otro texto",
            "tipo": "opcion_unica",
            "obligatoria": "on",
            "opciones": "Bajo\nMedio\nAlto",
        },
    )
    assert response.status_code == 200
    assert "Cree una nueva versión" in response.content.decode()
    pregunta.refresh_from_db()
    assert pregunta.texto == "Pregunta presupuesto"
    # The new version (draft round) is editable; the old round keeps its own question.
    nueva = Pregunta.objects.get(cuestionario=rondas["2024"].cuestionario, clave="presupuesto")
    # 2024 is closed, so its version is locked too: make a third version and edit that.
    v3 = rondas["2024"].cuestionario.nueva_version("Prueba 3")
    tercera = Pregunta.objects.get(cuestionario=v3, clave="presupuesto")
    tercera.texto = "¿Cuál es su presupuesto en 2025?"
    tercera.opciones = ["Ninguno", "Alguno"]
    tercera.save()
    assert nueva.texto == "Pregunta presupuesto"
    body = client.get(reverse("diagnostico_resultados", args=[rondas["2023"].pk])).content
    assert b"Pregunta presupuesto" in body
    assert b"presupuesto en 2025" not in body


def test_new_version_through_the_admin(client, editor_of, pequeno):
    client.force_login(editor_of("nacional", "coordinacion"))
    response = client.post(
        reverse("diagnostico_nueva_version", args=[pequeno.pk]), {"nombre": "Versión 2025"}
    )
    assert response.status_code == 302
    copia = pequeno.versiones_siguientes.get()
    assert copia.version == pequeno.version + 1 and copia.nombre == "Versión 2025"
    assert [p.clave for p in copia.preguntas_ordenadas()] == [
        p.clave for p in pequeno.preguntas_ordenadas()
    ]
    client.force_login(editor_of("norte", "coordinacion"))
    response = client.post(
        reverse("diagnostico_nueva_version", args=[pequeno.pk]), {"nombre": "Intrusa"}
    )
    assert response.status_code in (302, 403)
    assert not pequeno.versiones_siguientes.filter(nombre="Intrusa").exists()


def test_exports_are_scoped_spreadsheets(rondas, client, editor_of):
    import io

    from openpyxl import load_workbook

    client.force_login(editor_of("norte", "edicion"))
    response = client.get(reverse("diagnostico_respuestas_xlsx", args=[rondas["2024"].pk]))
    assert response.status_code == 200
    hoja = load_workbook(io.BytesIO(response.content))["Respuestas"]
    claves = {fila[0] for fila in hoja.iter_rows(min_row=2, values_only=True)}
    assert claves == {"istai-sonora", "ceaip-sinaloa", "cotai-nuevo-leon"}
    response = client.get(reverse("diagnostico_agregados_xlsx", args=[rondas["2024"].pk]))
    hoja = load_workbook(io.BytesIO(response.content))["Agregados"]
    ambitos = {fila[3] for fila in hoja.iter_rows(min_row=2, values_only=True)}
    assert ambitos == {"Norte"}
    client.force_login(editor_of("nacional", "coordinacion"))
    response = client.get(reverse("diagnostico_agregados_xlsx", args=[rondas["2024"].pk]))
    filas = list(load_workbook(io.BytesIO(response.content))["Agregados"].values)
    assert ("personas", "Pregunta personas", "Número", "Toda la red", 3, "", "", "", 4, 2, 6) in [
        tuple(f) for f in filas
    ] or any(f[0] == "personas" and f[3] == "Toda la red" and f[8] == 4 for f in filas)


def test_results_view_is_scoped(rondas, client, editor_of):
    url = reverse("diagnostico_resultados", args=[rondas["2024"].pk])
    client.force_login(editor_of("norte", "edicion"))
    body = client.get(url).content.decode()
    assert "ISTAI" in body or "Sonora" in body
    assert "Campeche" not in body
    assert client.get(url, {"region": "sureste"}).status_code == 404
    client.force_login(editor_of("nacional", "coordinacion"))
    response = client.get(url)
    body = response.content.decode()
    assert "Campeche" in body and "Nacional" in body
    # the network total and the national region's own column are told apart
    for pregunta in response.context["preguntas"]:
        columnas = pregunta["tabla"]["columnas"]
        assert columnas[0] == "Toda la red"
        assert len(columnas) == len(set(map(str, columnas))), columnas
    assert Region.objects.filter(slug="sureste").exists()
