from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class CitaBlock(blocks.StructBlock):
    texto = blocks.TextBlock(label=_("Cita"))
    autoria = blocks.CharBlock(label=_("Autoría"), required=False)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/cita.html"
        label = _("Cita")


class EnlaceBlock(blocks.StructBlock):
    texto = blocks.CharBlock(label=_("Texto del enlace"))
    pagina = blocks.PageChooserBlock(label=_("Página"), required=False)
    url = blocks.URLBlock(label=_("URL externa"), required=False)

    class Meta:
        icon = "link"
        template = "cms/blocks/enlace.html"
        label = _("Enlace destacado")

    def get_context(self, value, parent_context=None):
        """``destino``: the chosen page as a visitor may reach it (cms.enlaces), or None; a
        link to a page that is not public is not drawn at all."""
        from cms.enlaces import destino_publico

        context = super().get_context(value, parent_context=parent_context)
        context["destino"] = destino_publico(value.get("pagina"))
        return context


class DocumentoBlock(blocks.StructBlock):
    documento = DocumentChooserBlock(label=_("Documento"))
    descripcion = blocks.CharBlock(label=_("Descripción"), required=False)

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/documento.html"
        label = _("Documento descargable")


class CuerpoBlock(blocks.StreamBlock):
    subtitulo = blocks.CharBlock(
        label=_("Subtítulo"), form_classname="title", template="cms/blocks/subtitulo.html"
    )
    parrafo = blocks.RichTextBlock(
        label=_("Texto"),
        features=["bold", "italic", "link", "ol", "ul", "document-link", "h3", "h4"],
    )
    imagen = ImageBlock(label=_("Imagen"))
    cita = CitaBlock()
    enlace = EnlaceBlock()
    documento = DocumentoBlock()
    video = EmbedBlock(label=_("Video"), help_text=_("Enlace a YouTube, Vimeo u otra plataforma."))

    class Meta:
        label = _("Cuerpo")
