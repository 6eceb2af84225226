"""A round from opening to publication, through the admin; answers scoped per role,
validated on submit, recorded in the history and locked when the round closes."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from plugins.diagnostico.models import Edicion, Respuesta, RespuestaBloqueada

LIST = "wagtailsnippets_diagnostico_respuesta:list"
ADD = "wagtailsnippets_diagnostico_respuesta:add"


def _hoja(**valores):
    return {f"p_{clave}": valor for clave, valor in valores.items()}


def _negado(response):
    """Wagtail's admin answers a PermissionDenied with 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


COMPLETA = _hoja(
    personas="4",
    area_propia="si",
    presupuesto="Medio",
    redes=["Facebook", "TikTok"],
    equipo="3",
    temas=["Video"],
)


def test_transitions_are_only_the_allowed_ones(pequeno, crear_edicion):
    edicion = crear_edicion(pequeno, estado="borrador")
    with pytest.raises(ValidationError) as error:
        edicion.transicionar("publicada")
    assert "Desde «Borrador» solo se puede pasar a «Abierta»" in error.value.messages[0]
    for estado in ("abierta", "cerrada", "publicada", "cerrada", "abierta"):
        edicion.transicionar(estado)
        assert Edicion.objects.get(pk=edicion.pk).estado == estado
    with pytest.raises(ValidationError):
        edicion.transicionar("borrador")


def test_round_from_opening_to_publication(client, editor_of, pequeno, crear_edicion, organismo):
    edicion = crear_edicion(pequeno, estado="borrador")
    nacional = editor_of("nacional", "coordinacion")
    norte = editor_of("norte", "edicion")
    # A region cannot change the round's state.
    client.force_login(norte)
    transicion = reverse("diagnostico_transicion", args=[edicion.pk])
    client.post(transicion, {"nuevo_estado": "abierta"})
    assert Edicion.objects.get(pk=edicion.pk).estado == "borrador"
    # The national coordination opens it.
    client.force_login(nacional)
    assert client.post(transicion, {"nuevo_estado": "abierta"}).status_code == 302
    edicion.refresh_from_db()
    assert edicion.estado == "abierta"
    assert ModelLogEntry.objects.filter(action="diagnostico.cambio_estado").exists()
    # Norte starts Sonora's answer (only its own institutions are offered).
    client.force_login(norte)
    form = client.get(reverse(ADD)).context["form"]
    assert set(form.fields["organismo"].queryset.values_list("region__slug", flat=True)) == {
        "norte"
    }
    response = client.post(
        reverse(ADD), {"edicion": edicion.pk, "organismo": organismo("istai-sonora").pk}
    )
    respuesta = Respuesta.objects.get(edicion=edicion, organismo__clave="istai-sonora")
    assert response.status_code == 302
    assert response.url == reverse("diagnostico_responder", args=[respuesta.pk])
    hoja = reverse("diagnostico_responder", args=[respuesta.pk])
    # A draft may be incomplete; a submission may not.
    assert client.post(hoja, {**_hoja(personas="4"), "guardar": "1"}).status_code == 302
    respuesta.refresh_from_db()
    assert respuesta.estado == "borrador" and respuesta.respuestas == {"personas": 4}
    response = client.post(hoja, {**_hoja(personas="4"), "enviar": "1"})
    assert response.status_code == 200
    assert "«Pregunta equipo»: esta pregunta es obligatoria." in response.content.decode()
    response = client.post(hoja, {**COMPLETA, "p_equipo": "7", "enviar": "1"})
    assert "la escala va del 1 al 5; escribió 7" in response.content.decode()
    respuesta.refresh_from_db()
    assert respuesta.estado == "borrador"
    assert client.post(hoja, {**COMPLETA, "enviar": "1"}).status_code == 302
    respuesta.refresh_from_db()
    assert respuesta.estado == "enviada" and respuesta.enviada_por == norte
    assert respuesta.respuestas["redes"] == ["Facebook", "TikTok"]
    # Every change is in the history, with the changed answers.
    entradas = ModelLogEntry.objects.for_instance(respuesta).order_by("timestamp")
    acciones = [e.action for e in entradas if e.action.startswith("diagnostico.")]
    assert acciones == ["diagnostico.respuesta_guardada", "diagnostico.respuesta_enviada"]
    envio = entradas.filter(action="diagnostico.respuesta_enviada").get()
    assert envio.data["cambios"]["equipo"] == {"antes": None, "despues": 3}
    history = reverse("wagtailsnippets_diagnostico_respuesta:history", args=[respuesta.pk])
    assert "Envió la respuesta" in client.get(history).content.decode()
    # Close, then publish.
    client.force_login(nacional)
    client.post(transicion, {"nuevo_estado": "cerrada"})
    client.post(transicion, {"nuevo_estado": "publicada"})
    edicion.refresh_from_db()
    assert edicion.estado == "publicada"
    assert client.get("/diagnostico/2024/", HTTP_HOST="localhost").status_code == 200


@pytest.fixture
def dos_respuestas(pequeno, crear_edicion, responder):
    edicion = crear_edicion(pequeno)
    return {
        "edicion": edicion,
        "norte": responder(edicion, "istai-sonora", estado="borrador", personas=1),
        "sureste": responder(edicion, "cotaipec-campeche", estado="borrador", personas=2),
    }


@pytest.mark.parametrize("role", ["edicion", "coordinacion"])
def test_norte_cannot_see_or_edit_sureste(client, editor_of, dos_respuestas, role):
    client.force_login(editor_of("norte", role))
    body = client.get(reverse(LIST)).content.decode()
    assert "ISTAI" in body and "COTAIPEC" not in body
    export = client.get(reverse(LIST), {"export": "csv"})
    exported = b"".join(export.streaming_content if export.streaming else [export.content])
    assert b"istai-sonora" in exported and b"cotaipec-campeche" not in exported
    sureste = reverse("diagnostico_responder", args=[dos_respuestas["sureste"].pk])
    assert _negado(client.get(sureste))
    assert _negado(client.post(sureste, {**COMPLETA, "guardar": "1"}))
    dos_respuestas["sureste"].refresh_from_db()
    assert dos_respuestas["sureste"].respuestas == {"personas": 2}
    edit = reverse(
        "wagtailsnippets_diagnostico_respuesta:edit", args=[dos_respuestas["sureste"].pk]
    )
    response = client.get(edit)
    assert _negado(response) or _negado(client.get(response.url))
    norte = reverse("diagnostico_responder", args=[dos_respuestas["norte"].pk])
    assert client.get(norte).status_code == 200


def test_national_sees_all_but_fills_in_only_its_own(client, editor_of, dos_respuestas):
    client.force_login(editor_of("nacional", "coordinacion"))
    body = client.get(reverse(LIST)).content.decode()
    assert "ISTAI" in body and "COTAIPEC" in body
    sureste = reverse("diagnostico_responder", args=[dos_respuestas["sureste"].pk])
    assert client.get(sureste).status_code == 200
    assert _negado(client.post(sureste, {**COMPLETA, "guardar": "1"}))
    dos_respuestas["sureste"].refresh_from_db()
    assert dos_respuestas["sureste"].respuestas == {"personas": 2}


def test_a_closed_round_refuses_edits(client, editor_of, dos_respuestas):
    edicion, respuesta = dos_respuestas["edicion"], dos_respuestas["norte"]
    edicion.transicionar("cerrada")
    with pytest.raises(RespuestaBloqueada):
        respuesta.guardar({"personas": 3})
    client.force_login(editor_of("norte", "coordinacion"))
    hoja = reverse("diagnostico_responder", args=[respuesta.pk])
    response = client.post(hoja, {**COMPLETA, "enviar": "1"}, follow=True)
    assert "está cerrada: ya no se pueden modificar sus respuestas" in response.content.decode()
    respuesta.refresh_from_db()
    assert respuesta.respuestas == {"personas": 1} and respuesta.estado == "borrador"
    # No new answers in a closed round, and no deleting.
    form = client.get(reverse(ADD)).context["form"]
    assert edicion not in form.fields["edicion"].queryset
    client.post(reverse("wagtailsnippets_diagnostico_respuesta:delete", args=[respuesta.pk]))
    assert Respuesta.objects.filter(pk=respuesta.pk).exists()
