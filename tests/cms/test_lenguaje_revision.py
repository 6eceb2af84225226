"""The inclusive-language check where decisions are made: live in the editor's Checks panel
(grouped per field under the form's labels), once after saving, to the approver, and in the
national coordination's monthly report. It warns and never blocks."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from . import fabricas
from .test_moderacion import form_data


@pytest.fixture
def borrador(crear):
    return crear("norte", "noticias", fabricas.noticia(slug="lenguaje-vivo"), publicar=False)


def test_checks_panel_checks_the_form_as_typed_grouped_under_the_form_labels(
    client, editor_of, borrador
):
    client.force_login(editor_of("norte", "edicion"))
    url = reverse("cms_lenguaje_edicion", args=[borrador.pk])

    editor = client.get(reverse("wagtailadmin_pages:edit", args=[borrador.pk]))
    html = editor.content.decode()
    # Once: the panel's template overrides Wagtail's from a folder found twice.
    assert html.count(f'data-lenguaje-url="{url}"') == 1
    assert html.count("cms/js/lenguaje.js") == 1

    response = client.post(
        url,
        form_data(
            borrador,
            title="Taller para los ciudadanos",
            entrada="Invitamos a los ciudadanos y a los servidores públicos.",
        ),
    )
    assert response.status_code == 200
    datos = response.json()
    assert datos["total"] == 3
    resultado = datos["html"]
    # One group a field, under the label the form shows (not the field's name).
    assert resultado.count('class="w-content-checker__name">Título<') == 1
    assert resultado.count('class="w-content-checker__name">Entrada<') == 1
    assert ">entrada<" not in resultado
    assert "«los servidores públicos»" in resultado
    assert "la ciudadanía" in resultado
    # Checking saves nothing.
    borrador.refresh_from_db()
    assert borrador.get_latest_revision_as_object().title == "Noticia de prueba"

    limpio = client.post(url, form_data(borrador))
    assert limpio.json()["total"] == 0


def test_the_check_runs_on_a_page_being_added(client, editor_of, indice):
    client.force_login(editor_of("norte", "edicion"))
    padre = indice("norte", "noticias")
    url = reverse("cms_lenguaje_creacion", args=["cms", "noticia", padre.pk])
    alta = client.get(reverse("wagtailadmin_pages:add", args=["cms", "noticia", padre.pk]))
    assert alta.content.decode().count(f'data-lenguaje-url="{url}"') == 1
    response = client.post(
        url,
        {
            "title": "",
            "slug": "",
            "fecha": "",
            "entrada": "Para los discapacitados.",
            "cuerpo-count": "0",
        },
    )
    assert response.status_code == 200
    assert response.json()["total"] == 1
    assert 'class="w-content-checker__name">Entrada<' in response.json()["html"]


def test_another_region_cannot_run_the_check_on_pages_it_cannot_edit(
    client, editor_of, borrador, indice
):
    client.force_login(editor_of("sureste", "coordinacion"))
    response = client.post(
        reverse("cms_lenguaje_edicion", args=[borrador.pk]),
        form_data(borrador, title="Para los ciudadanos"),
    )
    assert response.status_code in (302, 403, 404)
    assert "hallazgos" not in response.content.decode()
    padre = indice("norte", "noticias")
    response = client.post(
        reverse("cms_lenguaje_creacion", args=["cms", "noticia", padre.pk]),
        {"title": "Los ciudadanos", "cuerpo-count": "0"},
    )
    assert response.status_code in (302, 403, 404)
    # Anonymous people never reach it.
    client.logout()
    response = client.post(reverse("cms_lenguaje_edicion", args=[borrador.pk]), {})
    assert response.status_code == 302


def test_saving_warns_once_and_autosaves_add_no_message(client, editor_of, borrador):
    client.force_login(editor_of("norte", "edicion"))
    url = reverse("wagtailadmin_pages:edit", args=[borrador.pk])
    datos = form_data(borrador, title="Taller para los ciudadanos")

    autoguardado = client.post(url, datos, headers={"accept": "application/json"})
    assert autoguardado.status_code == 200
    assert not [m for m in get_messages(autoguardado.wsgi_request) if m.level_tag == "warning"]

    guardado = client.post(url, datos)
    assert guardado.status_code == 302  # never blocked
    avisos = [str(m) for m in get_messages(guardado.wsgi_request) if m.level_tag == "warning"]
    assert len(avisos) == 1
    assert "<strong>Título</strong>: «los ciudadanos» → la ciudadanía" in avisos[0]


def test_the_approver_sees_the_findings_before_approving(client, editor_of, borrador):
    editor = editor_of("norte", "edicion")
    client.force_login(editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[borrador.pk]),
        form_data(
            borrador,
            title="Los ciudadanos y los funcionarios",
            entrada="A efecto de coadyuvar con la transparencia.",
            **{"action-submit": "action-submit"},
        ),
    )
    assert response.status_code == 302
    page = Page.objects.get(pk=borrador.pk)
    task_state = page.current_workflow_state.current_task_state

    client.force_login(editor_of("norte", "coordinacion"))
    tablero = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="lenguaje-por-aprobar' in tablero
    inicio = tablero.index('id="lenguaje-por-aprobar')
    panel = tablero[inicio:]
    assert "Los ciudadanos y los funcionarios" in panel
    assert "«Los ciudadanos»" in panel
    assert "«a efecto de»" in panel.lower() or "«coadyuvar»" in panel.lower()
    assert 'class="w-content-checker__name">Entrada<' in panel

    vista_previa = client.get(
        reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id])
    )
    assert vista_previa.status_code == 200
    previa = vista_previa.content.decode()
    assert "sugerencias de lenguaje ciudadano e incluyente" in previa
    assert "<strong>Título</strong>" in previa

    # Another region's coordination sees nothing of it.
    otra = Client()
    otra.force_login(editor_of("sureste", "coordinacion"))
    assert (
        "Los ciudadanos y los funcionarios"
        not in otra.get(reverse("wagtailadmin_home")).content.decode()
    )

    # Approving stays possible: warn, never block.
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    assert Page.objects.get(pk=page.pk).live


def fila_del_informe(client, region, mes):
    import re

    html = client.get(reverse("cms_lenguaje_informe"), {"mes": mes}).content.decode()
    inicio = html.index(f'data-region="{region}"')
    fila = html[inicio : html.index("</tr>", inicio)]
    return {k: int(v) for k, v in re.findall(r"<td data-(\w+)>(\d+)</td>", fila)}, html


def test_monthly_report_per_region_for_the_national_coordination(client, editor_of, crear, regions):
    mes = timezone.localdate().strftime("%Y-%m")
    client.force_login(editor_of("nacional", "coordinacion"))
    antes, _ = fila_del_informe(client, "norte", mes)
    sureste_antes, _ = fila_del_informe(client, "sureste", mes)

    coordinador = editor_of("norte", "coordinacion")
    # Found in a draft and fixed before publishing.
    corregida = crear(
        "norte",
        "noticias",
        fabricas.noticia(slug="corregida", title="Para los ciudadanos"),
        publicar=False,
    )
    corregida.save_revision(user=coordinador)
    corregida.title = "Para la ciudadanía"
    corregida.save_revision(user=coordinador).publish(user=coordinador)
    # Published as it was.
    asi = crear(
        "norte",
        "noticias",
        fabricas.noticia(slug="asi", entrada="Para los discapacitados."),
        publicar=False,
    )
    asi.save_revision(user=coordinador).publish(user=coordinador)

    despues, html = fila_del_informe(client, "norte", mes)
    cambio = {k: despues[k] - antes[k] for k in despues}
    assert cambio == {"publicaciones": 2, "encontradas": 2, "corregidas": 1, "publicadas": 1}
    assert fila_del_informe(client, "sureste", mes)[0] == sureste_antes
    assert "discapacitad" in html.split("Frases publicadas con más frecuencia")[1]
    # Another month holds none of it.
    assert fila_del_informe(client, "norte", "2001-01")[0]["publicaciones"] == 0

    url = reverse("cms_lenguaje_informe")
    client.force_login(editor_of("norte", "coordinacion"))
    assert client.get(url).status_code in (302, 403)
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
