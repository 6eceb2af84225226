"""Search documents: official media and their public agreements only (never the
institutional contact, the internal comments or the schedules)."""

from cms.convenios_base import (
    BusquedaConvenioMixin,
    documento_de_busqueda,
    documento_de_contraparte,
)
from search.documents import SearchDocument

from .datos import PaginasMedios, convenios_publicos, medios_publicos
from .models import ConvenioMedio, MedioOficial


class MedioDocument(SearchDocument):
    kind = "medio"
    kind_label = "Medio público"
    kind_words = "medio público medios públicos medio oficial medios de comunicación"
    model = MedioOficial
    region_lookup = "region"
    related_models = {
        "medios.EstacionMedio": "medio",
        "medios.CuentaSocialMedio": "medio",
    }

    def __init__(self):
        self.paginas = PaginasMedios()

    def get_queryset(self):
        return medios_publicos()

    def to_document(self, obj):
        estaciones = [f"{e.distintivo} ({e.frecuencia})" for e in obj.estaciones.all()]
        propietaria = obj.institucion_propietaria
        cuerpo = [f"Depende de: {propietaria}."] if propietaria else []
        cuerpo += [f"Estaciones y canales: {', '.join(estaciones)}."] if estaciones else []
        return documento_de_contraparte(
            obj,
            f"{obj.get_tipo_display()} · {obj.get_ambito_display()} · {obj.lugar}",
            cuerpo,
            kind=self.kind,
            region=obj.region.slug,
            url=self.paginas.url_medio(obj, completa=True),
        )


class ConvenioMedioDocument(BusquedaConvenioMixin, SearchDocument):
    """Public agreements only (firmado, vigente, concluido, vencido)."""

    model = ConvenioMedio
    paginas_class = PaginasMedios
    publicos = convenios_publicos

    def to_document(self, obj):
        partes = "; ".join(obj.partes())
        body = [obj.objeto, f"Medio: {obj.medio}.", f"Firman con el medio: {partes}."]
        if obj.tiempos_oficiales:
            body.append("Incluye tiempos oficiales.")
        summary = f"Convenio con {obj.medio} · {obj.get_estado_display()} · {obj.region.nombre}"
        url = self.paginas.url_convenio(obj, completa=True)
        return documento_de_busqueda(obj, url, summary, body)


def documents():
    return [MedioDocument, ConvenioMedioDocument]
