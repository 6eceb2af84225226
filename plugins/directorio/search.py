"""Search documents of the directory: one per member institution."""

from regiones.models import OrganismoGarante
from search.documents import SearchDocument

from .datos import PaginasDirectorio, cuentas_publicas, organismos


class OrganismoDocument(SearchDocument):
    kind = "organismo"
    kind_label = "Institución"
    kind_words = "institución instituciones organismo garante órgano garante integrante"
    #: An institution whose name holds a topic weighs less than that topic's pages.
    kind_weight = 0.6
    model = OrganismoGarante
    region_lookup = "region"
    #: Records whose changes alter this document, with the lookup to the institution.
    #: Core's signals do not read this yet (see the plugin's report): until they do, an
    #: account edit reaches the index on the institution's next save or a full rebuild.
    related_models = {
        "directorio.CuentaSocial": "organismo",
        "directorio.AreaComunicacion": "organismo",
    }

    def __init__(self):
        self.paginas = PaginasDirectorio()

    def nombres_anteriores(self, organismo):
        """Names (with acronyms) of every body whose functions reached this one, from one
        query per document instance (the search page builds many documents)."""
        if not hasattr(self, "_antecesores"):
            self._antecesores = {}
            for antes in OrganismoGarante.objects.only(
                "nombre", "siglas", "sucesor_id", "sucesor_datos_id"
            ):
                for pk in {antes.sucesor_id, antes.sucesor_datos_id} - {None}:
                    self._antecesores.setdefault(pk, []).append(antes)
        nombres, vistos, pendientes = [], {organismo.pk}, [organismo.pk]
        while pendientes:
            for antes in self._antecesores.get(pendientes.pop(), []):
                if antes.pk not in vistos:
                    vistos.add(antes.pk)
                    nombres.append(
                        f"{antes.nombre} ({antes.siglas})" if antes.siglas else antes.nombre
                    )
                    pendientes.append(antes.pk)
        return nombres

    def get_queryset(self):
        return organismos()

    def to_document(self, obj):
        cuentas = cuentas_publicas(obj)
        partes = [obj.get_tipo_display()]
        if obj.entidad_id:
            partes.append(obj.entidad.nombre)
        partes.append(obj.get_estado_display())
        body = [
            f"Entidad: {obj.entidad.nombre if obj.entidad_id else 'Federal'}.",
            f"Estado: {obj.get_estado_display()}.",
        ]
        if obj.siglas:
            body.append(f"Siglas: {obj.siglas}.")
        if obj.sitio_web:
            body.append(f"Sitio web: {obj.sitio_web}")
        if obj.sucesor_id:
            body.append(f"Sus funciones pasaron a {obj.sucesor.nombre}.")
        body += [f"{c.get_plataforma_display()}: {c.usuario} {c.url}".strip() for c in cuentas]
        # Old names and acronyms find the body that answers today (chains included).
        body += [f"Antes: {nombre}." for nombre in self.nombres_anteriores(obj)]
        return {
            "title": str(obj),
            "summary": " · ".join(partes),
            "body": "\n".join(body),
            "region": obj.region.slug,
            "url": self.paginas.url_organismo(obj, completa=True),
            "date": obj.fecha_extincion or obj.actualizado,
            "organismos": [obj.siglas] if obj.siglas else [],
            # Searched by («instituciones extintas») and ranked by: the body that answers
            # today comes before the one it replaced.
            "estado": obj.estado,
            # What people call a guarantor whatever its official name says.
            "palabras": "instituto de transparencia" if obj.tipo != obj.Tipo.INTEGRANTE else "",
        }


def documents():
    return [OrganismoDocument]
