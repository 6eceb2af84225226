from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index

from .blocks import CuerpoBlock, DocumentoBlock, EnlaceBlock
from .feeds import ConFeeds
from .fields import OpcionesMultiplesField
from .formularios import AdminModelForm, AdminPageForm
from .zonas import OPCIONES as ZONAS_HORARIAS
from .zonas import EventoForm, ZonaHorariaMixin

POR_PAGINA = 10


def paginar(request, queryset, por_pagina=POR_PAGINA, parametro="pagina"):
    """A page of results; a missing or wrong page number gives the first or last page."""
    return Paginator(queryset, por_pagina).get_page(request.GET.get(parametro))


def organismos_de_la_region(page):
    """Limit the institutions offered in a page's form to the page's region (all for national)."""
    from regiones.models import OrganismoGarante, Region

    site = page.get_site() if page and page.pk else None
    return OrganismoGarante.objects.de_region(Region.for_site(site))


def con_paginas_especificas(propuestas):
    """The proposals with their pages already specific: one query per page type, not one
    per proposal (the cards read ``propuesta.pagina.specific``)."""
    propuestas = list(propuestas)
    paginas = Page.objects.filter(pk__in=[p.pagina_id for p in propuestas]).specific().in_bulk()
    for propuesta in propuestas:
        if propuesta.pagina_id in paginas:
            propuesta.pagina = paginas[propuesta.pagina_id]
    return propuestas


# --------------------------------------------------------------------------------------------
# Home and basic pages
# --------------------------------------------------------------------------------------------


class HomePage(RoutablePageMixin, Page):
    """The root of one editorial site tree: the national coordination's or a region's."""

    base_form_class = AdminPageForm

    introduccion = models.TextField(_("introducción"), blank=True)
    cuerpo = StreamField(CuerpoBlock(), verbose_name=_("cuerpo"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduccion"),
        FieldPanel("cuerpo"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduccion"),
        index.SearchField("cuerpo"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("página de inicio")
        verbose_name_plural = _("páginas de inicio")

    @cached_property
    def region(self):
        """The region whose site this home (or its translation in another language) roots."""
        from regiones.models import Region

        return Region.objects.filter(site__root_page__translation_key=self.translation_key).first()

    @property
    def localized_draft(self):
        """Wagtail's, with the active language's Locale remembered per page-cache generation
        (Wagtail's routing starts from ``site.root_page.localized``: one query per request)."""
        from django.conf import settings
        from wagtail.models import Locale

        from .cache import memo
        from .traducciones.idiomas import locale_activo

        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return self
        try:
            locale = locale_activo() or memo("locale-por-defecto", Locale.get_default)
        except (LookupError, Locale.DoesNotExist):
            return self
        if locale.id == self.locale_id:
            return self
        return self.get_translation_or_none(locale) or self

    def route(self, request, path_components):
        """Serve the tree of the request's language, only if the region's site offers it.

        Wagtail routes from ``site.root_page.localized``, which falls back to Spanish when the
        home has no live translation: /en/… would then serve Spanish pages. Here a language
        the site does not offer, or has no home translation for, is a 404; a draft home in that
        language still routes to its published children.
        """
        from .cache import remembered_route

        return remembered_route(self, request, path_components, self._route)

    def _route(self, request, path_components):
        from .traducciones.idiomas import locale_activo

        locale = locale_activo()
        region = self.region
        if locale is None or (region is not None and not region.ofrece(locale)):
            raise Http404
        if locale.pk != self.locale_id:
            traduccion = self.get_translation_or_none(locale)
            if traduccion is None:
                raise Http404
            return traduccion.specific.route(request, path_components)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from .visibilidad import paginas_publicas as publicas

        hoy = timezone.localdate()
        ahora = timezone.now()
        context["region"] = self.region
        context["noticias_recientes"] = publicas(Noticia.objects.descendant_of(self)).order_by(
            "-fecha", "-pk"
        )[:3]
        context["eventos_proximos"] = (
            publicas(Evento.objects.descendant_of(self))
            .filter(fin__gte=ahora)
            .order_by("inicio")[:3]
        )
        context["convocatorias_abiertas"] = (
            publicas(Convocatoria.objects.descendant_of(self))
            .filter(fecha_apertura__lte=hoy, fecha_cierre__gte=hoy)
            .order_by("fecha_cierre")[:3]
        )
        context["indices"] = {
            p.slug: p for p in publicas(self.get_children()).filter(slug__in=INDICES)
        }
        if self.region and self.region.es_nacional:
            from .curaduria import PropuestaRed

            context["desde_las_regiones"] = con_paginas_especificas(
                PropuestaRed.objects.vigentes()[:6]
            )
        return context

    @path("desde-las-regiones/")
    def desde_las_regiones(self, request):
        """What the national coordination curated from the regions (national site only)."""
        if not (self.region and self.region.es_nacional):
            raise Http404

        propuestas = paginar(request, PropuestaRed.objects.vigentes())
        propuestas.object_list = con_paginas_especificas(propuestas.object_list)
        return self.render(
            request,
            context_overrides={"propuestas": propuestas},
            template="cms/desde_las_regiones.html",
        )


class PaginaBasica(Page):
    """A plain page (about us, privacy notice, contact)."""

    base_form_class = AdminPageForm

    introduccion = models.TextField(_("introducción"), blank=True)
    cuerpo = StreamField(CuerpoBlock(), verbose_name=_("cuerpo"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduccion"), FieldPanel("cuerpo")]
    search_fields = Page.search_fields + [
        index.SearchField("introduccion"),
        index.SearchField("cuerpo"),
    ]

    class Meta:
        verbose_name = _("página básica")
        verbose_name_plural = _("páginas básicas")


# --------------------------------------------------------------------------------------------
# Shared pieces of the content pages
# --------------------------------------------------------------------------------------------


class ImagenPrincipalMixin(models.Model):
    """A lead image and its alternative text. The image's own alt text (its description,
    required at upload) is the default; ``texto_alternativo`` overrides it on this page only,
    so the text is asked once."""

    imagen_principal = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("imagen principal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    texto_alternativo = models.CharField(
        _("texto alternativo"),
        max_length=250,
        blank=True,
        help_text=_(
            "Opcional: déjalo vacío para usar el texto alternativo de la imagen. Escríbelo solo "
            "si en esta página la imagen debe describirse de otra manera."
        ),
    )

    imagen_panels = [
        MultiFieldPanel(
            [FieldPanel("imagen_principal"), FieldPanel("texto_alternativo")],
            heading=_("Imagen principal"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def alt_imagen(self):
        """The lead image's alt text on this page: the page's override, else the image's."""
        propio = (self.texto_alternativo or "").strip()
        if propio or not self.imagen_principal_id:
            return propio
        return (getattr(self.imagen_principal, "description", "") or "").strip()

    def errores_imagen(self):
        if self.imagen_principal_id and not self.alt_imagen:
            return {
                "texto_alternativo": _(
                    "Escribe el texto alternativo de la imagen: describe lo que muestra "
                    "para que todas las personas puedan entenderla."
                )
            }
        return {}


def validar(errores):
    if errores:
        raise ValidationError(errores)


# --------------------------------------------------------------------------------------------
# Index pages: one of each under every site's home
# --------------------------------------------------------------------------------------------


class IndiceBase(RoutablePageMixin, Page):
    """A listing of one content type, directly under a site's home."""

    base_form_class = AdminPageForm

    introduccion = models.TextField(_("introducción"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduccion")]
    parent_page_types = ["cms.HomePage"]
    max_count_per_parent = 1
    # Shown when the listing is empty; written for citizens.
    vacio = ""
    # Search ranks a listing below the content it lists.
    search_listing = True

    class Meta:
        abstract = True

    @classmethod
    def modelo_hijo(cls):
        from django.apps import apps

        return apps.get_model(cls.subpage_types[0])

    def hijos(self):
        from .visibilidad import paginas_publicas

        return paginas_publicas(self.modelo_hijo().objects.child_of(self))


class NoticiaIndex(ConFeeds, IndiceBase):
    subpage_types = ["cms.Noticia"]
    vacio = _("Por ahora no hay noticias publicadas. Vuelve pronto.")

    class Meta:
        verbose_name = _("índice de noticias")
        verbose_name_plural = _("índices de noticias")

    def noticias(self):
        return self.hijos().order_by("-fecha", "-first_published_at")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        noticias = self.noticias()
        tema = request.GET.get("tema")
        if tema:
            noticias = noticias.filter(temas__slug=tema)
            context["tema"] = tema
        context["noticias"] = paginar(request, noticias)
        return context


class EventoIndex(ConFeeds, IndiceBase):
    subpage_types = ["cms.Evento"]
    vacio = _("Por ahora no hay eventos próximos. Vuelve pronto o consulta los eventos pasados.")

    class Meta:
        verbose_name = _("índice de eventos")
        verbose_name_plural = _("índices de eventos")

    def proximos(self):
        return self.hijos().filter(fin__gte=timezone.now()).order_by("inicio")

    def pasados(self):
        return self.hijos().filter(fin__lt=timezone.now()).order_by("-inicio")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["proximos"] = paginar(request, self.proximos())
        context["hay_pasados"] = self.pasados().exists()
        return context

    @path("pasados/")
    def eventos_pasados(self, request):
        return self.render(
            request,
            context_overrides={"pasados": paginar(request, self.pasados())},
            template="cms/evento_index_pasados.html",
        )

    def url_calendario(self):
        return f"{self.url}calendario.ics"

    @path("calendario.ics/")
    def calendario(self, request):
        from .ics import calendario_response

        eventos = self.hijos().order_by("inicio")
        site = self.get_site()
        nombre = site.site_name if site else self.title
        return calendario_response(
            eventos, request, nombre=f"{self.title} · {nombre}", archivo="calendario.ics"
        )


class ConvocatoriaIndex(ConFeeds, IndiceBase):
    subpage_types = ["cms.Convocatoria"]
    vacio = _(
        "Por ahora no hay convocatorias abiertas. Vuelve pronto o revisa las próximas y las "
        "que ya cerraron."
    )

    class Meta:
        verbose_name = _("índice de convocatorias")
        verbose_name_plural = _("índices de convocatorias")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        hoy = timezone.localdate()
        todas = self.hijos()
        context["abiertas"] = todas.filter(fecha_apertura__lte=hoy, fecha_cierre__gte=hoy).order_by(
            "fecha_cierre"
        )
        context["proximas"] = todas.filter(fecha_apertura__gt=hoy).order_by("fecha_apertura")
        context["cerradas"] = paginar(
            request, todas.filter(fecha_cierre__lt=hoy).order_by("-fecha_cierre")
        )
        return context


class HistoriaIndex(IndiceBase):
    subpage_types = ["cms.HistoriaExito"]
    vacio = _("Pronto compartiremos historias de personas que usaron su derecho a saber.")

    class Meta:
        verbose_name = _("índice de historias de éxito")
        verbose_name_plural = _("índices de historias de éxito")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        historias = (
            self.hijos()
            .select_related("entidad", "organismo", "imagen_principal")
            .prefetch_related("imagen_principal__renditions")
            .order_by("-first_published_at")
        )
        context["historias"] = paginar(request, historias)
        return context


class RecursoIndex(IndiceBase):
    subpage_types = ["cms.Recurso"]
    vacio = _("Por ahora no hay recursos publicados. Vuelve pronto.")

    class Meta:
        verbose_name = _("índice de recursos")
        verbose_name_plural = _("índices de recursos")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        recursos = self.hijos().order_by("title")
        tipo = request.GET.get("tipo")
        if tipo in Recurso.Tipo.values:
            recursos = recursos.filter(tipo=tipo)
            context["tipo"] = tipo
        context["tipos"] = Recurso.Tipo.choices
        context["recursos"] = paginar(request, recursos)
        return context


class CampanaIndex(IndiceBase):
    subpage_types = ["cms.Campana"]
    vacio = _("Por ahora no hay campañas publicadas. Vuelve pronto.")

    class Meta:
        verbose_name = _("índice de campañas")
        verbose_name_plural = _("índices de campañas")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campanas"] = paginar(request, self.hijos().order_by("-inicio", "title"))
        return context


# slug -> model of the index pages that every site's home has
INDICES = {
    "noticias": NoticiaIndex,
    "eventos": EventoIndex,
    "convocatorias": ConvocatoriaIndex,
    "historias": HistoriaIndex,
    "recursos": RecursoIndex,
    "campanas": CampanaIndex,
}
TITULOS_INDICES = {
    "noticias": _("Noticias"),
    "eventos": _("Eventos"),
    "convocatorias": _("Convocatorias"),
    "historias": _("Historias de éxito"),
    "recursos": _("Recursos"),
    "campanas": _("Campañas"),
}


# --------------------------------------------------------------------------------------------
# Content pages
# --------------------------------------------------------------------------------------------


class TemaNoticia(TaggedItemBase):
    content_object = ParentalKey(
        "cms.Noticia", on_delete=models.CASCADE, related_name="temas_etiquetados"
    )

    class Meta:
        verbose_name = _("tema de la noticia")
        verbose_name_plural = _("temas de las noticias")


class Noticia(ImagenPrincipalMixin, Page):  # noqa: DJ008 (Page has __str__)
    base_form_class = AdminPageForm

    fecha = models.DateField(_("fecha"), default=timezone.localdate)
    entrada = models.TextField(
        _("entrada"), help_text=_("Uno o dos enunciados que resumen la noticia.")
    )
    cuerpo = StreamField(CuerpoBlock(), verbose_name=_("cuerpo"), blank=True)
    temas = ClusterTaggableManager(
        verbose_name=_("temas"),
        through=TemaNoticia,
        blank=True,
        help_text=_(
            "Por ejemplo: transparencia, acceso a la información, datos personales, "
            "gobierno abierto."
        ),
    )
    organismos = ParentalManyToManyField(
        "regiones.OrganismoGarante",
        verbose_name=_("organismos involucrados"),
        blank=True,
        related_name="noticias",
    )

    content_panels = (
        Page.content_panels
        + [FieldPanel("fecha"), FieldPanel("entrada")]
        + ImagenPrincipalMixin.imagen_panels
        + [FieldPanel("cuerpo"), FieldPanel("temas"), FieldPanel("organismos")]
    )
    search_fields = Page.search_fields + [
        index.SearchField("entrada"),
        index.SearchField("cuerpo"),
        index.FilterField("fecha"),
    ]
    parent_page_types = ["cms.NoticiaIndex"]
    subpage_types = []

    class Meta:
        verbose_name = _("noticia")
        verbose_name_plural = _("noticias")

    def search_date(self):
        return self.fecha

    def clean(self):
        super().clean()
        validar(self.errores_imagen())


class Evento(ZonaHorariaMixin, RoutablePageMixin, ImagenPrincipalMixin, Page):  # noqa: DJ008 (Page has __str__)
    class Tipo(models.TextChoices):
        CONFERENCIA = "conferencia", _("Conferencia")
        TALLER = "taller", _("Taller")
        CONVERSATORIO = "conversatorio", _("Conversatorio")
        CONGRESO = "congreso", _("Congreso")
        CAPACITACION = "capacitacion", _("Capacitación")

    class Modalidad(models.TextChoices):
        PRESENCIAL = "presencial", _("Presencial")
        VIRTUAL = "virtual", _("Virtual")
        HIBRIDA = "hibrida", _("Híbrida")

    class Publico(models.TextChoices):
        CIUDADANIA = "ciudadania", _("Ciudadanía")
        PERIODISTAS = "periodistas", _("Periodistas")
        PERSONAS_SERVIDORAS = "personas_servidoras_publicas", _("Personas servidoras públicas")
        ESTUDIANTES = "estudiantes", _("Estudiantes")

    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    inicio = models.DateTimeField(
        _("inicio"), help_text=_("Hora local del evento, en su zona horaria.")
    )
    fin = models.DateTimeField(_("fin"), help_text=_("Hora local del evento, en su zona horaria."))
    zona_horaria = models.CharField(
        _("zona horaria"),
        max_length=40,
        blank=True,
        choices=ZONAS_HORARIAS,
        help_text=_(
            "Dónde ocurre el evento: las horas de inicio y fin se escriben y se muestran en esta "
            "zona. Si la deja vacía, se toma la de la entidad de la institución que organiza "
            "(hora del centro si no hay)."
        ),
    )
    modalidad = models.CharField(_("modalidad"), max_length=20, choices=Modalidad.choices)
    sede = models.TextField(
        _("sede"), blank=True, help_text=_("Lugar y dirección. Obligatoria si es presencial.")
    )
    enlace = models.URLField(
        _("enlace para conectarse"),
        max_length=500,
        blank=True,
        help_text=_("Obligatorio si es virtual o híbrida."),
    )
    publico = OpcionesMultiplesField(
        _("público"), opciones=Publico.choices, help_text=_("A quién está dirigido.")
    )
    enlace_registro = models.URLField(_("enlace de registro"), max_length=500, blank=True)
    entrada = models.TextField(_("entrada"), help_text=_("De qué trata, en uno o dos enunciados."))
    cuerpo = StreamField(CuerpoBlock(), verbose_name=_("cuerpo"), blank=True)
    organismos = ParentalManyToManyField(
        "regiones.OrganismoGarante",
        verbose_name=_("organismos que organizan"),
        blank=True,
        related_name="eventos",
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("tipo"),
            FieldPanel("zona_horaria"),
            FieldRowPanel([FieldPanel("inicio"), FieldPanel("fin")], heading=_("Cuándo")),
            MultiFieldPanel(
                [FieldPanel("modalidad"), FieldPanel("sede"), FieldPanel("enlace")],
                heading=_("Dónde"),
            ),
            FieldPanel("publico"),
            FieldPanel("enlace_registro"),
            FieldPanel("entrada"),
        ]
        + ImagenPrincipalMixin.imagen_panels
        + [FieldPanel("cuerpo"), FieldPanel("organismos")]
    )
    search_fields = Page.search_fields + [
        index.SearchField("entrada"),
        index.SearchField("sede"),
        index.SearchField("cuerpo"),
        index.FilterField("inicio"),
        index.FilterField("fin"),
    ]
    parent_page_types = ["cms.EventoIndex"]
    subpage_types = []
    base_form_class = EventoForm

    class Meta:
        verbose_name = _("evento")
        verbose_name_plural = _("eventos")

    def clean(self):
        super().clean()
        errores = self.errores_imagen()
        if self.inicio and self.fin and self.fin < self.inicio:
            errores["fin"] = _("El evento no puede terminar antes de empezar.")
        necesita_sede = self.modalidad in (self.Modalidad.PRESENCIAL, self.Modalidad.HIBRIDA)
        necesita_enlace = self.modalidad in (self.Modalidad.VIRTUAL, self.Modalidad.HIBRIDA)
        if necesita_sede and not self.sede.strip():
            errores["sede"] = _("Indica la sede: el evento es presencial o híbrido.")
        if necesita_enlace and not self.enlace:
            errores["enlace"] = _(
                "Indica el enlace para conectarse: el evento es virtual o híbrido."
            )
        validar(errores)

    @property
    def ya_paso(self):
        return self.fin < timezone.now()

    def search_date(self):
        return self.inicio

    #: The dates that change search_status(): the daily job reindexes around them.
    search_status_fields = ("fin",)

    def search_status(self):
        """«pasado» once it ended, else «proximo» (kept true by actualizar_vigencias)."""
        return "pasado" if self.ya_paso else "proximo"

    def publico_etiquetas(self):
        return self._meta.get_field("publico").etiquetas(self.publico)

    def organizadores(self):
        """The organising institutions by name: one table read, without the region and
        state joins of the institutions' default ordering."""
        return self.organismos.order_by("nombre")

    def url_ics(self):
        return f"{self.url}evento.ics"

    @path("evento.ics/")
    def ics(self, request):
        from .ics import calendario_response

        return calendario_response(
            [self], request, nombre=self.title, archivo=f"{self.slug}.ics", adjunto=True
        )


class Convocatoria(ImagenPrincipalMixin, Page):  # noqa: DJ008 (Page has __str__)
    base_form_class = AdminPageForm

    class Ambito(models.TextChoices):
        NACIONAL = "nacional", _("Nacional")
        REGIONAL = "regional", _("Regional")

    class Estado(models.TextChoices):
        PROXIMA = "proxima", _("Próxima")
        ABIERTA = "abierta", _("Abierta")
        CERRADA = "cerrada", _("Cerrada")

    fecha_apertura = models.DateField(_("fecha de apertura"))
    fecha_cierre = models.DateField(
        _("fecha de cierre"), help_text=_("Último día para participar (incluido).")
    )
    ambito = models.CharField(_("ámbito"), max_length=20, choices=Ambito.choices)
    bases = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("bases"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Documento con las bases completas de la convocatoria."),
    )
    entrada = models.TextField(_("entrada"), help_text=_("Quién puede participar y para qué."))
    cuerpo = StreamField(CuerpoBlock(), verbose_name=_("cuerpo"), blank=True)

    content_panels = (
        Page.content_panels
        + [
            FieldRowPanel(
                [FieldPanel("fecha_apertura"), FieldPanel("fecha_cierre")], heading=_("Fechas")
            ),
            FieldPanel("ambito"),
            FieldPanel("entrada"),
            FieldPanel("bases"),
        ]
        + ImagenPrincipalMixin.imagen_panels
        + [FieldPanel("cuerpo")]
    )
    search_fields = Page.search_fields + [
        index.SearchField("entrada"),
        index.SearchField("cuerpo"),
        index.FilterField("fecha_apertura"),
        index.FilterField("fecha_cierre"),
    ]
    parent_page_types = ["cms.ConvocatoriaIndex"]
    subpage_types = []

    class Meta:
        verbose_name = _("convocatoria")
        verbose_name_plural = _("convocatorias")

    def clean(self):
        super().clean()
        errores = self.errores_imagen()
        if self.fecha_apertura and self.fecha_cierre and self.fecha_cierre < self.fecha_apertura:
            errores["fecha_cierre"] = _(
                "La fecha de cierre no puede ser anterior a la de apertura."
            )
        validar(errores)

    def estado_en(self, fecha):
        """The call's state on a given local date; both dates are included in the open period."""
        if fecha < self.fecha_apertura:
            return self.Estado.PROXIMA
        if fecha > self.fecha_cierre:
            return self.Estado.CERRADA
        return self.Estado.ABIERTA

    @property
    def estado(self):
        return self.estado_en(timezone.localdate())

    search_status_fields = ("fecha_apertura", "fecha_cierre")

    def search_date(self):
        return self.fecha_apertura

    def search_status(self):
        return str(self.estado)


class HistoriaExito(ImagenPrincipalMixin, Page):  # noqa: DJ008 (Page has __str__)
    base_form_class = AdminPageForm

    class Protagonista(models.TextChoices):
        PERSONA = "persona", _("Persona")
        COMUNIDAD = "comunidad", _("Comunidad")

    protagonista = models.CharField(
        _("protagonista"),
        max_length=200,
        help_text=_("Nombre de la persona o comunidad, solo con su consentimiento."),
    )
    tipo_protagonista = models.CharField(
        _("la protagonista es"),
        max_length=20,
        choices=Protagonista.choices,
        default=Protagonista.PERSONA,
    )
    entidad = models.ForeignKey(
        "regiones.EntidadFederativa",
        verbose_name=_("entidad federativa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="historias_exito",
        help_text=_(
            "Dónde ocurrió la historia. Si la deja vacía y elige una institución, se toma la "
            "entidad de la institución."
        ),
    )
    organismo = models.ForeignKey(
        "regiones.OrganismoGarante",
        verbose_name=_("institución"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="historias_exito",
        help_text=_("El organismo garante que acompañó el caso (opcional)."),
    )
    que_pregunto = models.TextField(_("qué preguntó"))
    que_cambio = models.TextField(_("qué cambió"))
    cuerpo = StreamField(CuerpoBlock(), verbose_name=_("cuerpo"), blank=True)

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("protagonista"),
            FieldPanel("tipo_protagonista"),
            FieldRowPanel([FieldPanel("entidad"), FieldPanel("organismo")], heading=_("Dónde")),
            FieldPanel("que_pregunto"),
            FieldPanel("que_cambio"),
        ]
        + ImagenPrincipalMixin.imagen_panels
        + [FieldPanel("cuerpo")]
    )
    search_fields = Page.search_fields + [
        index.SearchField("protagonista"),
        index.SearchField("que_pregunto"),
        index.SearchField("que_cambio"),
        index.SearchField("cuerpo"),
    ]
    parent_page_types = ["cms.HistoriaIndex"]
    subpage_types = []

    class Meta:
        verbose_name = _("historia de éxito")
        verbose_name_plural = _("historias de éxito")

    def clean(self):
        super().clean()
        errores = self.errores_imagen()
        entidad_organismo = self.organismo.entidad_id if self.organismo_id else None
        if entidad_organismo and not self.entidad_id:
            self.entidad_id = entidad_organismo
        elif entidad_organismo and self.entidad_id != entidad_organismo:
            errores["organismo"] = _(
                "La institución elegida es de otra entidad federativa: corrija la entidad o "
                "la institución."
            )
        validar(errores)

    @property
    def entrada(self):
        return self.que_cambio

    @property
    def donde(self):
        """«Sonora · ISTAI»: the state and the institution's short name, as far as known."""
        partes = [self.entidad.nombre if self.entidad_id else ""]
        if self.organismo_id:
            partes.append(self.organismo.siglas or self.organismo.nombre)
        return " · ".join(p for p in partes if p)


class MaterialRecursoBlock(blocks.StreamBlock):
    documento = DocumentoBlock()
    video = EmbedBlock(label=_("Video"))
    enlace = EnlaceBlock()

    class Meta:
        label = _("Materiales")


class Recurso(Page):
    base_form_class = AdminPageForm

    class Tipo(models.TextChoices):
        MANUAL = "manual", _("Manual")
        GUIA = "guia", _("Guía")
        ABC = "abc", _("ABC")
        INFOGRAFIA = "infografia", _("Infografía")
        VIDEO = "video", _("Video")
        LENGUAJE_INCLUYENTE = "lenguaje_incluyente", _("Guía de lenguaje incluyente")
        OTRO = "otro", _("Otro")

    tipo = models.CharField(_("tipo"), max_length=30, choices=Tipo.choices)
    entrada = models.TextField(_("descripción"), help_text=_("Para qué sirve y a quién ayuda."))
    materiales = StreamField(
        MaterialRecursoBlock(),
        verbose_name=_("documentos y materiales"),
        blank=True,
    )
    cuerpo = StreamField(CuerpoBlock(), verbose_name=_("cuerpo"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("tipo"),
        FieldPanel("entrada"),
        FieldPanel("materiales"),
        FieldPanel("cuerpo"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("entrada"),
        index.SearchField("cuerpo"),
        index.FilterField("tipo"),
    ]
    parent_page_types = ["cms.RecursoIndex"]
    subpage_types = []

    class Meta:
        verbose_name = _("recurso")
        verbose_name_plural = _("recursos")


class MaterialCampanaBlock(blocks.StreamBlock):
    imagen = ImageBlock(label=_("Imagen"))
    spot = EmbedBlock(label=_("Spot o video"), help_text=_("Enlace a YouTube, Vimeo u otra."))
    documento = DocumentoBlock()
    audio = blocks.StructBlock(
        [
            ("documento", DocumentChooserBlock(label=_("Archivo de audio"))),
            ("transcripcion", blocks.TextBlock(label=_("Transcripción"))),
        ],
        label=_("Spot de radio"),
        icon="media",
        template="cms/blocks/audio.html",
    )

    class Meta:
        label = _("Materiales")


class Campana(ImagenPrincipalMixin, Page):  # noqa: DJ008 (Page has __str__)
    base_form_class = AdminPageForm

    entrada = models.TextField(_("entrada"), help_text=_("De qué trata la campaña."))
    mensajes_clave = StreamField(
        [("mensaje", blocks.TextBlock(label=_("Mensaje clave")))],
        verbose_name=_("mensajes clave"),
        blank=True,
    )
    hashtags = models.CharField(
        _("hashtags"),
        max_length=300,
        blank=True,
        help_text=_("Separados por espacios, por ejemplo: #TuDerechoASaber #DatosPersonales"),
    )
    inicio = models.DateField(_("inicio del periodo"))
    fin = models.DateField(_("fin del periodo"))
    materiales = StreamField(MaterialCampanaBlock(), verbose_name=_("materiales"), blank=True)
    cuerpo = StreamField(CuerpoBlock(), verbose_name=_("cuerpo"), blank=True)
    organismos = ParentalManyToManyField(
        "regiones.OrganismoGarante",
        verbose_name=_("organismos participantes"),
        blank=True,
        related_name="campanas",
    )
    adaptada_de = models.ForeignKey(
        "cms.Campana",
        verbose_name=_("adaptada de"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adaptaciones",
        editable=False,
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("entrada"),
            FieldRowPanel([FieldPanel("inicio"), FieldPanel("fin")], heading=_("Periodo")),
            FieldPanel("mensajes_clave"),
            FieldPanel("hashtags"),
        ]
        + ImagenPrincipalMixin.imagen_panels
        + [FieldPanel("materiales"), FieldPanel("cuerpo"), FieldPanel("organismos")]
    )
    search_fields = Page.search_fields + [
        index.SearchField("entrada"),
        index.SearchField("hashtags"),
        index.SearchField("cuerpo"),
    ]
    parent_page_types = ["cms.CampanaIndex"]
    subpage_types = []

    class Meta:
        verbose_name = _("campaña")
        verbose_name_plural = _("campañas")

    def clean(self):
        super().clean()
        errores = self.errores_imagen()
        if self.inicio and self.fin and self.fin < self.inicio:
            errores["fin"] = _("El periodo no puede terminar antes de empezar.")
        validar(errores)

    def lista_hashtags(self):
        etiquetas = []
        for palabra in self.hashtags.replace(",", " ").split():
            palabra = palabra.strip()
            if palabra and palabra != "#":
                etiquetas.append(palabra if palabra.startswith("#") else f"#{palabra}")
        return etiquetas

    @property
    def vigente(self):
        return self.inicio <= timezone.localdate() <= self.fin


# --------------------------------------------------------------------------------------------
# Site settings
# --------------------------------------------------------------------------------------------


@register_setting(icon="site")
class RedesSocialesSettings(BaseSiteSetting):
    """The institutional social accounts of one site, shown in its footer."""

    base_form_class = AdminModelForm

    facebook = models.URLField(_("Facebook"), blank=True)
    x = models.URLField(_("X (antes Twitter)"), blank=True)
    usuario_x = models.CharField(
        _("usuario de X"), max_length=50, blank=True, help_text=_("Con @, por ejemplo @mi_red.")
    )
    instagram = models.URLField(_("Instagram"), blank=True)
    youtube = models.URLField(_("YouTube"), blank=True)
    tiktok = models.URLField(_("TikTok"), blank=True)
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    correo = models.EmailField(_("correo de contacto"), blank=True)

    class Meta:
        verbose_name = _("redes sociales")
        verbose_name_plural = _("redes sociales")

    def cuentas(self):
        nombres = [
            ("facebook", "Facebook"),
            ("x", "X"),
            ("instagram", "Instagram"),
            ("youtube", "YouTube"),
            ("tiktok", "TikTok"),
            ("linkedin", "LinkedIn"),
        ]
        return [(nombre, getattr(self, campo)) for campo, nombre in nombres if getattr(self, campo)]


def contenido_http(contenido, content_type, archivo=None, adjunto=False):
    response = HttpResponse(contenido, content_type=content_type)
    if archivo:
        disposition = "attachment" if adjunto else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{archivo}"'
    return response


from .borradores import ReferenciaBorrador  # noqa: E402, F401
from .curaduria import PropuestaRed  # noqa: E402, F401
from .lenguaje_models import ReglaLenguaje  # noqa: E402, F401
