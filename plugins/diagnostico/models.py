"""Diagnosis of the communication areas of the organismos garantes.

- ``Cuestionario`` → ``Seccion`` → ``Pregunta``: the questionnaire is data, versioned. A
  version used by a round that is no longer a draft is locked (nothing in it changes),
  so old rounds stay readable; the next round gets a new version, copied from the
  previous one (:meth:`Cuestionario.nueva_version`). Questions keep a stable ``clave``
  across versions: that is what rounds are compared by.
- ``Edicion``: a round, with its state (borrador → abierta → cerrada → publicada).
- ``Respuesta``: one per institution and round, region-scoped through
  ``organismo__region``. Answers are a JSON dict ``{clave: valor}`` validated against the
  round's version (``validacion.py``): a round is written and read as a whole, the
  dict keys are the stable question keys that the comparison between rounds uses, and
  the same code runs on SQLite and PostgreSQL. Every change is a Wagtail log entry with
  the changed answers.
- ``DiagnosticoPage``: the public aggregates of published rounds, on the national site.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page

from cms.plugins import PluginPageMixin
from regiones.models import OrganismoGarante, Region

from . import validacion
from .forms import EdicionForm, PreguntaForm, RespuestaAltaForm

CLAVE_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class CuestionarioBloqueado(ValidationError):
    """Raised when something tries to change a questionnaire version already in use."""


def mensaje_bloqueo(cuestionario):
    return _(
        "La versión %(version)s del cuestionario ya se usa en la edición «%(edicion)s» "
        "(%(estado)s): no se puede modificar, para que sus respuestas sigan siendo "
        "legibles. Cree una nueva versión con «Nueva versión» y haga ahí los cambios."
    ) % {
        "version": cuestionario.version,
        "edicion": cuestionario.edicion_que_bloquea(),
        "estado": cuestionario.edicion_que_bloquea().get_estado_display().lower(),
    }


# --------------------------------------------------------------------------------------------
# Questionnaire
# --------------------------------------------------------------------------------------------


class Cuestionario(ClusterableModel):
    version = models.PositiveSmallIntegerField(_("versión"), unique=True)
    nombre = models.CharField(_("nombre"), max_length=200)
    fecha = models.DateField(_("fecha"), default=timezone.localdate)
    descripcion = models.TextField(_("descripción"), blank=True)
    basado_en = models.ForeignKey(
        "self",
        verbose_name=_("copiado de la versión"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="versiones_siguientes",
    )

    panels = [
        FieldRowPanel([FieldPanel("version", read_only=True), FieldPanel("fecha")]),
        FieldPanel("nombre"),
        FieldPanel("descripcion"),
        InlinePanel("secciones", heading=_("Secciones"), label=_("Sección")),
    ]

    class Meta:
        verbose_name = _("cuestionario")
        verbose_name_plural = _("cuestionarios")
        ordering = ["-version"]

    def __str__(self):
        return f"{self.nombre} (versión {self.version})"

    # --- locking ------------------------------------------------------------------------

    def edicion_que_bloquea(self):
        if self.pk is None:
            return None
        return self.ediciones.exclude(estado=Edicion.Estado.BORRADOR).order_by("-inicio").first()

    @property
    def bloqueado(self):
        return self.edicion_que_bloquea() is not None

    def comprobar_editable(self):
        if self.bloqueado:
            raise CuestionarioBloqueado(mensaje_bloqueo(self))

    def clean(self):
        super().clean()
        self.comprobar_editable()

    def save(self, *args, **kwargs):
        if self.version is None:
            ultima = Cuestionario.objects.aggregate(m=Max("version"))["m"] or 0
            self.version = ultima + 1
        self.comprobar_editable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk and self.ediciones.exists():
            raise CuestionarioBloqueado(
                _("Esta versión del cuestionario tiene ediciones: no se puede eliminar.")
            )
        return super().delete(*args, **kwargs)

    # --- reading ------------------------------------------------------------------------

    def preguntas_ordenadas(self):
        return list(
            Pregunta.objects.filter(seccion__cuestionario=self)
            .select_related("seccion")
            .order_by("seccion__sort_order", "seccion__pk", "orden", "pk")
        )

    def por_seccion(self):
        """[(seccion, [preguntas])] in order."""
        grupos, actual = [], None
        for pregunta in self.preguntas_ordenadas():
            if actual is None or actual[0].pk != pregunta.seccion_id:
                actual = (pregunta.seccion, [])
                grupos.append(actual)
            actual[1].append(pregunta)
        return grupos

    def pregunta_necesidades(self):
        return next((p for p in self.preguntas_ordenadas() if p.necesidades_capacitacion), None)

    # --- versioning ---------------------------------------------------------------------

    @transaction.atomic
    def nueva_version(self, nombre=None, usuario=None):
        """A copy of this version (sections and questions) with the next version number."""
        ultima = Cuestionario.objects.select_for_update().aggregate(m=Max("version"))["m"] or 0
        copia = Cuestionario.objects.create(
            version=ultima + 1,
            nombre=nombre or self.nombre,
            descripcion=self.descripcion,
            basado_en=self,
        )
        for seccion in self.secciones.all():
            nueva = Seccion.objects.create(
                cuestionario=copia,
                titulo=seccion.titulo,
                descripcion=seccion.descripcion,
                sort_order=seccion.sort_order,
            )
            for pregunta in seccion.preguntas.all():
                pregunta.pk = None
                pregunta.id = None
                pregunta._state.adding = True
                pregunta.seccion = nueva
                pregunta.save()
        from wagtail.log_actions import log

        log(
            copia,
            "diagnostico.nueva_version",
            user=usuario,
            data={"basado_en": self.version, "version": copia.version},
        )
        return copia


class Seccion(Orderable):
    cuestionario = ParentalKey(Cuestionario, on_delete=models.CASCADE, related_name="secciones")
    titulo = models.CharField(_("título"), max_length=200)
    descripcion = models.TextField(_("descripción"), blank=True)

    panels = [FieldPanel("titulo"), FieldPanel("descripcion")]

    class Meta(Orderable.Meta):
        verbose_name = _("sección")
        verbose_name_plural = _("secciones")

    def __str__(self):
        return f"v{self.cuestionario.version} · {self.titulo}"

    @property
    def orden(self):
        return self.sort_order

    def save(self, *args, **kwargs):
        self.cuestionario.comprobar_editable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.cuestionario.comprobar_editable()
        return super().delete(*args, **kwargs)


class Pregunta(models.Model):
    class Tipo(models.TextChoices):
        NUMERO = "numero", _("Número")
        SI_NO = "si_no", _("Sí / No")
        OPCION_UNICA = "opcion_unica", _("Opción única")
        OPCION_MULTIPLE = "opcion_multiple", _("Opción múltiple")
        ESCALA = "escala", _("Escala del 1 al 5")
        TEXTO = "texto", _("Texto corto")

    TIPOS_CON_OPCIONES = (Tipo.OPCION_UNICA, Tipo.OPCION_MULTIPLE)

    seccion = models.ForeignKey(
        Seccion, verbose_name=_("sección"), on_delete=models.CASCADE, related_name="preguntas"
    )
    # Denormalised from the section so that a key is unique within one version.
    cuestionario = models.ForeignKey(
        Cuestionario, on_delete=models.CASCADE, related_name="preguntas", editable=False
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    clave = models.CharField(
        _("clave"),
        max_length=60,
        help_text=_(
            "Identificador estable (minúsculas, números y guion bajo). Se conserva entre "
            "versiones: con él se comparan las ediciones."
        ),
    )
    texto = models.CharField(_("pregunta"), max_length=300)
    ayuda = models.CharField(_("texto de ayuda"), max_length=300, blank=True)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    opciones = models.JSONField(
        _("opciones"),
        default=list,
        blank=True,
        help_text=_("Solo para opción única y opción múltiple: una opción por renglón."),
    )
    minimo = models.FloatField(_("mínimo"), null=True, blank=True)
    maximo = models.FloatField(_("máximo"), null=True, blank=True)
    obligatoria = models.BooleanField(_("obligatoria"), default=True)
    necesidades_capacitacion = models.BooleanField(
        _("sus opciones son temas de capacitación"),
        default=False,
        help_text=_(
            "Márquelo en la pregunta de opción múltiple sobre la capacitación que se "
            "necesita: sus respuestas se ordenan como necesidades y se pueden convertir "
            "en eventos."
        ),
    )

    base_form_class = PreguntaForm
    panels = [
        FieldPanel("seccion"),
        FieldRowPanel([FieldPanel("clave"), FieldPanel("orden")]),
        FieldPanel("texto"),
        FieldPanel("ayuda"),
        FieldRowPanel([FieldPanel("tipo"), FieldPanel("obligatoria")]),
        FieldPanel("opciones"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("minimo"), FieldPanel("maximo")])],
            heading=_("Límites (solo números)"),
        ),
        FieldPanel("necesidades_capacitacion"),
    ]

    class Meta:
        verbose_name = _("pregunta")
        verbose_name_plural = _("preguntas")
        ordering = ["cuestionario", "seccion__sort_order", "orden", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cuestionario", "clave"], name="diagnostico_clave_unica_por_version"
            )
        ]

    def __str__(self):
        return f"{self.clave} · {self.texto}"

    def save(self, *args, **kwargs):
        self.cuestionario = self.seccion.cuestionario
        self.cuestionario.comprobar_editable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.cuestionario.comprobar_editable()
        return super().delete(*args, **kwargs)

    @property
    def con_opciones(self):
        return self.tipo in self.TIPOS_CON_OPCIONES

    def clean(self):
        errores = {}
        if self.seccion_id:
            self.cuestionario = self.seccion.cuestionario
            self.cuestionario.comprobar_editable()
        if self.pk:
            anterior = Pregunta.objects.filter(pk=self.pk).select_related("cuestionario").first()
            if anterior and anterior.cuestionario_id != getattr(self.cuestionario, "pk", None):
                anterior.cuestionario.comprobar_editable()
        if self.clave and not CLAVE_RE.match(self.clave):
            errores["clave"] = _(
                "Use solo minúsculas sin acentos, números y guion bajo, empezando con letra "
                "(por ejemplo «personas_area»)."
            )
        opciones = self.opciones or []
        if self.con_opciones:
            if not isinstance(opciones, list) or len(opciones) < 2:
                errores["opciones"] = _("Escriba al menos dos opciones, una por renglón.")
            elif len(set(opciones)) != len(opciones):
                errores["opciones"] = _("Hay opciones repetidas.")
        elif opciones:
            errores["opciones"] = _("Solo las preguntas de opción llevan opciones.")
        if self.tipo != self.Tipo.NUMERO and (self.minimo is not None or self.maximo is not None):
            errores["minimo"] = _(
                "Mínimo y máximo solo aplican a preguntas de número (la escala siempre va "
                "del 1 al 5)."
            )
        if self.minimo is not None and self.maximo is not None and self.minimo > self.maximo:
            errores["maximo"] = _("El máximo no puede ser menor que el mínimo.")
        if self.necesidades_capacitacion and self.tipo != self.Tipo.OPCION_MULTIPLE:
            errores["necesidades_capacitacion"] = _(
                "Solo una pregunta de opción múltiple puede listar temas de capacitación."
            )
        if errores:
            raise ValidationError(errores)


# --------------------------------------------------------------------------------------------
# Rounds
# --------------------------------------------------------------------------------------------


class EdicionQuerySet(models.QuerySet):
    def publicadas(self):
        return self.filter(estado=Edicion.Estado.PUBLICADA)


class Edicion(models.Model):
    class Estado(models.TextChoices):
        BORRADOR = "borrador", _("Borrador")
        ABIERTA = "abierta", _("Abierta")
        CERRADA = "cerrada", _("Cerrada")
        PUBLICADA = "publicada", _("Publicada")

    #: The allowed transitions. A closed round may be reopened (an extended deadline) and
    #: a published one withdrawn (back to closed); nothing goes back to draft.
    TRANSICIONES = {
        Estado.BORRADOR: (Estado.ABIERTA,),
        Estado.ABIERTA: (Estado.CERRADA,),
        Estado.CERRADA: (Estado.PUBLICADA, Estado.ABIERTA),
        Estado.PUBLICADA: (Estado.CERRADA,),
    }
    ETIQUETAS_TRANSICION = {
        Estado.ABIERTA: _("Abrir para respuestas"),
        Estado.CERRADA: _("Cerrar"),
        Estado.PUBLICADA: _("Publicar resultados"),
    }

    nombre = models.CharField(_("nombre"), max_length=200, help_text=_("Por ejemplo «2024»."))
    slug = models.SlugField(
        _("identificador"), max_length=60, unique=True, help_text=_("Parte de la dirección.")
    )
    inicio = models.DateField(_("inicio del periodo"))
    fin = models.DateField(_("fin del periodo"))
    cuestionario = models.ForeignKey(
        Cuestionario,
        verbose_name=_("versión del cuestionario"),
        on_delete=models.PROTECT,
        related_name="ediciones",
    )
    estado = models.CharField(
        _("estado"), max_length=20, choices=Estado.choices, default=Estado.BORRADOR
    )
    publica_respuestas_individuales = models.BooleanField(
        _("publicar las respuestas de cada institución"),
        default=False,
        help_text=_(
            "Si no se marca, al publicar solo se muestran resultados agregados, nunca las "
            "respuestas de una institución."
        ),
    )
    introduccion = models.TextField(_("introducción pública"), blank=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = EdicionQuerySet.as_manager()

    base_form_class = EdicionForm
    panels = [
        FieldRowPanel([FieldPanel("nombre"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("inicio"), FieldPanel("fin")], heading=_("Periodo")),
        FieldPanel("cuestionario"),
        FieldPanel("estado", read_only=True),
        FieldPanel("publica_respuestas_individuales"),
        FieldPanel("introduccion"),
    ]

    class Meta:
        verbose_name = _("edición del diagnóstico")
        verbose_name_plural = _("ediciones del diagnóstico")
        ordering = ["-inicio", "-pk"]

    def __str__(self):
        return self.nombre

    def clean(self):
        errores = {}
        if self.inicio and self.fin and self.fin < self.inicio:
            errores["fin"] = _("El periodo no puede terminar antes de empezar.")
        if self.pk:
            guardada = Edicion.objects.filter(pk=self.pk).first()
            if (
                guardada
                and guardada.estado != self.Estado.BORRADOR
                and guardada.cuestionario_id != self.cuestionario_id
            ):
                errores["cuestionario"] = _(
                    "La edición ya se abrió: su versión del cuestionario no se cambia."
                )
        if errores:
            raise ValidationError(errores)

    @property
    def abierta(self):
        return self.estado == self.Estado.ABIERTA

    @property
    def publicada(self):
        return self.estado == self.Estado.PUBLICADA

    def transiciones_permitidas(self):
        return list(self.TRANSICIONES.get(self.estado, ()))

    def mensaje_transicion_rechazada(self, nuevo):
        etiquetas = dict(self.Estado.choices)
        permitidos = self.transiciones_permitidas()
        return _(
            "No se puede pasar de «%(actual)s» a «%(nuevo)s». Desde «%(actual)s» solo se "
            "puede pasar a %(permitidos)s."
        ) % {
            "actual": etiquetas.get(self.estado, self.estado),
            "nuevo": etiquetas.get(nuevo, nuevo),
            "permitidos": validacion.lista([etiquetas[e] for e in permitidos]),
        }

    def transicionar(self, nuevo, usuario=None):
        from wagtail.log_actions import log

        nuevo = str(nuevo)
        with transaction.atomic():
            guardada = Edicion.objects.select_for_update().get(pk=self.pk)
            self.estado = guardada.estado
            if nuevo not in self.transiciones_permitidas():
                raise ValidationError(self.mensaje_transicion_rechazada(nuevo))
            if nuevo == self.Estado.ABIERTA and not self.cuestionario.preguntas.exists():
                raise ValidationError(
                    _("La versión del cuestionario no tiene preguntas: no se puede abrir.")
                )
            anterior = self.estado
            self.estado = nuevo
            self.save(update_fields=["estado", "actualizado"])
            log(
                self,
                "diagnostico.cambio_estado",
                user=usuario,
                data={"anterior": anterior, "nuevo": nuevo},
            )

    def organismos_convocados(self):
        """Institutions asked to answer: the guarantor bodies and successor authorities
        still in place, plus any that answered this round."""
        tipos = (
            OrganismoGarante.Tipo.GARANTE_NACIONAL,
            OrganismoGarante.Tipo.GARANTE_ESTATAL,
            OrganismoGarante.Tipo.SUCESOR,
        )
        return OrganismoGarante.objects.filter(
            models.Q(tipo__in=tipos, estado__in=["vigente", "en_extincion"])
            | models.Q(respuestas_diagnostico__edicion=self)
        ).distinct()

    def anterior(self, solo_publicadas=False):
        """The previous round (by start date) to compare with."""
        previas = Edicion.objects.filter(inicio__lt=self.inicio).exclude(pk=self.pk)
        if solo_publicadas:
            previas = previas.publicadas()
        else:
            previas = previas.exclude(estado=self.Estado.BORRADOR)
        return previas.order_by("-inicio").select_related("cuestionario").first()


# --------------------------------------------------------------------------------------------
# Answers
# --------------------------------------------------------------------------------------------


class RespuestaBloqueada(ValidationError):
    pass


class Respuesta(models.Model):
    class Estado(models.TextChoices):
        BORRADOR = "borrador", _("Borrador")
        ENVIADA = "enviada", _("Enviada")

    edicion = models.ForeignKey(
        Edicion, verbose_name=_("edición"), on_delete=models.PROTECT, related_name="respuestas"
    )
    organismo = models.ForeignKey(
        "regiones.OrganismoGarante",
        verbose_name=_("institución"),
        on_delete=models.PROTECT,
        related_name="respuestas_diagnostico",
    )
    estado = models.CharField(
        _("estado"), max_length=20, choices=Estado.choices, default=Estado.BORRADOR
    )
    respuestas = models.JSONField(_("respuestas"), default=dict, blank=True)
    enviada_en = models.DateTimeField(_("enviada el"), null=True, blank=True)
    enviada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enviada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    creada = models.DateTimeField(_("creada"), auto_now_add=True)
    actualizada = models.DateTimeField(_("actualizada"), auto_now=True)

    base_form_class = RespuestaAltaForm
    panels = [FieldPanel("edicion"), FieldPanel("organismo")]

    class Meta:
        verbose_name = _("respuesta al diagnóstico")
        verbose_name_plural = _("respuestas al diagnóstico")
        ordering = ["-edicion__inicio", "organismo__region__orden", "organismo__nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["edicion", "organismo"], name="diagnostico_una_respuesta_por_edicion"
            )
        ]

    def __str__(self):
        organismo = self.organismo.siglas or self.organismo.nombre
        return f"{self.edicion} · {organismo}"

    @property
    def region(self):
        return self.organismo.region

    @property
    def enviada(self):
        return self.estado == self.Estado.ENVIADA

    def mensaje_bloqueo(self):
        return _(
            "La edición «%(edicion)s» está %(estado)s: ya no se pueden modificar sus respuestas."
        ) % {"edicion": self.edicion, "estado": self.edicion.get_estado_display().lower()}

    def comprobar_editable(self):
        if not self.edicion.abierta:
            raise RespuestaBloqueada(self.mensaje_bloqueo())

    def clean(self):
        if self.edicion_id and self.pk is None and not self.edicion.abierta:
            raise ValidationError({"edicion": _("Solo se responden las ediciones abiertas.")})

    def guardar(self, datos, usuario=None, enviar=False):
        """Validate and store the answers; ``enviar`` submits (needs every required one).

        Raises RespuestaBloqueada when the round is not open and ValidationError with
        ``{clave: message}`` when an answer is wrong; nothing is saved then.
        """
        from wagtail.log_actions import log

        with transaction.atomic():
            guardada = (
                Respuesta.objects.select_for_update().select_related("edicion").get(pk=self.pk)
            )
            self.edicion = guardada.edicion
            self.comprobar_editable()
            preguntas = self.edicion.cuestionario.preguntas_ordenadas()
            limpios, errores = validacion.validar(preguntas, datos, completa=enviar)
            if errores:
                raise ValidationError(errores)
            antes = guardada.respuestas or {}
            cambios = {
                clave: {"antes": antes.get(clave), "despues": limpios.get(clave)}
                for clave in sorted(set(antes) | set(limpios))
                if antes.get(clave) != limpios.get(clave)
            }
            estado_anterior = guardada.estado
            self.respuestas = limpios
            if enviar:
                self.estado = self.Estado.ENVIADA
                self.enviada_en = timezone.now()
                self.enviada_por = usuario if getattr(usuario, "pk", None) else None
            else:
                self.estado = self.Estado.BORRADOR
            self.save()
            if cambios or estado_anterior != self.estado:
                log(
                    self,
                    "diagnostico.respuesta_enviada" if enviar else "diagnostico.respuesta_guardada",
                    user=usuario,
                    data={
                        "cambios": cambios,
                        "estado_anterior": estado_anterior,
                        "estado": self.estado,
                    },
                )
        return cambios

    def respondidas(self, preguntas):
        return sum(1 for p in preguntas if not validacion.vacio(self.respuestas.get(p.clave)))


class NecesidadAtendida(models.Model):
    """A training need of a round turned into a draft event (so it is not done twice)."""

    edicion = models.ForeignKey(
        Edicion, on_delete=models.CASCADE, related_name="necesidades_atendidas"
    )
    tema = models.CharField(_("tema"), max_length=200)
    region = models.ForeignKey(
        "regiones.Region", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    evento = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    creada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("necesidad de capacitación atendida")
        verbose_name_plural = _("necesidades de capacitación atendidas")
        ordering = ["-creada"]

    def __str__(self):
        return f"{self.edicion} · {self.tema}"


# --------------------------------------------------------------------------------------------
# Public page
# --------------------------------------------------------------------------------------------


class DiagnosticoPage(PluginPageMixin, RoutablePageMixin, Page):
    """Aggregates of the published rounds. On the national site only."""

    plugin_label = "diagnostico"

    introduccion = models.TextField(_("introducción"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduccion")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "diagnostico/diagnostico_page.html"

    class Meta:
        verbose_name = _("diagnóstico de comunicación")
        verbose_name_plural = _("diagnósticos de comunicación")

    @classmethod
    def can_create_at(cls, parent):
        if not super().can_create_at(parent):
            return False
        region = Region.for_site(parent.get_site())
        return region is not None and region.es_nacional

    def url_edicion(self, edicion):
        return f"{self.url}{edicion.slug}/"

    @path("")
    def listado(self, request):
        from .views import listado_context

        return self.render(request, context_overrides=listado_context(self, request))

    @path("<slug:slug>/")
    def edicion(self, request, slug):
        from .views import edicion_context

        context = edicion_context(self, request, slug)
        if context is None:
            raise Http404("No encontramos esa edición publicada del diagnóstico.")
        return self.render(request, context_overrides=context, template="diagnostico/edicion.html")

    @path("<slug:slug>/<slug:clave>/")
    def institucion(self, request, slug, clave):
        from .views import institucion_context

        context = institucion_context(self, request, slug, clave)
        if context is None:
            raise Http404("Las respuestas de cada institución no se publican en esta edición.")
        return self.render(
            request, context_overrides=context, template="diagnostico/institucion.html"
        )
