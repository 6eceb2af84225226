"""The image and document forms of the admin (``WAGTAILIMAGES_IMAGE_FORM_BASE``,
``WAGTAILDOCS_DOCUMENT_FORM_BASE``): media's safe uploads and the core's rule on references
(``cms.formularios``). Apart from cms.formularios because Wagtail's image and document forms
can only be imported once the models are loaded, and the page models import that module."""

from media import forms as media_forms

from .formularios import ReferenciasAlcanzablesMixin


class ImagenForm(ReferenciasAlcanzablesMixin, media_forms.ImagenForm):
    pass


class DocumentoForm(ReferenciasAlcanzablesMixin, media_forms.DocumentoForm):
    pass
