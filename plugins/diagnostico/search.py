"""Search documents: one per published round, pointing at its public aggregates page."""

from cms.visibilidad import paginas_publicas
from search.documents import SearchDocument

from . import resultados as res
from .models import DiagnosticoPage, Edicion


def pagina_publica():
    return paginas_publicas(DiagnosticoPage.objects.all()).first()


class EdicionDocument(SearchDocument):
    """A round belongs to the whole network (``region_lookup = None``); only published
    rounds, and only their aggregates (never an institution's answers)."""

    kind = "diagnostico"
    kind_label = "Diagnóstico"
    kind_words = "diagnóstico resultados"
    model = Edicion
    region_lookup = None

    def get_queryset(self):
        return Edicion.objects.publicadas().select_related("cuestionario")

    def to_document(self, obj):
        pagina = pagina_publica()
        url = f"{pagina.full_url}{obj.slug}/" if pagina else ""
        avance = res.avance(obj, res.todas_las_regiones())
        necesidades = res.necesidades(obj, res.todas_las_regiones())
        body = [obj.introduccion] if obj.introduccion else []
        body.append(f"Respondieron {avance['enviadas']} de {avance['total']} instituciones.")
        secciones = [s.titulo for s, _p in obj.cuestionario.por_seccion()]
        body.append(f"Temas: {', '.join(secciones)}.")
        if necesidades:
            body.append(
                "Necesidades de capacitación más pedidas: "
                + ", ".join(t["tema"] for t in necesidades[:5])
                + "."
            )
        return {
            "kind": self.kind,
            "title": f"Diagnóstico de las áreas de comunicación {obj.nombre}",
            "summary": f"Resultados agregados · periodo {obj.inicio:%d/%m/%Y} a {obj.fin:%d/%m/%Y}",
            "body": "\n".join(body),
            "region": "nacional",
            "url": url,
            "date": obj.fin.isoformat(),
            "topics": ["comunicación", "capacitación"] + [t["tema"] for t in necesidades[:5]],
        }


def documents():
    return [EdicionDocument]
