"""A page form posted without a StreamField's ``-count`` (or with broken block keys) answers
with a form error in Spanish, never a server error: every page type with a StreamField."""

import pytest
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from tests.cms import fabricas

INCOMPLETO = "llegó incompleto"


def _modelos_con_stream():
    modelos = [
        m
        for m in get_page_models()
        if any(isinstance(f, StreamField) for f in m._meta.get_fields())
    ]
    assert len(modelos) >= 8, modelos
    return modelos


def _errores(form):
    return {n: " ".join(e for e in errores) for n, errores in form.errors.items()}


@pytest.mark.parametrize("modelo", _modelos_con_stream(), ids=lambda m: m._meta.label)
@pytest.mark.parametrize(
    "roto",
    [
        {},  # no -count at all
        {"-count": "abc"},
        {"-count": "1"},  # a block announced, none of its keys sent
        {"-count": "1", "-0-deleted": "", "-0-order": "x", "-0-type": None},
    ],
    ids=["sin-count", "count-invalido", "bloque-sin-claves", "orden-invalido"],  # type: its first block
)
def test_every_page_form_turns_broken_stream_data_into_a_form_error(
    modelo, roto, regions, make_user
):
    form_class = modelo.get_edit_handler().get_form_class()
    streams = [
        f.name
        for f in modelo._meta.get_fields()
        if isinstance(f, StreamField) and f.name in form_class.base_fields
    ]
    if not streams:  # no StreamField in its admin form
        return
    data = {"title": "Prueba", "slug": "prueba"}
    for name in streams:
        primero = next(iter(modelo._meta.get_field(name).stream_block.child_blocks))
        data.update({f"{name}{k}": primero if v is None else v for k, v in roto.items()})
    form = form_class(
        data,
        instance=modelo(),
        parent_page=regions["norte"].site.root_page,
        for_user=make_user(superuser=True),
    )
    assert not form.is_valid()
    errores = _errores(form)
    for name in streams:
        assert INCOMPLETO in errores.get(name, ""), (name, errores)
        str(form[name])  # the form can be drawn again with the error


def test_the_edit_view_answers_with_the_form_and_saves_nothing(client, editor_of, crear):
    page = crear("norte", "noticias", fabricas.noticia(slug="sin-count"), publicar=False)
    client.force_login(editor_of("norte", "edicion"))
    data = {
        "title": "Cambiada",
        "slug": page.slug,
        "fecha": page.fecha.isoformat(),
        "entrada": page.entrada,
        "temas": "transparencia",
    }
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200
    assert INCOMPLETO in " ".join(response.context["form"].errors.get("cuerpo", []))
    assert page.get_latest_revision_as_object().title == "Noticia de prueba"
