"""What the server checks in every admin form, beyond what the widgets offer.

1. **References stay within reach.** Choosers show a person only the images, documents,
   pages and records they may choose, but a form posts ids, and any id used to be accepted.
   After a form validates, every image, document, page and region-scoped record it refers to
   — foreign keys, many-to-many fields, inline formsets and StreamField blocks (image,
   document, page and snippet choosers at any depth) — must be reachable for the person who
   submits it (``cms.aislamiento.alcanzable``: their region's pages and records, their
   collections and the shared one, «Compartida»). What the record already referred to
   before the edit is left alone: the rule is about what the person adds.

   The rule is :class:`ReferenciasAlcanzablesMixin`, carried by the admin forms the project
   builds on: :class:`AdminPageForm` (``base_form_class`` of every page type; plugin pages
   get it from ``cms.plugins.PluginPageMixin``), :class:`AdminModelForm` (snippets, settings
   and viewsets: ``cms.permissions.RegionScopedForm`` derives from it, and the viewsets of
   ``cms.viewsets`` give it to models without a form of their own) and the image and
   document forms below (``WAGTAILIMAGES_IMAGE_FORM_BASE``, ``WAGTAILDOCS_DOCUMENT_FORM_BASE``).
   Inline formsets are checked through the form that holds them, at any depth.
   ``tests/cms/test_formularios_alcance.py`` walks every admin form and fails if one lacks it.
2. **A StreamField that arrives incomplete is a form error, not a server error.** Wagtail
   reads a StreamField from ``<name>-count``, ``-type``, ``-order`` and ``-deleted`` keys
   and fails with ``KeyError`` when one is missing; the field used for every StreamField
   (registered with Wagtail's ``register_form_field_override`` by ``instalar()``, from
   ``CmsConfig.ready``) turns that into a message.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.blocks.base import BlockField, BlockWidget

# --- 1. References within reach -------------------------------------------------------------

#: Records every admin user may refer to, whatever their region: the network's catalogue of
#: institutions is public (the directory shows it), and news, events and campaigns of one
#: region name institutions of others.
ELEGIBLES_EN_TODA_LA_RED = {"regiones.OrganismoGarante"}


def referencias_de_bloque(block, value):
    """The model instances a block value refers to, at any depth."""
    from wagtail.images.blocks import ImageBlock

    if value is None:
        return
    if isinstance(block, blocks.RichTextBlock):
        yield from referencias_de_texto(getattr(value, "source", value))
        return
    if isinstance(block, ImageBlock | blocks.ChooserBlock):
        if isinstance(value, models.Model):
            yield value
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from referencias_de_bloque(child.block, child.value)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from referencias_de_bloque(block.child_block, item)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from referencias_de_bloque(child_block, value.get(name))


def referencias_de_texto(html):
    """Pages, documents and images linked or embedded in rich text."""
    from wagtail.rich_text import extract_references_from_rich_text

    for model, pk, *_rest in extract_references_from_rich_text(html or ""):
        try:
            obj = model._default_manager.filter(pk=pk).first()
        except (ValueError, TypeError):
            continue
        if obj is not None:
            yield obj


def referencias(field, value, rich_text=False):
    """The model instances a cleaned form value refers to."""
    if rich_text:
        yield from referencias_de_texto(value)
    elif isinstance(field, BlockField):
        yield from referencias_de_bloque(field.block, value)
    elif isinstance(value, models.Model):
        yield value
    elif isinstance(value, models.QuerySet | list | tuple):
        yield from (v for v in value if isinstance(v, models.Model))


def _clave(obj):
    from wagtail.models import Page

    model = Page if isinstance(obj, Page) else obj._meta.concrete_model
    return (model._meta.label, obj.pk)


def _es_texto_enriquecido(form, name):
    from wagtail.fields import RichTextField

    model = getattr(getattr(form, "_meta", None), "model", None)
    try:
        return isinstance(model._meta.get_field(name), RichTextField)
    except (AttributeError, LookupError, ValueError):
        return False


def _claves_iniciales(form, name, field, rich_text=False):
    """What the stored record referred to through ``name`` when the form was built."""
    initial = form.get_initial_for_field(field, name)
    if initial in (None, "", [], ()):
        return set()
    if isinstance(field, forms.ModelChoiceField):
        from wagtail.models import Page

        model = field.queryset.model
        model = Page if issubclass(model, Page) else model._meta.concrete_model
        valores = initial if isinstance(initial, list | tuple | models.QuerySet) else [initial]
        return {
            _clave(v) if isinstance(v, models.Model) else (model._meta.label, v) for v in valores
        }
    try:
        return {_clave(obj) for obj in referencias(field, initial, rich_text)}
    except (AttributeError, TypeError, ValueError):
        return set()


def _consulta(queryset):
    try:
        return str(queryset.query)
    except Exception:  # an empty queryset has no SQL
        return None


def _opciones_decididas_por_el_formulario(form, name):
    """A form that narrowed a field's choices for this person (its own and the federal
    outlets, say) has decided what they may choose, and Django already refuses anything
    else; the reach rule checks the fields whose choices are every object (choosers)."""
    field = form.fields[name]
    base = type(form).base_fields.get(name)
    if not isinstance(field, forms.ModelChoiceField) or base is None:
        return False
    return _consulta(field.queryset) != _consulta(base.queryset)


def mensaje_fuera_de_alcance(obj):
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page

    if isinstance(obj, AbstractImage):
        return _(
            "La imagen elegida no está en una colección que usted pueda usar: elija una de la "
            "colección de su región o de «Compartida»."
        )
    if isinstance(obj, AbstractDocument):
        return _(
            "El documento elegido no está en una colección que usted pueda usar: elija uno de "
            "la colección de su región o de «Compartida»."
        )
    if isinstance(obj, Page):
        return _("La página elegida es de otro sitio: elija una página de su región.")
    return _("El registro elegido (%(tipo)s) es de otra región: elija uno de su región.") % {
        "tipo": obj._meta.verbose_name
    }


def verificar_referencias(form, user):
    """Add an error to every field of ``form`` (and of its inline formsets, at any depth)
    that refers to something ``user`` may not reach; return True when there was none."""
    from .aislamiento import alcanzable

    limpio = True
    for name, field in form.fields.items():
        value = getattr(form, "cleaned_data", {}).get(name)
        if value in (None, "", [], ()) or _opciones_decididas_por_el_formulario(form, name):
            continue
        iniciales = None
        rich_text = isinstance(value, str) and _es_texto_enriquecido(form, name)
        if isinstance(value, str) and not rich_text:
            continue
        for obj in referencias(field, value, rich_text):
            if obj.pk is None or obj._meta.label in ELEGIBLES_EN_TODA_LA_RED:
                continue
            if alcanzable(user, obj):
                continue
            if iniciales is None:
                iniciales = _claves_iniciales(form, name, field, rich_text)
            if _clave(obj) in iniciales:
                continue
            form.add_error(name, mensaje_fuera_de_alcance(obj))
            limpio = False
            break
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            if formset.can_delete and formset._should_delete_form(child):
                continue
            limpio = verificar_referencias(child, user) and limpio
    return limpio


class ReferenciasAlcanzablesMixin:
    """For a Wagtail admin model form: refuse references the person may not reach
    (:func:`verificar_referencias`). Superusers reach everything."""

    def is_valid(self):
        valid = super().is_valid()
        user = getattr(self, "for_user", None)
        if user is None or not user.is_authenticated or user.is_superuser:
            return valid
        return verificar_referencias(self, user) and valid


class AdminModelForm(ReferenciasAlcanzablesMixin, WagtailAdminModelForm):
    """The base form of every snippet, setting and viewset model form."""


class AdminPageForm(ReferenciasAlcanzablesMixin, WagtailAdminPageForm):
    """The ``base_form_class`` of every page type."""


# --- 2. StreamFields that arrive incomplete -------------------------------------------------


class DatosIncompletos:
    """What the widget reads when the posted data lack keys the blocks need."""

    def __repr__(self):
        return "<datos de bloques incompletos>"


DATOS_INCOMPLETOS = DatosIncompletos()


class BlockWidgetTolerante(BlockWidget):
    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (KeyError, ValueError, TypeError, IndexError):
            return DATOS_INCOMPLETOS

    def render_with_errors(self, name, value, attrs=None, errors=None, renderer=None):
        if value is DATOS_INCOMPLETOS:
            value = self.block_def.get_default()
        return super().render_with_errors(name, value, attrs, errors, renderer)


class BlockFieldTolerante(BlockField):
    """Wagtail's StreamField form field, with a form error for incomplete data."""

    def __init__(self, block=None, **kwargs):
        if block is not None and "widget" not in kwargs:
            kwargs["widget"] = BlockWidgetTolerante(block)
        super().__init__(block=block, **kwargs)

    def clean(self, value):
        if value is DATOS_INCOMPLETOS:
            raise ValidationError(
                _(
                    "El contenido de este campo llegó incompleto y no se pudo leer. Recargue "
                    "la página e inténtelo de nuevo; si el problema sigue, copie su texto antes "
                    "de recargar."
                ),
                code="incompleto",
            )
        return super().clean(value)

    def has_changed(self, initial_value, data_value):
        if data_value is DATOS_INCOMPLETOS:
            return True
        return super().has_changed(initial_value, data_value)


def instalar():
    """Use the tolerant field for every StreamField in admin forms (idempotent)."""
    from wagtail.admin.forms.models import register_form_field_override
    from wagtail.fields import StreamField

    register_form_field_override(StreamField, override={"form_class": BlockFieldTolerante})
