"""Alliances and agreements: organizations, relationships with them, and agreements.

- ``Organizacion``: network-wide inventory (not region-scoped). Every admin user of the
  network may see and choose it; the coordinations (regional and national) add and edit
  it; only the national coordination deletes it (deleting one touches every region).
  Its institutional contact is for the network's internal use and is never published.
- ``Vinculo``: something an organismo garante did with an organization (region-scoped
  through ``organismo__region``). Internal: it feeds the alliance opportunities.
- ``Convenio``: an agreement, with the shared lifecycle of ``cms.ciclo``; region-scoped
  through its responsible region. Only public states reach citizens, and
  ``comentarios_internos`` never does.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.models import Orderable

from cms.ciclo import ESTADOS_EN_CURSO, Estado, HistorialCicloBase
from cms.convenios_base import (
    ContraparteBase,
    ConvenioBase,
    DocumentoConvenioBase,
    documentos_de,
    permiso_publicar,
    registro_de,
)
from cms.plugin_pages import PluginIndexPage, ruta_detalle

from .forms import ConvenioForm, OrganizacionForm, VinculoForm

# --------------------------------------------------------------------------------------------
# Organizations
# --------------------------------------------------------------------------------------------


class TemaOrganizacion(TaggedItemBase):
    content_object = ParentalKey(
        "alianzas.Organizacion", on_delete=models.CASCADE, related_name="temas_etiquetados"
    )

    class Meta:
        verbose_name = _("tema de la organización")
        verbose_name_plural = _("temas de las organizaciones")


class OrganizacionQuerySet(models.QuerySet):
    def oportunidades(self, vinculos, convenios, minimo=2):
        """Organizations with ``minimo`` or more relationships among ``vinculos`` and no
        agreement among ``convenios`` (cancelled ones do not count), ranked by number of
        relationships, then by the most recent one, then by name."""
        return (
            self.filter(vinculos__in=vinculos)
            .annotate(
                num_vinculos=Count("vinculos", distinct=True),
                ultimo_vinculo=Max("vinculos__fecha"),
            )
            .filter(num_vinculos__gte=minimo)
            .exclude(
                pk__in=convenios.exclude(estado=Estado.CANCELADO)
                .filter(organizaciones__isnull=False)
                .values("organizaciones")
            )
            .order_by("-num_vinculos", "-ultimo_vinculo", "nombre")
        )


class Organizacion(ContraparteBase):
    """A civil-society organization, chamber, college, university… the network works with."""

    class Tipo(models.TextChoices):
        OSC = "osc", _("Organización de la sociedad civil")
        CAMARA_EMPRESARIAL = "camara_empresarial", _("Cámara empresarial")
        COLEGIO_PROFESIONISTAS = "colegio_profesionistas", _("Colegio de profesionistas")
        ACADEMIA = "academia", _("Academia")
        MEDIO_COMUNICACION = "medio_comunicacion", _("Medio de comunicación")
        ORGANISMO_INTERNACIONAL = "organismo_internacional", _("Organismo internacional")
        OTRO = "otro", _("Otro")

    class Ambito(models.TextChoices):
        NACIONAL = "nacional", _("Nacional")
        ESTATAL = "estatal", _("Estatal")

    tipo = models.CharField(_("tipo"), max_length=30, choices=Tipo.choices)
    ambito = models.CharField(
        _("ámbito"),
        max_length=20,
        choices=Ambito.choices,
        blank=True,
        help_text=_("Vacío cuando no está verificado."),
    )
    entidades = ParentalManyToManyField(
        "regiones.EntidadFederativa",
        verbose_name=_("entidades federativas"),
        blank=True,
        related_name="organizaciones_alianzas",
        help_text=_("Donde trabaja; obligatoria para las de ámbito estatal."),
    )
    temas = ClusterTaggableManager(verbose_name=_("temas"), through=TemaOrganizacion, blank=True)

    objects = OrganizacionQuerySet.as_manager()

    base_form_class = OrganizacionForm
    panels = ContraparteBase.paneles(("ambito", "sitio_web"), "entidades", "temas")

    class Meta(ContraparteBase.Meta):
        verbose_name = _("organización")
        verbose_name_plural = _("organizaciones")


# --------------------------------------------------------------------------------------------
# Relationships
# --------------------------------------------------------------------------------------------


class Vinculo(ClusterableModel):
    """Something an organismo garante did with an organization (workshop, campaign…)."""

    class TipoAccion(models.TextChoices):
        TALLER = "taller", _("Taller")
        CONFERENCIA = "conferencia", _("Conferencia")
        CAMPANA = "campana", _("Campaña")
        MESA_TRABAJO = "mesa_trabajo", _("Mesa de trabajo")
        CONVENIO = "convenio", _("Convenio")
        OTRO = "otro", _("Otro")

    organismo = models.ForeignKey(
        "regiones.OrganismoGarante",
        verbose_name=_("organismo garante"),
        on_delete=models.PROTECT,
        related_name="vinculos_alianzas",
    )
    organizacion = models.ForeignKey(
        Organizacion,
        verbose_name=_("organización"),
        on_delete=models.PROTECT,
        related_name="vinculos",
    )
    tipo_accion = models.CharField(_("tipo de acción"), max_length=20, choices=TipoAccion.choices)
    fecha = models.DateField(_("fecha"))
    descripcion = models.TextField(_("descripción"))
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    base_form_class = VinculoForm
    panels = [
        FieldPanel("organismo"),
        FieldPanel("organizacion"),
        FieldRowPanel([FieldPanel("tipo_accion"), FieldPanel("fecha")]),
        FieldPanel("descripcion"),
        InlinePanel("evidencias", heading=_("Evidencias"), label=_("Documento")),
    ]

    class Meta:
        verbose_name = _("vínculo")
        verbose_name_plural = _("vínculos")
        ordering = ["-fecha", "-pk"]

    def __str__(self):
        organismo = self.organismo.siglas or self.organismo.nombre
        return f"{self.get_tipo_accion_display()} · {organismo} con {self.organizacion.nombre}"

    def clean(self):
        if self.fecha and self.fecha > timezone.localdate():
            raise ValidationError(
                {
                    "fecha": _(
                        "La fecha no puede estar en el futuro: registre acciones ya realizadas."
                    )
                }
            )


class EvidenciaVinculo(Orderable):
    vinculo = ParentalKey(Vinculo, on_delete=models.CASCADE, related_name="evidencias")
    documento = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("documento"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("documento")]

    class Meta(Orderable.Meta):
        verbose_name = _("evidencia")
        verbose_name_plural = _("evidencias")


# --------------------------------------------------------------------------------------------
# Agreements
# --------------------------------------------------------------------------------------------


class Convenio(ConvenioBase):
    """An agreement between organismos garantes, organizations and/or the network."""

    class Tipo(models.TextChoices):
        COLABORACION = "colaboracion", _("Colaboración")
        DIFUSION = "difusion", _("Difusión")
        CAPACITACION = "capacitacion", _("Capacitación")
        OTRO = "otro", _("Otro")

    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    organizaciones = ParentalManyToManyField(
        Organizacion,
        verbose_name=_("organizaciones que firman"),
        blank=True,
        related_name="convenios",
    )
    renovacion_automatica = models.BooleanField(_("se renueva automáticamente"), default=False)
    renovacion_meses = models.PositiveSmallIntegerField(
        _("meses de cada renovación"), null=True, blank=True
    )

    base_form_class = ConvenioForm
    panels = [
        FieldPanel("titulo"),
        FieldPanel("objeto"),
        FieldRowPanel([FieldPanel("tipo"), FieldPanel("region")]),
        FieldPanel("estado"),
        MultiFieldPanel(
            [FieldPanel("organismos"), FieldPanel("organizaciones"), FieldPanel("incluye_red")],
            heading=_("Partes"),
        ),
        ConvenioBase.panel_fechas(
            FieldRowPanel([FieldPanel("renovacion_automatica"), FieldPanel("renovacion_meses")])
        ),
        InlinePanel("compromisos", heading=_("Compromisos"), label=_("Compromiso")),
        *ConvenioBase.panels_finales,
    ]

    class Meta(ConvenioBase.Meta):
        verbose_name = _("convenio")
        verbose_name_plural = _("convenios")
        permissions = permiso_publicar("convenio", "convenios")

    def clean(self):
        super().clean()
        if self.renovacion_meses and not self.renovacion_automatica:
            raise ValidationError(
                {
                    "renovacion_meses": _(
                        "Los meses de renovación solo aplican si el convenio se renueva "
                        "automáticamente."
                    )
                }
            )
        if self.renovacion_automatica and not self.renovacion_meses:
            raise ValidationError(
                {"renovacion_meses": _("Indique cada cuántos meses se renueva el convenio.")}
            )

    @property
    def renovacion(self):
        if self.renovacion_automatica and self.renovacion_meses:
            return _("Automática cada %(meses)d meses") % {"meses": self.renovacion_meses}
        return _("Sin renovación automática")

    def partes(self):
        """Names of every party, for listings and open data."""
        return super().partes() + [o.nombre for o in self.organizaciones.all()]


class HistorialConvenio(HistorialCicloBase):
    registro = registro_de(Convenio)

    class Meta(HistorialCicloBase.Meta):
        verbose_name = _("cambio de estado del convenio")
        verbose_name_plural = _("historial de estados de los convenios")


class CompromisoQuerySet(models.QuerySet):
    def vencidos(self, hoy=None):
        """Unfulfilled commitments past their deadline, in agreements still running."""
        hoy = hoy or timezone.localdate()
        return self.filter(
            cumplido=False, fecha_limite__lt=hoy, convenio__estado__in=ESTADOS_EN_CURSO
        )


class Compromiso(Orderable):
    """A commitment of an agreement. Its state is derived: pendiente, cumplido or vencido."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente")
        CUMPLIDO = "cumplido", _("Cumplido")
        VENCIDO = "vencido", _("Vencido")

    convenio = ParentalKey(Convenio, on_delete=models.CASCADE, related_name="compromisos")
    descripcion = models.TextField(_("descripción"))
    fecha_limite = models.DateField(_("fecha límite"), null=True, blank=True)
    cumplido = models.BooleanField(_("cumplido"), default=False)
    fecha_cumplimiento = models.DateField(_("fecha de cumplimiento"), null=True, blank=True)

    objects = CompromisoQuerySet.as_manager()

    panels = [
        FieldPanel("descripcion"),
        FieldRowPanel(
            [FieldPanel("fecha_limite"), FieldPanel("cumplido"), FieldPanel("fecha_cumplimiento")]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("compromiso")
        verbose_name_plural = _("compromisos")

    def __str__(self):
        return self.descripcion[:80]

    def clean(self):
        errores = {}
        if self.fecha_cumplimiento and not self.cumplido:
            errores["fecha_cumplimiento"] = _(
                "Hay fecha de cumplimiento pero el compromiso no está marcado como cumplido."
            )
        if self.fecha_cumplimiento and self.fecha_cumplimiento > timezone.localdate():
            errores["fecha_cumplimiento"] = _(
                "La fecha de cumplimiento no puede estar en el futuro."
            )
        if errores:
            raise ValidationError(errores)

    def estado_al(self, hoy=None):
        hoy = hoy or timezone.localdate()
        if self.cumplido:
            return self.Estado.CUMPLIDO
        if self.fecha_limite and self.fecha_limite < hoy:
            return self.Estado.VENCIDO
        return self.Estado.PENDIENTE

    @property
    def estado(self):
        return self.estado_al()

    def get_estado_display(self):
        return self.Estado(self.estado).label


class DocumentoConvenio(DocumentoConvenioBase):
    convenio = documentos_de(Convenio)


# --------------------------------------------------------------------------------------------
# Public page
# --------------------------------------------------------------------------------------------


class ConveniosPage(PluginIndexPage):
    """The public registry of a site: the region's signed agreements, or the whole network's."""

    plugin_label = "alianzas"
    listado_context = "plugins.alianzas.views.listado_context"
    template = "alianzas/convenios_page.html"

    convenio = ruta_detalle(
        "<int:pk>/",
        "convenio",
        "plugins.alianzas.views.convenio_context",
        "alianzas/convenio.html",
        _("No encontramos ese convenio en este registro."),
    )
    organizacion = ruta_detalle(
        "organizaciones/<int:pk>/",
        "organizacion",
        "plugins.alianzas.views.organizacion_context",
        "alianzas/organizacion.html",
        _("No encontramos esa organización."),
    )

    class Meta:
        verbose_name = _("registro de convenios")
        verbose_name_plural = _("registros de convenios")
