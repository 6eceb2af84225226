"""The communication directory: who to call in each institution and which accounts to share."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path

from cms.plugin_pages import PluginIndexPage

from .forms import AreaComunicacionForm, CuentaSocialForm
from .validators import validar_telefono, validar_url_plataforma

#: An account nobody has checked for this many days counts as "por verificar".
DIAS_VIGENCIA_VERIFICACION = 180


class AreaComunicacion(models.Model):
    """The communication office of one member institution."""

    organismo = models.OneToOneField(
        "regiones.OrganismoGarante",
        verbose_name=_("institución"),
        on_delete=models.CASCADE,
        related_name="area_comunicacion",
    )
    nombre = models.CharField(
        _("nombre de la unidad"),
        max_length=200,
        blank=True,
        help_text=_("Por ejemplo «Dirección de Comunicación Social»."),
    )
    titulo_responsable = models.CharField(
        _("cargo de la persona responsable"),
        max_length=200,
        blank=True,
        help_text=_(
            "El cargo, no el nombre de la persona; por ejemplo «Titular de la Dirección "
            "de Comunicación Social»."
        ),
    )
    domicilio = models.TextField(_("domicilio"), blank=True)
    correo = models.EmailField(_("correo institucional"), blank=True)
    telefono = models.CharField(
        _("teléfono"),
        max_length=40,
        blank=True,
        validators=[validar_telefono],
        help_text=_("10 dígitos con lada; por ejemplo «662 213 1543 ext. 120»."),
    )
    sitio_web = models.URLField(
        _("sitio web o sala de prensa"),
        max_length=500,
        blank=True,
        help_text=_("Si se deja vacío se muestra el sitio web de la institución."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logotipo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    descripcion = models.TextField(_("descripción"), blank=True)
    fuente = models.TextField(_("fuente"), blank=True, help_text=_("URL separadas por « | »."))
    fecha_fuente = models.CharField(_("fecha de la fuente"), max_length=60, blank=True)
    notas = models.TextField(_("notas"), blank=True)
    verificada_el = models.DateField(_("verificada el"), null=True, blank=True)
    verificada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verificada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    base_form_class = AreaComunicacionForm
    panels = [
        FieldPanel("organismo"),
        FieldPanel("nombre"),
        FieldPanel("titulo_responsable"),
        FieldPanel("correo"),
        FieldPanel("telefono"),
        FieldPanel("domicilio"),
        FieldPanel("sitio_web"),
        FieldPanel("logo"),
        FieldPanel("descripcion"),
        FieldPanel("fuente"),
        FieldPanel("fecha_fuente"),
        FieldPanel("notas"),
        FieldPanel("verificada_el"),
        FieldPanel("verificada_por", read_only=True),
    ]

    class Meta:
        verbose_name = _("área de comunicación")
        verbose_name_plural = _("áreas de comunicación")
        ordering = ["organismo__region__orden", "organismo__nombre"]

    def __str__(self):
        return f"Comunicación · {self.organismo}"

    @property
    def sitio(self):
        return self.sitio_web or self.organismo.sitio_web

    @property
    def tiene_contacto(self):
        return any([self.titulo_responsable, self.correo, self.telefono, self.domicilio])

    def clean(self):
        if self.verificada_el and self.verificada_el > timezone.localdate():
            raise ValidationError(
                {"verificada_el": _("La fecha de verificación no puede estar en el futuro.")}
            )

    dias_sin_verificar = property(lambda self: dias_desde(self.verificada_el))
    antiguedad_verificacion = property(lambda self: antiguedad(self.verificada_el))
    lista_fuentes = property(lambda self: [u.strip() for u in self.fuente.split("|") if u.strip()])


def dias_desde(fecha, hoy=None):
    """Days since a verification date (None if it was never verified)."""
    return None if fecha is None else ((hoy or timezone.localdate()) - fecha).days


def antiguedad(fecha):
    """How long ago a contact was verified, for people: «hace 12 días», «nunca»."""
    dias = dias_desde(fecha)
    if dias is None:
        return _("Nunca verificada")
    if dias == 0:
        return _("Hoy")
    if dias == 1:
        return _("Hace 1 día")
    return _("Hace %(dias)d días") % {"dias": dias}


class CuentaSocialQuerySet(models.QuerySet):
    @staticmethod
    def limite_verificacion(today=None):
        return (today or timezone.localdate()) - timedelta(days=DIAS_VIGENCIA_VERIFICACION)

    @classmethod
    def q_por_verificar(cls, today=None, prefix=""):
        """Marked "por verificar", or active but not verified within the last 180 days."""
        limite = cls.limite_verificacion(today)
        return Q(**{f"{prefix}estado": CuentaSocial.Estado.POR_VERIFICAR}) | (
            Q(**{f"{prefix}estado": CuentaSocial.Estado.ACTIVA})
            & (
                Q(**{f"{prefix}verificada_el__isnull": True})
                | Q(**{f"{prefix}verificada_el__lt": limite})
            )
        )

    def por_verificar(self, today=None):
        return self.filter(self.q_por_verificar(today))

    def activas(self, today=None):
        return self.filter(estado=CuentaSocial.Estado.ACTIVA).exclude(self.q_por_verificar(today))

    def publicas(self):
        """Accounts shown to citizens: every one not marked inactive."""
        return self.exclude(estado=CuentaSocial.Estado.INACTIVA)

    def con_estado_vigente(self, today=None):
        """Annotate ``estado_al_dia``: the stored state, aged by the last verification."""
        return self.annotate(
            estado_al_dia=Case(
                When(self.q_por_verificar(today), then=Value(CuentaSocial.Estado.POR_VERIFICAR)),
                default="estado",
                output_field=models.CharField(),
            )
        )

    def filtrar_estado_vigente(self, estado, today=None):
        if estado == CuentaSocial.Estado.POR_VERIFICAR:
            return self.por_verificar(today)
        if estado == CuentaSocial.Estado.ACTIVA:
            return self.activas(today)
        return self.filter(estado=estado)


class CuentaSocial(models.Model):
    """An official social-network account of a member institution."""

    class Plataforma(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        INSTAGRAM = "instagram", "Instagram"
        TIKTOK = "tiktok", "TikTok"
        X = "x", "X (Twitter)"
        YOUTUBE = "youtube", "YouTube"
        THREADS = "threads", "Threads"
        LINKEDIN = "linkedin", "LinkedIn"
        WHATSAPP = "whatsapp", _("Canal de WhatsApp")
        SPOTIFY = "spotify", "Spotify"
        OTRA = "otra", _("Otra")

    class Estado(models.TextChoices):
        ACTIVA = "activa", _("Activa")
        INACTIVA = "inactiva", _("Inactiva")
        POR_VERIFICAR = "por_verificar", _("Por verificar")

    organismo = models.ForeignKey(
        "regiones.OrganismoGarante",
        verbose_name=_("institución"),
        on_delete=models.CASCADE,
        related_name="cuentas_sociales",
    )
    plataforma = models.CharField(_("plataforma"), max_length=20, choices=Plataforma.choices)
    usuario = models.CharField(
        _("usuario"), max_length=150, blank=True, help_text=_("Por ejemplo «@InstitutoSonora».")
    )
    url = models.URLField(_("dirección (URL)"), max_length=500)
    estado = models.CharField(
        _("estado"), max_length=20, choices=Estado.choices, default=Estado.POR_VERIFICAR
    )
    verificada_el = models.DateField(_("verificada el"), null=True, blank=True)
    verificada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verificada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fuente = models.TextField(_("fuente"), blank=True, help_text=_("URL separadas por « | »."))
    fecha_fuente = models.CharField(_("fecha de la fuente"), max_length=60, blank=True)
    notas = models.TextField(_("notas"), blank=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = CuentaSocialQuerySet.as_manager()

    base_form_class = CuentaSocialForm
    panels = [
        FieldPanel("organismo"),
        FieldPanel("plataforma"),
        FieldPanel("usuario"),
        FieldPanel("url"),
        FieldPanel("estado"),
        FieldPanel("verificada_el"),
        FieldPanel("verificada_por", read_only=True),
        FieldPanel("fuente"),
        FieldPanel("fecha_fuente"),
        FieldPanel("notas"),
    ]

    class Meta:
        verbose_name = _("cuenta en redes sociales")
        verbose_name_plural = _("cuentas en redes sociales")
        ordering = ["organismo__region__orden", "organismo__nombre", "plataforma"]
        constraints = [
            models.UniqueConstraint(fields=["organismo", "url"], name="directorio_cuenta_unica")
        ]

    def __str__(self):
        nombre = self.usuario or self.url
        organismo = self.organismo.siglas or self.organismo.nombre
        return f"{self.get_plataforma_display()} · {nombre} ({organismo})"

    def clean(self):
        errors = {}
        if self.plataforma and self.url:
            try:
                validar_url_plataforma(self.plataforma, self.url)
            except ValidationError as error:
                errors["url"] = error.messages
        if self.verificada_el and self.verificada_el > timezone.localdate():
            errors["verificada_el"] = _("La fecha de verificación no puede estar en el futuro.")
        if errors:
            raise ValidationError(errors)

    @property
    def estado_vigente(self):
        """The state as it should be read today (never stored)."""
        if self.estado == self.Estado.ACTIVA and (
            self.verificada_el is None
            or self.verificada_el < CuentaSocialQuerySet.limite_verificacion()
        ):
            return self.Estado.POR_VERIFICAR
        return self.estado

    def get_estado_vigente_display(self):
        return self.Estado(self.estado_vigente).label

    get_estado_vigente_display.short_description = _("estado vigente")

    dias_sin_verificar = property(lambda self: dias_desde(self.verificada_el))
    antiguedad_verificacion = property(lambda self: antiguedad(self.verificada_el))
    lista_fuentes = property(lambda self: [u.strip() for u in self.fuente.split("|") if u.strip()])


class DirectorioPage(PluginIndexPage):
    """The public directory of a site: the region's institutions, or the whole network."""

    plugin_label = "directorio"

    listado_context = "plugins.directorio.views.listado_context"
    template = "directorio/directorio_page.html"

    class Meta:
        verbose_name = _("directorio")
        verbose_name_plural = _("directorios")

    @path("entidad/<slug:entidad>/")
    def entidad(self, request, entidad):
        from .views import entidad_context

        return self.render_detalle(
            request,
            entidad_context(self, request, entidad),
            "directorio/entidad.html",
            "No encontramos esa entidad en este directorio.",
        )

    @path("<slug:clave>/")
    def institucion(self, request, clave):
        from .views import institucion_context

        return self.render_detalle(
            request,
            institucion_context(self, request, clave),
            "directorio/organismo.html",
            "No encontramos esa institución en este directorio.",
        )
