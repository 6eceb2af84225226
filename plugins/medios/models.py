"""Official media, agreements with them and broadcast schedules.

- ``MedioOficial``: a public outlet of the federal or a state government (radio, TV,
  news agency, digital…). Region-scoped through ``region``, which is derived: the state's
  region, or the national coordination for federal outlets. Its institutional contact is
  for the network's internal use and is never published.
- ``ConvenioMedio``: an agreement between organismos garantes (or the network itself) and
  an outlet, with the shared lifecycle of ``cms.ciclo``; region-scoped through its
  responsible region. Only public states reach citizens; ``comentarios_internos`` never.
- ``Pauta``: what airs on an outlet (a campaign or free-text material), when, how often
  and in which format. Region-scoped through its responsible region. Internal: it feeds
  the coordination's calendar and campaign reports.
"""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from cms.ciclo import HistorialCicloBase
from cms.convenios_base import (
    ContraparteBase,
    ConvenioBase,
    DocumentoConvenioBase,
    RegionQuerySet,
    documentos_de,
    permiso_publicar,
    registro_de,
)
from cms.plugin_pages import PluginIndexPage, ruta_detalle
from regiones.models import Region

from .forms import ConvenioMedioForm, MedioOficialForm, PautaForm

#: Upper bound of broadcast slots in one day (one every half hour, around the clock).
MAX_IMPACTOS_DIA = 48
MAX_IMPACTOS_SEMANA = MAX_IMPACTOS_DIA * 7


def _fecha(value):
    return value.strftime("%d/%m/%Y")


def region_nacional():
    return Region.objects.filter(tipo=Region.Tipo.NACIONAL).order_by("orden").first()


# --------------------------------------------------------------------------------------------
# Official media
# --------------------------------------------------------------------------------------------


class MedioOficial(ContraparteBase):
    class Tipo(models.TextChoices):
        RADIO = "radio", _("Radio")
        TELEVISION = "television", _("Televisión")
        AGENCIA = "agencia", _("Agencia de noticias")
        DIGITAL = "digital", _("Medio digital")
        IMPRESO = "impreso", _("Impreso")
        MIXTO = "mixto", _("Mixto (radio y televisión)")

    class Ambito(models.TextChoices):
        FEDERAL = "federal", _("Federal")
        ESTATAL = "estatal", _("Estatal")
        MUNICIPAL = "municipal", _("Municipal")

    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    ambito = models.CharField(_("ámbito"), max_length=20, choices=Ambito.choices)
    entidad = models.ForeignKey(
        "regiones.EntidadFederativa",
        verbose_name=_("entidad federativa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="medios_oficiales",
        help_text=_("Vacía para los medios federales; obligatoria para estatales y municipales."),
    )
    region = models.ForeignKey(
        "regiones.Region",
        verbose_name=_("región"),
        on_delete=models.PROTECT,
        related_name="medios_oficiales",
        editable=False,
        help_text=_("La de la entidad; la coordinación nacional para los medios federales."),
    )
    institucion_propietaria = models.CharField(
        _("institución propietaria"),
        max_length=300,
        blank=True,
        help_text=_("Dependencia, gobierno o universidad de la que depende el medio."),
    )

    objects = RegionQuerySet.as_manager()

    base_form_class = MedioOficialForm
    panels = ContraparteBase.paneles(
        ("ambito", "entidad"),
        "institucion_propietaria",
        "sitio_web",
        InlinePanel("estaciones", heading=_("Estaciones y canales"), label=_("Estación o canal")),
        InlinePanel("cuentas", heading=_("Cuentas en redes sociales"), label=_("Cuenta")),
    )

    class Meta(ContraparteBase.Meta):
        verbose_name = _("medio oficial")
        verbose_name_plural = _("medios oficiales")

    def region_derivada(self):
        """The state's region, or the national coordination for federal outlets."""
        if self.entidad_id:
            return self.entidad.region
        if self.ambito == self.Ambito.FEDERAL:
            return region_nacional()
        return None

    def errores_ambito(self):
        errores = {}
        if self.ambito == self.Ambito.FEDERAL and self.entidad_id:
            errores["entidad"] = _("Un medio federal no tiene entidad federativa: déjela vacía.")
        if self.ambito in (self.Ambito.ESTATAL, self.Ambito.MUNICIPAL) and not self.entidad_id:
            errores["entidad"] = _(
                "Un medio de ámbito %(ambito)s necesita la entidad federativa."
            ) % {"ambito": self.Ambito(self.ambito).label.lower()}
        return errores

    def clean(self):
        super().clean()
        errores = self.errores_ambito()
        if errores:
            raise ValidationError(errores)
        region = self.region_derivada()
        if region is not None:
            self.region = region

    def save(self, *args, **kwargs):
        region = self.region_derivada()
        if region is not None:
            self.region = region
        super().save(*args, **kwargs)

    @property
    def nombre_entidad(self):
        return self.entidad.nombre if self.entidad_id else ""

    @property
    def lugar(self):
        return self.entidad.nombre if self.entidad_id else str(self.Ambito.FEDERAL.label)


class EstacionMedio(Orderable):
    """A station or channel of an outlet."""

    medio = ParentalKey(MedioOficial, on_delete=models.CASCADE, related_name="estaciones")
    distintivo = models.CharField(
        _("distintivo"), max_length=40, help_text=_("Distintivo de llamada, por ejemplo XEEP-AM.")
    )
    frecuencia = models.CharField(
        _("frecuencia o canal"), max_length=60, help_text=_("Por ejemplo «1060 kHz» o «14.1».")
    )
    cobertura = models.CharField(_("área de cobertura"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("distintivo"), FieldPanel("frecuencia")]), "cobertura"]

    class Meta(Orderable.Meta):
        verbose_name = _("estación o canal")
        verbose_name_plural = _("estaciones y canales")

    def __str__(self):
        return f"{self.distintivo} · {self.frecuencia}"


class CuentaSocialMedio(Orderable):
    class Plataforma(models.TextChoices):
        FACEBOOK = "facebook", _("Facebook")
        X = "x", _("X (Twitter)")
        INSTAGRAM = "instagram", _("Instagram")
        YOUTUBE = "youtube", _("YouTube")
        TIKTOK = "tiktok", _("TikTok")
        OTRA = "otra", _("Otra")

    medio = ParentalKey(MedioOficial, on_delete=models.CASCADE, related_name="cuentas")
    plataforma = models.CharField(_("plataforma"), max_length=20, choices=Plataforma.choices)
    url = models.URLField(_("dirección"), max_length=500)

    panels = [FieldRowPanel([FieldPanel("plataforma"), FieldPanel("url")])]

    class Meta(Orderable.Meta):
        verbose_name = _("cuenta en redes sociales")
        verbose_name_plural = _("cuentas en redes sociales")

    def __str__(self):
        return f"{self.get_plataforma_display()}: {self.url}"


# --------------------------------------------------------------------------------------------
# Agreements
# --------------------------------------------------------------------------------------------


class ConvenioMedio(ConvenioBase):
    """An agreement with an outlet, using the shared lifecycle (cms.ciclo)."""

    medio = models.ForeignKey(
        MedioOficial,
        verbose_name=_("medio"),
        on_delete=models.PROTECT,
        related_name="convenios",
    )
    tiempos_oficiales = models.BooleanField(
        _("incluye tiempos oficiales"),
        default=False,
        help_text=_("Márquelo si el medio transmite los contenidos en tiempos oficiales."),
    )

    base_form_class = ConvenioMedioForm
    panels = [
        FieldPanel("titulo"),
        FieldRowPanel([FieldPanel("medio", widget=forms.Select), FieldPanel("region")]),
        FieldPanel("objeto"),
        FieldPanel("tiempos_oficiales"),
        FieldPanel("estado"),
        MultiFieldPanel(
            [FieldPanel("organismos"), FieldPanel("incluye_red")],
            heading=_("Quién firma con el medio"),
        ),
        ConvenioBase.panel_fechas(),
        *ConvenioBase.panels_finales,
    ]

    class Meta(ConvenioBase.Meta):
        verbose_name = _("convenio con medio")
        verbose_name_plural = _("convenios con medios")
        permissions = permiso_publicar("conveniomedio", "convenios con medios")


class HistorialConvenioMedio(HistorialCicloBase):
    registro = registro_de(ConvenioMedio)

    class Meta(HistorialCicloBase.Meta):
        verbose_name = _("cambio de estado del convenio con medio")
        verbose_name_plural = _("historial de estados de los convenios con medios")


class DocumentoConvenioMedio(DocumentoConvenioBase):
    convenio = documentos_de(ConvenioMedio)


# --------------------------------------------------------------------------------------------
# Broadcast schedules
# --------------------------------------------------------------------------------------------


class PautaQuerySet(models.QuerySet):
    def activas(self):
        """Scheduled or aired (cancelled schedules count for nothing)."""
        return self.exclude(estado=Pauta.Estado.CANCELADA)

    def en_periodo(self, desde, hasta):
        """Schedules whose period touches [desde, hasta] (both inclusive)."""
        return self.filter(inicio__lte=hasta, fin__gte=desde)


class Pauta(models.Model):
    """Which campaign or material airs on which outlet, when, how often and how."""

    class Formato(models.TextChoices):
        SPOT_RADIO = "spot_radio", _("Spot de radio")
        SPOT_TV = "spot_tv", _("Spot de televisión")
        CAPSULA = "capsula", _("Cápsula")
        ENTREVISTA = "entrevista", _("Entrevista")
        PUBLICACION_DIGITAL = "publicacion_digital", _("Publicación digital")

    class Estado(models.TextChoices):
        PROGRAMADA = "programada", _("Programada")
        TRANSMITIDA = "transmitida", _("Transmitida")
        CANCELADA = "cancelada", _("Cancelada")

    medio = models.ForeignKey(
        MedioOficial, verbose_name=_("medio"), on_delete=models.PROTECT, related_name="pautas"
    )
    convenio = models.ForeignKey(
        ConvenioMedio,
        verbose_name=_("convenio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pautas",
        help_text=_("Opcional: el convenio con el medio bajo el que se transmite."),
    )
    campana = models.ForeignKey(
        "cms.Campana",
        verbose_name=_("campaña"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pautas_medios",
    )
    material = models.CharField(
        _("material"),
        max_length=255,
        blank=True,
        help_text=_("Qué se transmite si no es una campaña del sitio, o qué pieza de la campaña."),
    )
    region = models.ForeignKey(
        "regiones.Region",
        verbose_name=_("región responsable"),
        on_delete=models.PROTECT,
        related_name="pautas_medios",
    )
    formato = models.CharField(_("formato"), max_length=30, choices=Formato.choices)
    inicio = models.DateField(_("inicio"))
    fin = models.DateField(_("fin"), help_text=_("Último día en que se transmite (incluido)."))
    impactos_por_dia = models.PositiveSmallIntegerField(
        _("impactos por día"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_IMPACTOS_DIA)],
        help_text=_("Llene esto o los impactos por semana, no ambos."),
    )
    impactos_por_semana = models.PositiveSmallIntegerField(
        _("impactos por semana"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_IMPACTOS_SEMANA)],
        help_text=_(
            "Cada semana se cuenta desde el día de inicio; si la última queda incompleta, "
            "se transmiten en ella los mismos impactos."
        ),
    )
    alcance_estimado = models.PositiveIntegerField(
        _("alcance estimado"),
        null=True,
        blank=True,
        help_text=_("Personas que se estima alcanzar, si el medio lo informa."),
    )
    estado = models.CharField(
        _("estado"), max_length=20, choices=Estado.choices, default=Estado.PROGRAMADA
    )
    notas = models.TextField(_("notas"), blank=True)
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = PautaQuerySet.as_manager()

    base_form_class = PautaForm
    panels = [
        FieldRowPanel([FieldPanel("medio", widget=forms.Select), FieldPanel("region")]),
        FieldPanel("convenio", widget=forms.Select),
        FieldRowPanel([FieldPanel("campana"), FieldPanel("material")]),
        FieldRowPanel([FieldPanel("formato"), FieldPanel("estado")]),
        FieldRowPanel([FieldPanel("inicio"), FieldPanel("fin")], heading=_("Periodo")),
        FieldRowPanel(
            [FieldPanel("impactos_por_dia"), FieldPanel("impactos_por_semana")],
            heading=_("Frecuencia"),
        ),
        FieldPanel("alcance_estimado"),
        FieldPanel("notas"),
    ]

    class Meta:
        verbose_name = _("pauta")
        verbose_name_plural = _("pautas")
        ordering = ["-inicio", "medio__nombre", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fin__gte=models.F("inicio")), name="medios_pauta_fin_despues_inicio"
            ),
            models.CheckConstraint(
                condition=(
                    Q(impactos_por_dia__isnull=False, impactos_por_semana__isnull=True)
                    | Q(impactos_por_dia__isnull=True, impactos_por_semana__isnull=False)
                ),
                name="medios_pauta_una_frecuencia",
            ),
        ]

    def __str__(self):
        return f"{self.que} en {self.medio} ({_fecha(self.inicio)}–{_fecha(self.fin)})"

    @property
    def que(self):
        """What airs: the campaign's title, the material, or both."""
        if self.campana_id and self.material:
            return f"{self.campana.title} · {self.material}"
        if self.campana_id:
            return self.campana.title
        return self.material

    @property
    def titulo_convenio(self):
        return self.convenio.titulo if self.convenio_id else ""

    @property
    def frecuencia(self):
        if self.impactos_por_dia:
            return _("%(n)d al día") % {"n": self.impactos_por_dia}
        if self.impactos_por_semana:
            return _("%(n)d a la semana") % {"n": self.impactos_por_semana}
        return ""

    # --- counting slots ---------------------------------------------------------------

    @property
    def dias(self):
        return (self.fin - self.inicio).days + 1

    def impactos_totales(self):
        """Slots over the whole period. Per-week slots count once per week started."""
        if self.impactos_por_dia:
            return self.impactos_por_dia * self.dias
        semanas = -(-self.dias // 7)
        return self.impactos_por_semana * semanas

    def impactos_del_dia(self, dia):
        """Slots on one day. Per-week slots are spread over the days of each week (counted
        from the start), the remainder on its first days: integers that add up exactly."""
        if not (self.inicio <= dia <= self.fin):
            return 0
        if self.impactos_por_dia:
            return self.impactos_por_dia
        desde_inicio = (dia - self.inicio).days
        semana_inicio = desde_inicio - desde_inicio % 7
        dias_semana = min(7, self.dias - semana_inicio)
        base, resto = divmod(self.impactos_por_semana, dias_semana)
        return base + (1 if desde_inicio % 7 < resto else 0)

    def impactos_entre(self, desde, hasta):
        """Slots between two dates (both inclusive)."""
        desde, hasta = max(desde, self.inicio), min(hasta, self.fin)
        if hasta < desde:
            return 0
        if self.impactos_por_dia:
            return self.impactos_por_dia * ((hasta - desde).days + 1)
        return sum(
            self.impactos_del_dia(desde + timedelta(days=i))
            for i in range((hasta - desde).days + 1)
        )

    # --- validating -------------------------------------------------------------------

    def superpuestas(self):
        """Other active schedules of the same outlet, campaign (or material) and format whose
        periods share at least one day with this one."""
        if not (self.medio_id and self.formato and self.inicio and self.fin):
            return Pauta.objects.none()
        queryset = (
            Pauta.objects.activas()
            .filter(medio_id=self.medio_id, formato=self.formato)
            .en_periodo(self.inicio, self.fin)
        )
        if self.campana_id:
            queryset = queryset.filter(campana_id=self.campana_id)
        else:
            queryset = queryset.filter(campana__isnull=True, material__iexact=self.material.strip())
        if self.pk:
            queryset = queryset.exclude(pk=self.pk)
        return queryset.order_by("inicio")

    def errores(self, hoy=None):
        """{field: message} with every rule the schedule breaks; empty when valid."""
        hoy = hoy or timezone.localdate()
        errores = {}

        def error(campo, mensaje):
            errores.setdefault(campo, mensaje)

        if not self.campana_id and not (self.material or "").strip():
            error("campana", _("Elija la campaña o describa el material que se transmite."))
        por_dia, por_semana = self.impactos_por_dia, self.impactos_por_semana
        if por_dia is not None and por_semana is not None:
            error(
                "impactos_por_semana",
                _("Indique los impactos por día o por semana, no ambos."),
            )
        elif por_dia is None and por_semana is None:
            error("impactos_por_dia", _("Indique cuántos impactos hay por día o por semana."))
        for campo, valor, maximo, unidad in (
            ("impactos_por_dia", por_dia, MAX_IMPACTOS_DIA, _("al día")),
            ("impactos_por_semana", por_semana, MAX_IMPACTOS_SEMANA, _("a la semana")),
        ):
            if valor is None:
                continue
            if valor < 1:
                error(campo, _("Los impactos deben ser al menos 1."))
            elif valor > maximo:
                error(
                    campo,
                    _("No puede haber más de %(max)d impactos %(unidad)s (uno cada media hora).")
                    % {"max": maximo, "unidad": unidad},
                )
        if self.inicio and self.fin:
            if self.fin < self.inicio:
                error(
                    "fin",
                    _("La pauta no puede terminar (%(fin)s) antes de empezar (%(inicio)s).")
                    % {"fin": _fecha(self.fin), "inicio": _fecha(self.inicio)},
                )
            elif por_semana and por_dia is None and 1 <= por_semana <= MAX_IMPACTOS_SEMANA:
                # The last (or only) week may be short: its slots must still fit in it.
                ultima = self.dias % 7 or 7
                if por_semana > MAX_IMPACTOS_DIA * ultima:
                    error(
                        "impactos_por_semana",
                        _(
                            "La última semana de la pauta tiene %(dias)d día(s): no caben "
                            "%(n)d impactos (más de %(max)d al día). Reduzca los impactos o "
                            "ajuste el periodo."
                        )
                        % {"dias": ultima, "n": por_semana, "max": MAX_IMPACTOS_DIA},
                    )
            if self.estado == self.Estado.TRANSMITIDA and self.inicio > hoy:
                error(
                    "estado",
                    _("La pauta empieza el %(inicio)s: todavía no puede estar «Transmitida».")
                    % {"inicio": _fecha(self.inicio)},
                )
        if self.convenio_id and self.medio_id:
            if self.convenio.medio_id != self.medio_id:
                error(
                    "convenio",
                    _("El convenio «%(convenio)s» es con otro medio (%(medio)s).")
                    % {"convenio": self.convenio, "medio": self.convenio.medio},
                )
            elif self.convenio.estado == "cancelado":
                error("convenio", _("El convenio está cancelado: no puede amparar pautas."))
        if (
            not errores
            and self.estado != self.Estado.CANCELADA
            and (otra := self.superpuestas().first())
        ):
            error(
                "inicio",
                _(
                    "Ya hay una pauta de %(que)s en %(medio)s con el mismo formato del "
                    "%(inicio)s al %(fin)s: los periodos se superponen. Ajuste las fechas o "
                    "edite esa pauta."
                )
                % {
                    "que": otra.que,
                    "medio": otra.medio,
                    "inicio": _fecha(otra.inicio),
                    "fin": _fecha(otra.fin),
                },
            )
        return errores

    def clean(self):
        super().clean()
        errores = self.errores()
        if errores:
            raise ValidationError(errores)


# --------------------------------------------------------------------------------------------
# Public page
# --------------------------------------------------------------------------------------------


class MediosPage(PluginIndexPage):
    """A site's official media partners and their agreements (all of them on the national
    site)."""

    plugin_label = "medios"
    listado_context = "plugins.medios.views.listado_context"
    template = "medios/medios_page.html"

    medio = ruta_detalle(
        "<int:pk>/",
        "medio",
        "plugins.medios.views.medio_context",
        "medios/medio.html",
        _("No encontramos ese medio en este sitio."),
    )
    convenio = ruta_detalle(
        "convenios/<int:pk>/",
        "convenio",
        "plugins.medios.views.convenio_context",
        "medios/convenio.html",
        _("No encontramos ese convenio en este sitio."),
    )

    class Meta:
        verbose_name = _("medios oficiales aliados")
        verbose_name_plural = _("páginas de medios oficiales aliados")
