"""What every agreement plugin shares, so that a lifecycle or open-data fix is made once.

An agreement plugin (``plugins.alianzas``, ``plugins.medios``…) declares its agreement model
on :class:`ConvenioBase` and its signed documents on :class:`DocumentoConvenioBase`, uses
:class:`ConvenioFormBase` as the admin form and keeps only what differs: its own parties,
its own fields and its own validation of who signs. Built on :mod:`cms.ciclo` (states,
transitions, dates and history).

Here, besides the models and the form:

- :class:`RegionQuerySet`: ``de_region(region)``, the records of a regional site (every
  region's on the national site);
- :func:`puede_publicar`: who may move an agreement to a public state or cancel it;
- :func:`conceder_publicar`: the coordination's permission to publish, for the plugin's
  ``bootstrap`` callable (pages are placed with :func:`cms.plugin_pages.colocar_pagina`);
- :func:`registro_de` and :func:`documentos_de`: the foreign keys of the plugin's history
  and signed-document models, so that each is declared in two lines;
- open-data helpers: :class:`FiltroInvalido`, :func:`leer_region`, :func:`leer_opciones`
  (every filter of a page, API and CSV), :func:`iso`, :func:`convenio_a_dict`,
  :func:`consulta_de_datos` (what ``cms.api.publicar`` serves) and :class:`PaginasPorRegion`
  (each region's live page and the URLs of its records).

Admin pieces (the state-change view, listing filters and export columns) live in
:mod:`cms.convenios_admin`, which only admin modules import.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from regiones.hoy import fecha_larga
from regiones.models import Region

from .ciclo import ESTADOS_INTERNOS, CicloFormMixin, CicloMixin, CicloQuerySet, Estado
from .permissions import RegionScopedForm

NOMBRE_RED = "Sistema Nacional de Transparencia"

#: How every plugin's agreements are named in search (``search.documents.SearchDocument``).
TIPO_BUSQUEDA = {
    "kind": "convenio",
    "kind_label": "Convenio",
    "kind_words": "convenio convenios acuerdo de colaboración",
}

#: The state an agreement is searched by (``search/data/tipos.json``, ``_estados``): in
#: force, signed and not yet in force, or ended (by its parties or by its term).
ESTADO_BUSQUEDA = {
    Estado.FIRMADO: "convenio_firmado",
    Estado.VIGENTE: "convenio_vigente",
    Estado.CONCLUIDO: "convenio_concluido",
    Estado.VENCIDO: "convenio_vencido",
}


# --- Querysets ----------------------------------------------------------------------------


class RegionQuerySet(models.QuerySet):
    """For records with a ``region`` foreign key."""

    def de_region(self, region):
        """A regional site's records; the national site's (or no site's) cover every region."""
        if region is None or region.es_nacional:
            return self
        return self.filter(region=region)


class ConvenioQuerySet(RegionQuerySet, CicloQuerySet):
    """Lifecycle filters (``publicos()``, ``en_curso()``…) and ``de_region()``."""


# --- Models -------------------------------------------------------------------------------


class ContraparteBase(ClusterableModel):
    """Who agreements are signed with (an organization, an official outlet): an inventory
    entry with its name, acronym, web site, sources and the institutional contact, which is
    for the network's internal use and never published."""

    nombre = models.CharField(_("nombre"), max_length=255, unique=True)
    siglas = models.CharField(_("siglas"), max_length=60, blank=True)
    sitio_web = models.URLField(_("sitio web"), max_length=500, blank=True)
    contacto = models.TextField(
        _("contacto institucional"),
        blank=True,
        help_text=_(
            "Área, correo o teléfono institucional (no datos personales). Uso interno de la "
            "red: no se publica."
        ),
    )
    fuente = models.TextField(_("fuentes"), blank=True, help_text=_("URL separadas por « | »."))
    notas = models.TextField(_("notas"), blank=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    #: The first panels of its edit form (the concrete model has a ``tipo``: its kind) and
    #: the last ones.
    panels_iniciales = [
        FieldPanel("nombre"),
        FieldRowPanel([FieldPanel("siglas"), FieldPanel("tipo")]),
    ]
    panels_finales = [FieldPanel("contacto"), FieldPanel("fuente"), FieldPanel("notas")]

    @staticmethod
    def paneles(*propios):
        """Its edit form: name, acronym and kind, the plugin's own panels, then contact,
        sources and notes. A field name is its ``FieldPanel``, a tuple of names one row."""

        def panel(p):
            if isinstance(p, str):
                return FieldPanel(p)
            if isinstance(p, tuple):
                return FieldRowPanel([FieldPanel(nombre) for nombre in p])
            return p

        propios = [panel(p) for p in propios]
        return [*ContraparteBase.panels_iniciales, *propios, *ContraparteBase.panels_finales]

    class Meta:
        abstract = True
        ordering = ["nombre"]

    def __str__(self):
        return f"{self.nombre} ({self.siglas})" if self.siglas else self.nombre

    def lista_fuentes(self):
        return [u.strip() for u in self.fuente.split("|") if u.strip()]


class ConvenioBase(CicloMixin, ClusterableModel):
    """An agreement: title, purpose, responsible region, the organismos garantes that sign,
    whether the network itself signs, internal comments, and the shared lifecycle.

    Related names carry the plugin's app label (``convenios_alianzas``), so two plugins'
    agreements never clash on ``Region`` or ``OrganismoGarante``. The concrete model adds
    its own parties and fields, its ``Meta.permissions`` (``publicar_<model>``) and a
    history model (see :mod:`cms.ciclo`).
    """

    titulo = models.CharField(_("título"), max_length=300)
    objeto = models.TextField(_("objeto"), help_text=_("Para qué se firma, en lenguaje claro."))
    region = models.ForeignKey(
        "regiones.Region",
        verbose_name=_("región responsable"),
        on_delete=models.PROTECT,
        related_name="convenios_%(app_label)s",
    )
    organismos = ParentalManyToManyField(
        "regiones.OrganismoGarante",
        verbose_name=_("organismos garantes que firman"),
        blank=True,
        related_name="convenios_%(app_label)s",
    )
    incluye_red = models.BooleanField(
        _("la red (SNT) es parte"),
        default=False,
        help_text=_("Márquelo si el Sistema Nacional firma como tal."),
    )
    comentarios_internos = models.TextField(
        _("comentarios internos"), blank=True, help_text=_("Solo para la red: nunca se publican.")
    )
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = ConvenioQuerySet.as_manager()

    #: The last panels of its edit form: signed documents and internal comments.
    panels_finales = [
        InlinePanel("documentos", heading=_("Documentos firmados"), label=_("Documento")),
        FieldPanel("comentarios_internos"),
    ]

    class Meta:
        abstract = True
        ordering = ["-fecha_firma", "-pk"]

    @staticmethod
    def panel_fechas(*propias):
        """The «Fechas» panel of its edit form: signature, term, then the plugin's rows."""
        vigencia = FieldRowPanel([FieldPanel("vigencia_inicio"), FieldPanel("vigencia_fin")])
        return MultiFieldPanel([FieldPanel("fecha_firma"), vigencia, *propias], heading=_("Fechas"))

    def __str__(self):
        return self.titulo

    def partes(self):
        """Names of every party (the network, then the organismos garantes), for listings
        and open data. A plugin with more kinds of parties extends the list."""
        nombres = [NOMBRE_RED] if self.incluye_red else []
        return nombres + [str(o.siglas or o.nombre) for o in self.organismos.all()]

    def al_transicionar(self, entrada):
        """Every state change is in the admin log as ``<plugin>.cambio_estado``."""
        from wagtail.log_actions import log

        log(
            self,
            f"{self._meta.app_label}.cambio_estado",
            user=entrada.usuario,
            data={
                "anterior": entrada.estado_anterior,
                "nuevo": entrada.estado_nuevo,
                "comentario": entrada.comentario,
            },
        )


class DocumentoConvenioBase(Orderable):
    """A signed document of an agreement. The concrete model adds
    ``convenio = documentos_de(<its agreement model>)``."""

    documento = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("documento"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    descripcion = models.CharField(
        _("descripción"), max_length=255, blank=True, help_text=_("Por ejemplo «Convenio firmado».")
    )

    panels = [FieldPanel("documento"), FieldPanel("descripcion")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("documento firmado")
        verbose_name_plural = _("documentos firmados")

    def __str__(self):
        return self.descripcion or self.documento.title


def permiso_publicar(model_name, plural):
    """``Meta.permissions`` of an agreement model: ``publicar_<model_name>``, to move its
    agreements (``plural``) to public states or cancel them (see :func:`puede_publicar`)."""
    texto = _("Puede pasar %(plural)s a estados públicos (firmado, vigente…) o cancelarlos")
    return [(f"publicar_{model_name}", texto % {"plural": plural})]


def registro_de(model):
    """``registro`` of the agreement's history model (a :class:`cms.ciclo.HistorialCicloBase`)."""
    return models.ForeignKey(
        model, verbose_name=_("convenio"), on_delete=models.CASCADE, related_name="historial"
    )


def documentos_de(model):
    """``convenio`` of the agreement's signed-document model (a :class:`DocumentoConvenioBase`)."""
    return ParentalKey(model, on_delete=models.CASCADE, related_name="documentos")


# --- Who may publish, and the admin form ----------------------------------------------------


def puede_publicar(model, user, convenio=None):
    """Whether the user may move agreements of ``model`` to public states or cancel them
    (regional coordinations in their region, the national coordination everywhere)."""
    from wagtail.permissions import policy_registry

    if user is None:
        return False
    policy = policy_registry.get_by_type(model)
    if convenio is not None and convenio.region_id:
        return policy.user_has_permission_for_instance(user, "publicar", convenio)
    return policy.user_has_permission(user, "publicar")


class ConvenioFormBase(CicloFormMixin, RegionScopedForm):
    """Region-scoped; the state is chosen on creation only, and the public states only by
    those who may publish (coordinations). Subclasses say who must sign in
    :meth:`validar_partes`."""

    def estados_de_alta(self, user):
        if puede_publicar(self._meta.model, user):
            return [e for e in Estado.values if e != Estado.CANCELADO]
        return [e for e in ESTADOS_INTERNOS if e != Estado.CANCELADO]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            estado = cleaned.get("estado")
            if estado and estado not in self.estados_de_alta(self._scope_user):
                self.add_error(
                    "estado",
                    _("Solo la coordinación puede registrar un convenio en «%(estado)s».")
                    % {"estado": Estado(estado).label},
                )
        self.validar_partes(cleaned)
        return cleaned

    def validar_partes(self, cleaned):
        """Raise ValidationError when the parties chosen cannot sign an agreement."""


# --- Page placement and permissions (for the plugin's bootstrap) ---------------------------


def permisos_de(model, acciones):
    """The ``<action>_<model>`` permissions of a model."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(model)
    codenames = [f"{accion}_{model._meta.model_name}" for accion in acciones]
    return list(Permission.objects.filter(content_type=ct, codename__in=codenames))


def conceder_publicar(region, model):
    """The region's coordination may publish ``model``'s agreements: everywhere for the
    national coordination, on its own site (``GroupSitePermission``) for a regional one."""
    from wagtail.models import GroupSitePermission

    grupo = region.grupo_coordinacion
    if grupo is None:
        return
    publicar = permisos_de(model, ["publicar"])
    if region.es_nacional:
        grupo.permissions.add(*publicar)
    elif region.site_id:
        for permiso in publicar:
            GroupSitePermission.objects.get_or_create(
                group=grupo, site=region.site, permission=permiso
            )


# --- Open data ----------------------------------------------------------------------------


class FiltroInvalido(ValueError):
    """A filter value that does not exist; the message is written for the public."""


def valores(opciones):
    return ", ".join(str(v) for v in opciones)


def leer_region(params):
    """The region named by ``?region=<slug>``, or None when absent. Raises FiltroInvalido
    with the valid slugs when it does not exist."""
    slug = params.get("region", "").strip()
    if not slug:
        return None
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        slugs = valores(Region.objects.order_by("orden").values_list("slug", flat=True))
        raise FiltroInvalido(f"La región «{slug}» no existe. Valores válidos: {slugs}.")
    return region


def leer_opciones(params, campos, opciones):
    """Validated filters from a query string: ``region`` (a region's slug) and each field of
    ``opciones``, ``{field: (valid values, "El tipo")}``, that ``campos`` names; unknown
    parameters are ignored. The second item may instead be a function(value) returning the
    message. Raises FiltroInvalido, written for the public, for a value that is not valid."""
    filtros = {}
    if "region" in campos and (region := leer_region(params)) is not None:
        filtros["region"] = region
    for campo, (validos, nombre) in opciones.items():
        valor = params.get(campo, "").strip() if campo in campos else ""
        if not valor:
            continue
        if valor not in validos:
            if callable(nombre):
                raise FiltroInvalido(nombre(valor))
            raise FiltroInvalido(
                f"{nombre} «{valor}» no existe. Valores válidos: {valores(validos)}."
            )
        filtros[campo] = valor
    return filtros


def consulta_de_datos(conjunto, leer_filtros, registros, fila):
    """The query ``cms.api.publicar`` serves for a plugin's open data (``/api/v1/…`` and its
    CSV): the filters of the request (a bad one answers 400), the records ``registros(filtros)``
    and each record's row, ``fila(request)(record)`` cut to the fields of ``conjunto``."""
    from . import api

    def consulta(request):
        try:
            filtros = leer_filtros(request.GET)
        except FiltroInvalido as exc:
            raise api.ParametroInvalido(str(exc)) from None
        datos_de = fila(request)

        def serializar(registro):
            datos = datos_de(registro)
            return {c.nombre: datos.get(c.nombre) for c in conjunto.campos}

        return registros(filtros), serializar

    return consulta


def publicar_datos(conjunto, resumen, leer_filtros, registros, fila):
    """A plugin's open data through ``cms.api.publicar``: the JSON list at
    ``/api/v1/<conjunto.nombre>`` and its CSV, from :func:`consulta_de_datos`. Its query
    parameters are the fields ``leer_filtros`` reads by default (its ``campos``), documented
    with the dataset's description and values of each (the regions' slugs for ``region``).
    Returns the two views for the URLconf."""
    import inspect

    from . import api

    campos = {c.nombre: c for c in conjunto.campos}

    def valores_de(campo):
        return lambda: list(campo.valores)

    parametros = {
        nombre: (
            campos[nombre].descripcion,
            api.valores_region if nombre == "region" else valores_de(campos[nombre]),
        )
        for nombre in inspect.signature(leer_filtros).parameters["campos"].default
    }
    return api.publicar(
        conjunto,
        f"/api/v1/{conjunto.nombre}",
        consulta_de_datos(conjunto, leer_filtros, registros, fila),
        resumen=resumen,
        etiqueta=conjunto.nombre.capitalize(),
        parametros=parametros,
    )


def convenios_publicos_de(model, label, region_sitio=None):
    """Public agreements of ``model`` for a site's region (every region's on the national
    site), with what their public pages, API and CSV read; the regions where the plugin
    ``label`` is switched off are left out. The plugin adds its own filters and relations."""
    from django.db.models import Prefetch

    from .visibilidad import en_regiones_activas

    documentos = model._meta.get_field("documentos").related_model
    queryset = en_regiones_activas(model.objects.publicos().de_region(region_sitio), label)
    return (
        queryset.select_related("region")
        .prefetch_related(
            "organismos",
            Prefetch(
                "documentos",
                queryset=documentos.objects.select_related("documento").order_by(
                    "sort_order", "pk"
                ),
            ),
        )
        .order_by("-fecha_firma", "titulo", "pk")
    )


def contexto_de_convenio(convenios, pk, *relaciones):
    """The context of an agreement's public page: the agreement ``pk`` among ``convenios``
    (None when it is not there: the page answers 404), its signing organismos garantes,
    the plugin's ``relaciones`` and its signed documents, each as a list."""
    convenio = convenios.filter(pk=pk).first()
    if convenio is None:
        return None
    nombres = ("organismos", *relaciones, "documentos")
    return {"convenio": convenio, **{n: list(getattr(convenio, n).all()) for n in nombres}}


def iso(fecha):
    return fecha.isoformat() if fecha else None


def convenio_a_dict(convenio, url=""):
    """The public fields every agreement has. Never the internal comments or the history;
    the plugin adds its own fields."""
    return {
        "id": convenio.pk,
        "titulo": convenio.titulo,
        "objeto": convenio.objeto,
        "estado": convenio.estado,
        "region": convenio.region.slug,
        "fecha_firma": iso(convenio.fecha_firma),
        "vigencia_inicio": iso(convenio.vigencia_inicio),
        "vigencia_fin": iso(convenio.vigencia_fin),
        "partes": {
            "incluye_red": convenio.incluye_red,
            "organismos": [o.clave for o in convenio.organismos.all()],
        },
        "url": url,
    }


def _vigencia_en_palabras(convenio):
    """«Vigencia: del 1 de marzo de 2025 al 28 de febrero de 2027.», as far as it is known."""
    inicio, fin = convenio.vigencia_inicio, convenio.vigencia_fin
    if inicio and fin:
        return f"Vigencia: del {fecha_larga(inicio)} al {fecha_larga(fin)}."
    if inicio:
        return f"Vigencia: desde el {fecha_larga(inicio)}."
    if fin:
        return f"Vigencia: hasta el {fecha_larga(fin)}."
    return ""


def documento_de_busqueda(convenio, url, summary, body):
    """The fields of an agreement's search document (``to_document``): its state (in
    force, ended…), which a question asking for it ranks first, and its term in the body."""
    vigencia = _vigencia_en_palabras(convenio)
    return {
        "kind": TIPO_BUSQUEDA["kind"],
        "estado": ESTADO_BUSQUEDA.get(convenio.estado, ""),
        "title": convenio.titulo,
        "summary": summary,
        "body": "\n".join([*body, vigencia] if vigencia else body),
        "region": convenio.region.slug,
        "url": url,
        "date": (convenio.fecha_firma or convenio.actualizado.date()).isoformat(),
        "organismos": [o.siglas or o.nombre for o in convenio.organismos.all()],
    }


def documento_de_contraparte(obj, summary, cuerpo, **campos):
    """The fields of a counterpart's search document (``to_document``): its acronym, the
    plugin's ``cuerpo`` lines and its web site as the body; ``campos`` adds ``kind``,
    ``region``, ``url`` and whatever else the plugin indexes. Never the contact."""
    body = [f"Siglas: {obj.siglas}."] if obj.siglas else []
    body += cuerpo
    if obj.sitio_web:
        body.append(f"Sitio web: {obj.sitio_web}")
    return {
        "title": str(obj),
        "summary": summary,
        "body": "\n".join(body),
        "date": obj.actualizado.date().isoformat(),
        **campos,
    }


class BusquedaConvenioMixin:
    """What an agreement plugin's search document (a ``search.documents.SearchDocument``)
    shares: the kind, the region and the public agreements only. The plugin sets ``model``,
    ``paginas_class`` (its :class:`PaginasPorRegion`), ``publicos`` (a function returning
    its public agreements) and writes ``to_document`` with :func:`documento_de_busqueda`."""

    kind, kind_label, kind_words = TIPO_BUSQUEDA.values()
    region_lookup = "region"
    paginas_class = None
    publicos = None

    def __init__(self):
        self.paginas = self.paginas_class()

    def get_queryset(self):
        return type(self).publicos()


class PaginasPorRegion:
    """The live page of ``page_model`` on each region's site (none where the plugin
    ``label`` is switched off), looked up once per instance; and the URLs of its
    routable subpages."""

    page_model = None
    label = None

    def __init__(self):
        self._paginas = {}

    def para_region(self, region):
        from .plugins import is_enabled_for_region
        from .visibilidad import paginas_publicas

        if region is None:
            return None
        if region.pk not in self._paginas:
            pagina = None
            if region.site_id and is_enabled_for_region(self.label, region):
                pagina = paginas_publicas(
                    self.page_model.objects.child_of(region.site.root_page)
                ).first()
            self._paginas[region.pk] = pagina
        return self._paginas[region.pk]

    def nacional(self):
        return self.para_region(Region.objects.filter(tipo=Region.Tipo.NACIONAL).first())

    def de_region_o_nacional(self, region):
        """On the record's region's site; on the national site when the region has none."""
        return self.para_region(region) or self.nacional()

    def url(self, pagina, ruta, kwargs, request=None, completa=False):
        if pagina is None:
            return ""
        base = pagina.get_full_url(request) if completa else pagina.get_url(request)
        if not base:
            return ""
        return base.rstrip("/") + "/" + pagina.reverse_subpage(ruta, kwargs=kwargs).lstrip("/")

    def url_convenio(self, convenio, request=None, completa=False):
        pagina = self.de_region_o_nacional(convenio.region)
        return self.url(pagina, "convenio", {"pk": convenio.pk}, request, completa)
