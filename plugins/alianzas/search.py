"""Search documents: organizations (network-wide) and public agreements only."""

from cms.convenios_base import TIPO_BUSQUEDA, documento_de_busqueda
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
        body = []
        if obj.siglas:
            body.append(f"Siglas: {obj.siglas}.")
        if entidades:
            body.append(f"Entidades: {', '.join(entidades)}.")
        temas = [t.name for t in obj.temas.all()]
        if temas:
            body.append(f"Temas: {', '.join(temas)}.")
        if obj.sitio_web:
            body.append(f"Sitio web: {obj.sitio_web}")
        return {
            "kind": self.kind,
            "title": str(obj),
            "summary": " · ".join(partes),
            "body": "\n".join(body),
            "region": "nacional",
            "url": self.paginas.url_organizacion(obj, completa=True),
            "date": obj.actualizado.date().isoformat(),
            "topics": temas,
        }


class ConvenioDocument(SearchDocument):
    """Public agreements only (firmado, vigente, concluido, vencido); never the internal
    comments."""

    kind, kind_label, kind_words = TIPO_BUSQUEDA.values()
    model = Convenio
    region_lookup = "region"

    def __init__(self):
        self.paginas = PaginasConvenios()

    def get_queryset(self):
        return convenios_publicos()

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
