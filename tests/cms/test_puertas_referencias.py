"""Another region's image, document, page or record cannot be attached by id.

Choosers only show what a person may choose; these tests post the ids directly, as an
attacker would, to every kind of reference (a page's foreign key, a StreamField block, rich
text, a snippet's foreign key, an inline formset) and expect a Spanish form error and
nothing saved. The check is one rule for every Wagtail admin form (cms/formularios.py).
"""

from datetime import date

import pytest
from django import forms
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import Noticia
from media.collections import SHARED_COLLECTION_NAME
from plugins.alianzas.models import Convenio, DocumentoConvenio
from plugins.directorio.models import AreaComunicacion
from regiones.models import OrganismoGarante
from tests.cms import fabricas

IMAGEN_AJENA = "no está en una colección que usted pueda usar"
DOCUMENTO_AJENO = "El documento elegido no está en una colección que usted pueda usar"


def _imagen(coleccion, titulo):
    return Image.objects.create(title=titulo, file=get_test_image_file(), collection=coleccion)


def _documento(coleccion, titulo):
    from django.core.files.base import ContentFile

    return Document.objects.create(
        title=titulo, file=ContentFile(b"%PDF-1.4 prueba", name="prueba.pdf"), collection=coleccion
    )


@pytest.fixture
def medios(regions):
    compartida = Collection.objects.get(name=SHARED_COLLECTION_NAME)
    return {
        "imagen_centro": _imagen(regions["centro"].coleccion, "Imagen de Centro"),
        "imagen_norte": _imagen(regions["norte"].coleccion, "Imagen de Norte"),
        "imagen_compartida": _imagen(compartida, "Imagen compartida"),
        "documento_centro": _documento(regions["centro"].coleccion, "Documento de Centro"),
        "documento_norte": _documento(regions["norte"].coleccion, "Documento de Norte"),
    }


@pytest.fixture
def noticia_norte(crear):
    return crear("norte", "noticias", fabricas.noticia(slug="noticia-norte"), publicar=False)


def _datos_noticia(page, cuerpo=None, **extra):
    data = {
        "title": page.title,
        "slug": page.slug,
        "fecha": page.fecha.isoformat(),
        "entrada": page.entrada,
        "imagen_principal": "",
        "texto_alternativo": "",
        "temas": "transparencia",
    }
    data.update(nested_form_data({"cuerpo": streamfield(cuerpo or [])}))
    data.update(extra)
    return data


def _errores(response):
    """Every error of the re-rendered form and its formsets (StreamField errors are drawn
    by JavaScript from JSON, so the page's text is not where to look)."""
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    textos = [" ".join(e.messages) for errores in form.errors.values() for e in errores.as_data()]
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            textos += [
                " ".join(e.messages) for errores in child.errors.values() for e in errores.as_data()
            ]
    return " | ".join(textos)


def _editar(client, page, data):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def _ultima(page):
    return Page.objects.get(pk=page.pk).get_latest_revision_as_object()


# --- Pages -----------------------------------------------------------------------------------


def test_news_main_image_of_another_region_is_refused(client, editor_of, noticia_norte, medios):
    client.force_login(editor_of("norte", "edicion"))
    response = _editar(
        client,
        noticia_norte,
        _datos_noticia(
            noticia_norte,
            imagen_principal=medios["imagen_centro"].pk,
            texto_alternativo="Una imagen ajena",
        ),
    )
    assert IMAGEN_AJENA in _errores(response)
    assert _ultima(noticia_norte).imagen_principal_id is None


def test_own_and_shared_images_are_accepted(client, editor_of, noticia_norte, medios):
    client.force_login(editor_of("norte", "edicion"))
    for clave in ("imagen_norte", "imagen_compartida"):
        response = _editar(
            client,
            noticia_norte,
            _datos_noticia(
                noticia_norte, imagen_principal=medios[clave].pk, texto_alternativo="Foto"
            ),
        )
        assert response.status_code == 302, clave
        assert _ultima(noticia_norte).imagen_principal_id == medios[clave].pk


def test_streamfield_image_block_of_another_region_is_refused(
    client, editor_of, noticia_norte, medios
):
    client.force_login(editor_of("norte", "edicion"))
    bloque = ("imagen", {"image": medios["imagen_centro"].pk, "alt_text": "x", "decorative": ""})
    response = _editar(client, noticia_norte, _datos_noticia(noticia_norte, cuerpo=[bloque]))
    assert IMAGEN_AJENA in _errores(response)
    cuerpo = _ultima(noticia_norte).cuerpo
    assert [b.block_type for b in cuerpo] == ["parrafo"]


def test_streamfield_document_and_page_blocks_of_another_region_are_refused(
    client, editor_of, noticia_norte, medios, regions
):
    client.force_login(editor_of("norte", "edicion"))
    documento = ("documento", {"documento": medios["documento_centro"].pk, "descripcion": ""})
    response = _editar(client, noticia_norte, _datos_noticia(noticia_norte, cuerpo=[documento]))
    assert DOCUMENTO_AJENO in _errores(response)
    borrador_centro = regions["centro"].site.root_page.get_children().first()
    enlace = ("enlace", {"texto": "Ver", "pagina": borrador_centro.pk, "url": ""})
    response = _editar(client, noticia_norte, _datos_noticia(noticia_norte, cuerpo=[enlace]))
    assert "La página elegida es de otro sitio" in _errores(response)
    assert [b.block_type for b in _ultima(noticia_norte).cuerpo] == ["parrafo"]


def test_rich_text_link_to_another_regions_document_is_refused(
    client, editor_of, noticia_norte, medios
):
    client.force_login(editor_of("norte", "edicion"))
    ajeno = medios["documento_centro"].pk
    texto = f'<p><a linktype="document" id="{ajeno}">bases</a></p>'
    response = _editar(
        client, noticia_norte, _datos_noticia(noticia_norte, cuerpo=[("parrafo", rich_text(texto))])
    )
    assert DOCUMENTO_AJENO in _errores(response)


def test_a_reference_already_stored_is_left_alone(client, editor_of, crear, medios):
    """A national editor or a migration may have stored it: editing the rest still works."""
    page = crear(
        "norte",
        "noticias",
        fabricas.noticia(
            slug="con-imagen-ajena",
            imagen_principal=medios["imagen_centro"],
            texto_alternativo="Heredada",
        ),
        publicar=False,
    )
    client.force_login(editor_of("norte", "edicion"))
    data = _datos_noticia(
        page,
        imagen_principal=medios["imagen_centro"].pk,
        texto_alternativo="Heredada",
        title="Título corregido",
    )
    assert _editar(client, page, data).status_code == 302
    assert _ultima(page).title == "Título corregido"


def test_institutions_of_other_regions_may_be_named(client, editor_of, noticia_norte):
    """The catalogue of institutions is public: a Norte news item may name Centro's."""
    centro = OrganismoGarante.objects.filter(region__slug="centro").first()
    client.force_login(editor_of("norte", "edicion"))
    response = _editar(client, noticia_norte, _datos_noticia(noticia_norte, organismos=[centro.pk]))
    assert response.status_code == 302
    assert list(_ultima(noticia_norte).organismos.all()) == [centro]


def test_new_page_with_another_regions_image_is_not_created(
    client, editor_of, regions, medios, indice
):
    client.force_login(editor_of("norte", "edicion"))
    padre = indice("norte", "noticias")
    page = Noticia(title="Nueva", slug="nueva-con-imagen-ajena", fecha=date.today(), entrada="x")
    data = _datos_noticia(
        page, imagen_principal=medios["imagen_centro"].pk, texto_alternativo="Ajena"
    )
    url = reverse("wagtailadmin_pages:add", args=["cms", "noticia", padre.pk])
    response = client.post(url, data)
    assert IMAGEN_AJENA in _errores(response)
    assert not Page.objects.filter(slug="nueva-con-imagen-ajena").exists()


# --- Records ---------------------------------------------------------------------------------


def _datos_del_formulario(form):
    """The POST data an unchanged edit form would send (fields and inline formsets)."""
    data = {}

    def campos(f):
        for name, field in f.fields.items():
            bf = f[name]
            value = bf.value()
            if value is None:
                continue
            if isinstance(field, forms.BooleanField):
                if value:
                    data[bf.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bf.html_name] = [str(getattr(v, "pk", v)) for v in value]
            elif hasattr(value, "isoformat"):
                data[bf.html_name] = value.isoformat()
            else:
                data[bf.html_name] = str(getattr(value, "pk", value))

    campos(form)
    for formset in getattr(form, "formsets", {}).values():
        gestion = formset.management_form
        for name in gestion.fields:
            data[gestion[name].html_name] = gestion[name].value()
        for child in formset.forms:
            campos(child)
    return data


def test_directory_logo_of_another_region_is_refused(client, editor_of, medios):
    area = AreaComunicacion.objects.create(
        organismo=OrganismoGarante.objects.get(clave="istai-sonora"), nombre="Comunicación ISTAI"
    )
    client.force_login(editor_of("norte", "coordinacion"))
    url = reverse("wagtailsnippets_directorio_areacomunicacion:edit", args=[area.pk])
    data = _datos_del_formulario(client.get(url).context["form"])
    data["logo"] = str(medios["imagen_centro"].pk)
    response = client.post(url, data)
    assert IMAGEN_AJENA in _errores(response)
    area.refresh_from_db()
    assert area.logo_id is None
    data["logo"] = str(medios["imagen_norte"].pk)
    assert client.post(url, data).status_code == 302
    area.refresh_from_db()
    assert area.logo_id == medios["imagen_norte"].pk


def test_agreement_document_of_another_region_is_refused(client, editor_of, regions, medios):
    convenio = Convenio.objects.create(
        titulo="Convenio de Sonora",
        objeto="Promover la transparencia.",
        tipo=Convenio.Tipo.values[0],
        region=regions["norte"],
        estado="identificado",
        incluye_red=True,
    )
    convenio.organismos.add(OrganismoGarante.objects.get(clave="istai-sonora"))
    convenio.save()
    client.force_login(editor_of("norte", "coordinacion"))
    url = reverse("wagtailsnippets_alianzas_convenio:edit", args=[convenio.pk])
    data = _datos_del_formulario(client.get(url).context["form"])
    data.update(
        {
            "documentos-TOTAL_FORMS": "1",
            "documentos-0-documento": str(medios["documento_centro"].pk),
            "documentos-0-descripcion": "Convenio firmado",
            "documentos-0-ORDER": "1",
            "documentos-0-id": "",
            "documentos-0-DELETE": "",
        }
    )
    response = client.post(url, data)
    assert DOCUMENTO_AJENO in _errores(response)
    assert not DocumentoConvenio.objects.filter(convenio=convenio).exists()
    data["documentos-0-documento"] = str(medios["documento_norte"].pk)
    response = client.post(url, data)
    assert response.status_code == 302, _errores(response)
    assert DocumentoConvenio.objects.filter(convenio=convenio).count() == 1


# -- wagtail-localize: a translation's own value for a synchronised reference -------------------


def _override(client, translation, segment, value, content_type=None):
    from urllib.parse import urlencode

    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    url = reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk])
    if content_type == "form":
        body = urlencode({"value": value})
        return client.put(url, body, "Application/X-WWW-Form-Urlencoded")
    body = encode_multipart(BOUNDARY, {"value": value})
    return client.put(url, body, content_type or MULTIPART_CONTENT)


@pytest.fixture
def traduccion_norte(crear, medios):
    """Norte's news item with its own image, and its English translation to work on."""
    from wagtail.models import Locale
    from wagtail_localize.models import OverridableSegment, Translation, TranslationSource

    noticia = crear(
        "norte",
        "noticias",
        fabricas.noticia(
            slug="con-imagen",
            imagen_principal=medios["imagen_norte"],
            texto_alternativo="Personas en un taller.",
        ),
    )
    source, _ = TranslationSource.get_or_create_from_instance(noticia)
    source.create_or_update_translation(
        Locale.objects.get(language_code="en"),
        publish=False,
        copy_parent_pages=True,
        fallback=True,
    )
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="en")
    )
    segment = OverridableSegment.objects.get(source=source, context__path="imagen_principal")
    return translation, segment


@pytest.mark.parametrize("role", ["edicion", "coordinacion"])
def test_a_translation_cannot_take_another_regions_image_by_override(
    client, editor_of, traduccion_norte, medios, role
):
    """wagtail-localize stores the value of an override as sent, outside any form: the id
    of Centro's image is refused (403, nothing stored), while Norte's own, the shared
    collection's and the source's value are accepted."""
    from django.test.client import BOUNDARY
    from wagtail_localize.models import SegmentOverride

    translation, segment = traduccion_norte
    client.force_login(editor_of("norte", role))
    # However the content type is spelt, as the view's parsers read it.
    for content_type in (None, f"multipart/Form-Data; boundary={BOUNDARY}", "form"):
        ajena = _override(client, translation, segment, medios["imagen_centro"].pk, content_type)
        assert ajena.status_code == 403, content_type
        assert not SegmentOverride.objects.filter(context=segment.context).exists()
    for propia in ("imagen_compartida", "imagen_norte"):
        respuesta = _override(client, translation, segment, medios[propia].pk)
        assert respuesta.status_code in (200, 201), propia
        override = SegmentOverride.objects.get(context=segment.context)
        assert str(override.data) == str(medios[propia].pk)


def test_the_reference_of_a_synchronised_value_is_found_at_any_depth(medios):
    """Which model an override names, for a page's foreign key and for a StreamField's
    image and document blocks, as wagtail-localize writes their paths."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from cms.aislamiento import modelo_referido

    noticia = fabricas.noticia()
    assert modelo_referido(noticia, "imagen_principal") is get_image_model()
    assert modelo_referido(noticia, "title") is None
    assert modelo_referido(noticia, "no_existe") is None
    assert modelo_referido(noticia, "cuerpo.imagen") is get_image_model()
    assert modelo_referido(noticia, "cuerpo.documento.documento") is get_document_model()
    assert modelo_referido(noticia, "cuerpo.enlace.pagina") is Page
    assert modelo_referido(noticia, "cuerpo.parrafo") is None
