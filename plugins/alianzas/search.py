"""Search documents: organizations (network-wide) and public agreements only."""

from cms.convenios_base import (
    BusquedaConvenioMixin,
    documento_de_busqueda,
    documento_de_contraparte,
)
from search.documents import SearchDocument

from .datos import PaginasConvenios, convenios_publicos
from .models import Convenio, Organizacion


class OrganizacionDocument(SearchDocument):
    """Organizations belong to no region (``region_lookup = None``: a regional switch does
    not remove them); they are indexed for the national site, where their page is."""

    kind = "organizacion"
    kind_label = "Organización"
    kind_words = "organización organizaciones aliada institución instituciones"
    model = Organizacion
    region_lookup = None

    def __init__(self):
        self.paginas = PaginasConvenios()

    def get_queryset(self):
        return Organizacion.objects.prefetch_related("entidades", "temas")

    def to_document(self, obj):
        partes = [obj.get_tipo_display()]
        if obj.ambito:
            partes.append(obj.get_ambito_display())
        entidades = [e.nombre for e in obj.entidades.all()]
        temas = [t.name for t in obj.temas.all()]
        cuerpo = [f"Entidades: {', '.join(entidades)}."] if entidades else []
        cuerpo += [f"Temas: {', '.join(temas)}."] if temas else []
        return documento_de_contraparte(
            obj,
            " · ".join(partes),
            cuerpo,
            kind=self.kind,
            region="nacional",
            url=self.paginas.url_organizacion(obj, completa=True),
            topics=temas,
        )


class ConvenioDocument(BusquedaConvenioMixin, SearchDocument):
    """Public agreements only (firmado, vigente, concluido, vencido); never the internal
    comments."""

    model = Convenio
    paginas_class = PaginasConvenios
    publicos = convenios_publicos

    def to_document(self, obj):
        body = [obj.objeto, f"Partes: {'; '.join(obj.partes())}."]
        body += [f"Compromiso: {c.descripcion}" for c in obj.compromisos.all()]
        summary = (
            f"Convenio de {obj.get_tipo_display().lower()} · "
            f"{obj.get_estado_display()} · {obj.region.nombre}"
        )
        url = self.paginas.url_convenio(obj, completa=True)
        return documento_de_busqueda(obj, url, summary, body)


def documents():
    return [OrganizacionDocument, ConvenioDocument]
