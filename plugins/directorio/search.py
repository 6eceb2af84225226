"""Search documents of the directory: one per member institution."""

from django.utils import timezone

from regiones import hoy
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

    def atencion(self, organismo):
        """What the institution does today (``regiones.hoy.atencion``), read once per
        document instance."""
        if not hasattr(self, "_atencion"):
            self._hoy = timezone.localdate()
            self._atencion = hoy.atencion(self._hoy)
        return self._atencion.get(organismo.pk) or hoy.Atencion()

    def estado_hoy(self, organismo):
        """The state by the data's dates: in extinction until its end date, extinct after."""
        self.atencion(organismo)
        if (
            organismo.estado == OrganismoGarante.Estado.EN_EXTINCION
            and organismo.fecha_extincion
            and organismo.fecha_extincion <= self._hoy
        ):
            return OrganismoGarante.Estado.EXTINTA
        return organismo.estado

    def lineas_hoy(self, organismo):
        """Sentences in citizens' words on where the body stands today: the rights it
        guarantees and where, or that it no longer answers and who does in its place.
        Returns (sentences, the notice its result shows)."""
        atencion = self.atencion(organismo)
        acceso = " y ".join(atencion.atiende.get(hoy.ACCESO, []))
        datos = " y ".join(atencion.atiende.get(hoy.DATOS, []))
        lineas = []
        if acceso and acceso == datos:
            lineas.append(
                f"Hoy garantiza en {acceso} tu derecho de acceso a la información pública y "
                "protege tus datos personales: aquí ejerces tu derecho a saber y tus derechos "
                "ARCO sobre tus datos personales."
            )
        else:
            if acceso:
                lineas.append(
                    f"Hoy garantiza en {acceso} tu derecho de acceso a la información pública: "
                    "aquí ejerces tu derecho a saber."
                )
            if datos:
                lineas.append(
                    f"Hoy protege tus datos personales en {datos}: aquí ejerces tus derechos "
                    "ARCO sobre tus datos personales."
                )
        if lineas or not atencion.en_su_lugar:
            return lineas, ""
        actuales = atencion.en_su_lugar
        if organismo.estado == OrganismoGarante.Estado.VIGENTE:
            lineas.append("Aún no inicia funciones.")
        else:
            lineas.append("Ya no existe: ya no atiende a la ciudadanía.")
        unica = len({o.pk for o in actuales.values()}) == 1
        if unica:
            actual = next(iter(actuales.values()))
            lineas.append(f"Hoy lo atiende {actual.nombre}.")
            return lineas, f"Hoy: {actual.nombre}"
        partes = [
            f"{actuales[derecho].nombre} ({hoy.DERECHOS[derecho].lower()})"
            for derecho in hoy.DERECHOS
            if derecho in actuales
        ]
        lineas.append(f"Hoy lo atienden {' y '.join(partes)}.")
        return lineas, f"Hoy: {' y '.join(partes)}"

    def get_queryset(self):
        return organismos()

    def dependents(self, obj):
        """Every body linked to this one by succession, either way: a change of its state,
        dates or successor changes who answers today along the whole chain."""
        enlaces = {}
        for pk, sucesor, sucesor_datos in OrganismoGarante.objects.values_list(
            "pk", "sucesor_id", "sucesor_datos_id"
        ):
            for otro in {sucesor, sucesor_datos} - {None}:
                enlaces.setdefault(pk, set()).add(otro)
                enlaces.setdefault(otro, set()).add(pk)
        vistos, pendientes = {obj.pk}, [obj.pk, obj.sucesor_id, obj.sucesor_datos_id]
        while pendientes:
            pk = pendientes.pop()
            for otro in enlaces.get(pk, ()) if pk is not None else ():
                if otro not in vistos:
                    vistos.add(otro)
                    pendientes.append(otro)
        vistos.update({obj.sucesor_id, obj.sucesor_datos_id} - {None})
        return list(OrganismoGarante.objects.filter(pk__in=vistos - {obj.pk}))

    def to_document(self, obj):
        cuentas = cuentas_publicas(obj)
        partes = [obj.get_tipo_display()]
        if obj.entidad_id:
            partes.append(obj.entidad.nombre)
        estado = self.estado_hoy(obj)
        partes.append(str(OrganismoGarante.Estado(estado).label))
        lineas, aviso = self.lineas_hoy(obj)
        body = [
            *lineas,
            f"Entidad: {obj.entidad.nombre if obj.entidad_id else 'Federal'}.",
            f"Estado: {OrganismoGarante.Estado(estado).label}.",
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
            "estado": estado,
            # Shown in its result: who answers today for a body that no longer does.
            "aviso": aviso,
            # Where and for which right it answers today («veracruz:datos»): a question about a
            # state and a right ranks it first.
            "atiende": [
                hoy.clave_atencion(lugar, derecho)
                for derecho, lugares in self.atencion(obj).atiende.items()
                for lugar in lugares
            ],
            # What people call a guarantor whatever its official name says.
            "palabras": "instituto de transparencia" if obj.tipo != obj.Tipo.INTEGRANTE else "",
        }


def documents():
    return [OrganismoDocument]
