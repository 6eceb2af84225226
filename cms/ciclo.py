"""Lifecycle of agreements: states, allowed transitions, date rules and history.

One component for every plugin whose records are agreements that get negotiated,
signed, run and end (the alliance tracker's ``Convenio``, the official-media registry's
agreements…). A plugin uses it in three steps:

1. its model inherits :class:`CicloMixin` (``estado`` and the agreement dates) and uses
   :class:`CicloQuerySet` (``publicos()``);
2. it declares a concrete history model inheriting :class:`HistorialCicloBase` with a
   foreign key named ``registro`` whose ``related_name`` is the mixin's
   ``historial_relacion`` (``"historial"`` by default); the plugin's migration creates it,
   so core owns no table;
3. its admin uses :class:`CicloFormMixin` in the edit form (the state is read-only once
   the record exists) and a subclass of :class:`TransicionView` to change state.

States
    identificado → en_negociacion → firmado → vigente → concluido (or firmado → concluido),
    plus vencido and cancelado. Only the transitions in :data:`TRANSICIONES` are allowed;
    concluido and cancelado are final.

Public states
    firmado, vigente, concluido **and vencido**. An expired agreement was signed: that it
    exists and that its term lapsed is public information, and hiding it would hide
    unfulfilled commitments. identificado and en_negociacion are internal drafts;
    cancelado is never public (an agreement cancelled before or after signing is an
    internal record of the negotiation).
"""

from datetime import timedelta
from functools import cache

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Estado(models.TextChoices):
    IDENTIFICADO = "identificado", _("Identificado")
    EN_NEGOCIACION = "en_negociacion", _("En negociación")
    FIRMADO = "firmado", _("Firmado")
    VIGENTE = "vigente", _("Vigente")
    CONCLUIDO = "concluido", _("Concluido")
    VENCIDO = "vencido", _("Vencido")
    CANCELADO = "cancelado", _("Cancelado")


#: The allowed transitions, explicitly: state -> states it may move to.
TRANSICIONES = {
    Estado.IDENTIFICADO: (Estado.EN_NEGOCIACION, Estado.CANCELADO),
    Estado.EN_NEGOCIACION: (Estado.FIRMADO, Estado.CANCELADO, Estado.IDENTIFICADO),
    # firmado -> concluido: an agreement that ran its course (a one-off event, a term that
    # passed) without ever being marked current.
    Estado.FIRMADO: (Estado.VIGENTE, Estado.CONCLUIDO, Estado.CANCELADO),
    Estado.VIGENTE: (Estado.CONCLUIDO, Estado.VENCIDO, Estado.CANCELADO),
    # vencido -> vigente is a renewal: it needs a new end of term.
    Estado.VENCIDO: (Estado.VIGENTE, Estado.CONCLUIDO),
    Estado.CONCLUIDO: (),
    Estado.CANCELADO: (),
}

#: Shown to citizens (pages, API, open data, search).
ESTADOS_PUBLICOS = (Estado.FIRMADO, Estado.VIGENTE, Estado.CONCLUIDO, Estado.VENCIDO)
#: Internal only, whatever else happens.
ESTADOS_INTERNOS = (Estado.IDENTIFICADO, Estado.EN_NEGOCIACION, Estado.CANCELADO)
#: No transition leaves them.
ESTADOS_FINALES = (Estado.CONCLUIDO, Estado.CANCELADO)
#: Signed and not closed: commitments still run.
ESTADOS_EN_CURSO = (Estado.FIRMADO, Estado.VIGENTE, Estado.VENCIDO)
#: States that need a signature date.
ESTADOS_FIRMADOS = (Estado.FIRMADO, Estado.VIGENTE, Estado.CONCLUIDO, Estado.VENCIDO)

#: How a transition reads in the admin when "Pasar a «…»" is not enough.
ETIQUETAS_TRANSICION = {
    (Estado.VENCIDO, Estado.VIGENTE): _("Renovar (vuelve a estar vigente)"),
    (Estado.EN_NEGOCIACION, Estado.IDENTIFICADO): _("Regresar a «Identificado»"),
}

CAMPOS_FECHA = ("fecha_firma", "vigencia_inicio", "vigencia_fin")


def etiqueta(estado):
    return Estado(estado).label if estado in Estado.values else str(estado)


def _lista(estados):
    nombres = [f"«{etiqueta(e)}»" for e in estados]
    if len(nombres) <= 1:
        return "".join(nombres)
    return ", ".join(nombres[:-1]) + " o " + nombres[-1]


def _fecha(value):
    return value.strftime("%d/%m/%Y")


def transicion_permitida(actual, nuevo):
    return nuevo in TRANSICIONES.get(actual, ())


def etiqueta_transicion(actual, nuevo):
    return ETIQUETAS_TRANSICION.get((actual, nuevo)) or _("Pasar a «%(estado)s»") % {
        "estado": etiqueta(nuevo)
    }


def mensaje_transicion_rechazada(actual, nuevo):
    if nuevo not in Estado.values:
        return _("«%(nuevo)s» no es un estado válido. Los estados son: %(estados)s.") % {
            "nuevo": nuevo,
            "estados": _lista(Estado.values),
        }
    if actual == nuevo:
        return _("El registro ya está en «%(estado)s».") % {"estado": etiqueta(actual)}
    permitidos = TRANSICIONES.get(actual, ())
    if not permitidos:
        return _(
            "No se puede pasar de «%(actual)s» a «%(nuevo)s»: «%(actual)s» es un estado "
            "final y ya no cambia."
        ) % {"actual": etiqueta(actual), "nuevo": etiqueta(nuevo)}
    return _(
        "No se puede pasar de «%(actual)s» a «%(nuevo)s». Desde «%(actual)s» solo se puede "
        "pasar a %(permitidos)s."
    ) % {"actual": etiqueta(actual), "nuevo": etiqueta(nuevo), "permitidos": _lista(permitidos)}


def validar_fechas(estado, fecha_firma=None, vigencia_inicio=None, vigencia_fin=None, hoy=None):
    """Date rules that a state cannot contradict: {field: message}; empty when valid."""
    hoy = hoy or timezone.localdate()
    errores = {}
    nombre = etiqueta(estado)

    def error(campo, mensaje):
        errores.setdefault(campo, mensaje)

    if vigencia_inicio and vigencia_fin and vigencia_fin < vigencia_inicio:
        error(
            "vigencia_fin",
            _("La vigencia no puede terminar (%(fin)s) antes de empezar (%(inicio)s).")
            % {"fin": _fecha(vigencia_fin), "inicio": _fecha(vigencia_inicio)},
        )
    if fecha_firma and fecha_firma > hoy:
        error(
            "fecha_firma",
            _("La fecha de firma (%(fecha)s) no puede estar en el futuro.")
            % {"fecha": _fecha(fecha_firma)},
        )
    if fecha_firma and vigencia_fin and fecha_firma > vigencia_fin:
        error(
            "fecha_firma",
            _("La firma (%(firma)s) no puede ser posterior al fin de la vigencia (%(fin)s).")
            % {"firma": _fecha(fecha_firma), "fin": _fecha(vigencia_fin)},
        )
    if estado in (Estado.IDENTIFICADO, Estado.EN_NEGOCIACION) and fecha_firma:
        error(
            "fecha_firma",
            _(
                "En «%(estado)s» todavía no hay firma: deje vacía la fecha de firma o cambie "
                "el estado."
            )
            % {"estado": nombre},
        )
    if estado in ESTADOS_FIRMADOS and not fecha_firma:
        error(
            "fecha_firma",
            _("Para estar en «%(estado)s» se necesita la fecha de firma.") % {"estado": nombre},
        )
    if estado == Estado.VIGENTE:
        if vigencia_inicio and vigencia_inicio > hoy:
            error(
                "vigencia_inicio",
                _(
                    "La vigencia empieza el %(inicio)s: hasta entonces el registro está "
                    "«Firmado», no «Vigente»."
                )
                % {"inicio": _fecha(vigencia_inicio)},
            )
        if vigencia_fin and vigencia_fin < hoy:
            error(
                "vigencia_fin",
                _(
                    "La vigencia terminó el %(fin)s: no puede estar «Vigente». Márquelo "
                    "«Vencido» o «Concluido», o registre la nueva fecha de fin si se renovó."
                )
                % {"fin": _fecha(vigencia_fin)},
            )
    if estado == Estado.VENCIDO and not (vigencia_fin and vigencia_fin < hoy):
        error(
            "vigencia_fin",
            _("Para estar «Vencido» se necesita un fin de vigencia anterior a hoy."),
        )
    return errores


class CicloQuerySet(models.QuerySet):
    def publicos(self):
        """Records citizens may see: signed, current, concluded or expired."""
        return self.filter(estado__in=ESTADOS_PUBLICOS)

    def internos(self):
        return self.filter(estado__in=ESTADOS_INTERNOS)

    def en_curso(self):
        return self.filter(estado__in=ESTADOS_EN_CURSO)

    def por_terminar(self, dias=90, hoy=None):
        """Signed or current records whose term ends within ``dias`` days from today."""
        hoy = hoy or timezone.localdate()
        return self.filter(
            estado__in=(Estado.FIRMADO, Estado.VIGENTE),
            vigencia_fin__gte=hoy,
            vigencia_fin__lte=hoy + timedelta(days=dias),
        )


def publicos(queryset):
    """The public records of any queryset of a model using the lifecycle."""
    return queryset.filter(estado__in=ESTADOS_PUBLICOS)


class CicloMixin(models.Model):
    """State and agreement dates, changed only through :meth:`transicionar`."""

    estado = models.CharField(
        _("estado"),
        max_length=20,
        choices=Estado.choices,
        default=Estado.IDENTIFICADO,
        db_index=True,
    )
    fecha_firma = models.DateField(_("fecha de firma"), null=True, blank=True)
    vigencia_inicio = models.DateField(_("inicio de la vigencia"), null=True, blank=True)
    vigencia_fin = models.DateField(_("fin de la vigencia"), null=True, blank=True)

    #: related_name of the concrete history model's ``registro`` foreign key.
    historial_relacion = "historial"

    class Meta:
        abstract = True

    # --- reading ----------------------------------------------------------------------

    @property
    def es_publico(self):
        return self.estado in ESTADOS_PUBLICOS

    @property
    def es_final(self):
        return self.estado in ESTADOS_FINALES

    def transiciones_permitidas(self):
        return list(TRANSICIONES.get(self.estado, ()))

    def puede_pasar_a(self, nuevo_estado):
        return transicion_permitida(self.estado, nuevo_estado)

    def get_historial(self):
        return getattr(self, self.historial_relacion).select_related("usuario")

    def _estado_guardado(self):
        if self.pk is None:
            return None
        return (
            type(self)._default_manager.filter(pk=self.pk).values_list("estado", flat=True).first()
        )

    # --- validating -------------------------------------------------------------------

    def errores_de_fechas(self, hoy=None):
        return validar_fechas(
            self.estado, self.fecha_firma, self.vigencia_inicio, self.vigencia_fin, hoy=hoy
        )

    def clean(self):
        super().clean()
        errores = dict(self.errores_de_fechas())
        guardado = self._estado_guardado()
        if guardado is not None and guardado != self.estado and not self._en_transicion():
            errores["estado"] = _(
                "El estado no se cambia editando el registro: use «Cambiar estado», que "
                "solo ofrece los cambios permitidos y los deja en el historial."
            )
        if errores:
            raise ValidationError(errores)

    def _en_transicion(self):
        return getattr(self, "_transicion_en_curso", False)

    # --- changing state ---------------------------------------------------------------

    def transicionar(self, nuevo_estado, usuario, comentario, hoy=None, **fechas):
        """Move to ``nuevo_estado`` if the table allows it, and record who, when and why.

        ``fechas`` may set ``fecha_firma``, ``vigencia_inicio`` or ``vigencia_fin`` in the
        same step (for example the signature date when signing, or the new end of term
        when renewing). Raises ValidationError with a Spanish message when the transition
        is not allowed, the comment is missing or the dates contradict the new state;
        nothing is saved then.
        """
        desconocidos = set(fechas) - set(CAMPOS_FECHA)
        if desconocidos:
            raise TypeError(f"Campos que no son fechas del ciclo: {sorted(desconocidos)}")
        nuevo_estado = str(nuevo_estado)
        if self.pk is None:
            raise ValidationError(_("Guarde el registro antes de cambiar su estado."))
        if not transicion_permitida(self.estado, nuevo_estado):
            raise ValidationError(
                {"estado": mensaje_transicion_rechazada(self.estado, nuevo_estado)}
            )
        comentario = (comentario or "").strip()
        if not comentario:
            raise ValidationError(
                {"comentario": _("Escriba un comentario que explique el cambio de estado.")}
            )
        with transaction.atomic():
            guardado = type(self)._default_manager.select_for_update().filter(pk=self.pk).first()
            if guardado is None or guardado.estado != self.estado:
                raise ValidationError(
                    _(
                        "Otra persona cambió el estado mientras usted trabajaba: ahora está en "
                        "«%(estado)s». Revise el registro e inténtelo de nuevo."
                    )
                    % {"estado": etiqueta(guardado.estado if guardado else "")}
                )
            anterior = {campo: getattr(self, campo) for campo in ("estado", *CAMPOS_FECHA)}
            for campo, valor in fechas.items():
                setattr(self, campo, valor)
            self.estado = nuevo_estado
            errores = self.errores_de_fechas(hoy=hoy)
            if errores:
                for campo, valor in anterior.items():
                    setattr(self, campo, valor)
                raise ValidationError(errores)
            self._transicion_en_curso = True
            try:
                self.save(update_fields=["estado", *fechas])
            finally:
                self._transicion_en_curso = False
            entrada = self.registrar_historial(
                anterior["estado"], nuevo_estado, usuario, comentario
            )
        self.al_transicionar(entrada)
        return entrada

    def registrar_historial(self, anterior, nuevo, usuario, comentario):
        return getattr(self, self.historial_relacion).create(
            estado_anterior=anterior or "",
            estado_nuevo=nuevo,
            usuario=usuario if getattr(usuario, "pk", None) else None,
            comentario=comentario,
        )

    def registrar_alta(self, usuario, comentario=""):
        """The first history row: the state the record was created in."""
        return self.registrar_historial(
            "",
            self.estado,
            usuario,
            comentario or _("Registro creado en «%(estado)s».") % {"estado": etiqueta(self.estado)},
        )

    def al_transicionar(self, entrada):
        """Called after a transition was saved (e.g. to write the admin log)."""


def modelos_con_ciclo():
    """Every installed concrete model that uses the lifecycle (core and plugins alike)."""
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if issubclass(model, CicloMixin) and not model._meta.abstract
    ]


def actualizar_vigencias(hoy=None):
    """What the calendar decides on its own, once a day: a signed record whose term has
    started becomes «Vigente»; a current one whose term ended becomes «Vencido». Each change
    goes through :meth:`CicloMixin.transicionar` (history row without a person, log entry).

    Returns ``{model label: {"vigentes": n, "vencidos": n, "revisar": n}}``; «revisar»
    counts signed records whose whole term passed without ever being current: a person
    decides whether they concluded or were renewed with a new term."""
    hoy = hoy or timezone.localdate()
    en_vigor = models.Q(vigencia_fin__isnull=True) | models.Q(vigencia_fin__gte=hoy)
    reglas = (
        # (count, records it applies to, new state, why)
        (
            "vigentes",
            models.Q(estado=Estado.FIRMADO, vigencia_inicio__lte=hoy) & en_vigor,
            Estado.VIGENTE,
            lambda r: (
                _("Entró en vigor el %(fecha)s (cambio automático por fecha).")
                % {"fecha": _fecha(r.vigencia_inicio)}
            ),
        ),
        (
            "vencidos",
            models.Q(estado=Estado.VIGENTE, vigencia_fin__lt=hoy),
            Estado.VENCIDO,
            lambda r: (
                _("Su vigencia terminó el %(fecha)s (cambio automático por fecha).")
                % {"fecha": _fecha(r.vigencia_fin)}
            ),
        ),
    )
    resumen = {}
    for model in modelos_con_ciclo():
        manager = model._default_manager
        cuentas = {}
        for cuenta, condicion, nuevo, motivo in reglas:
            registros = list(manager.filter(condicion))
            for registro in registros:
                registro.transicionar(nuevo, None, motivo(registro), hoy=hoy)
            cuentas[cuenta] = len(registros)
        cuentas["revisar"] = manager.filter(estado=Estado.FIRMADO, vigencia_fin__lt=hoy).count()
        resumen[model._meta.label] = cuentas
    return resumen


class HistorialCicloBase(models.Model):
    """One change of state. The concrete model adds ``registro`` (FK to the record)."""

    estado_anterior = models.CharField(
        _("estado anterior"),
        max_length=20,
        choices=Estado.choices,
        blank=True,
        help_text=_("Vacío en el registro de alta."),
    )
    estado_nuevo = models.CharField(_("estado nuevo"), max_length=20, choices=Estado.choices)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fecha = models.DateTimeField(_("fecha"), default=timezone.now, db_index=True)
    comentario = models.TextField(_("comentario"), blank=True)

    class Meta:
        abstract = True
        ordering = ["-fecha", "-pk"]
        verbose_name = _("cambio de estado")
        verbose_name_plural = _("historial de estados")

    def __str__(self):
        if not self.estado_anterior:
            return f"Alta en «{etiqueta(self.estado_nuevo)}»"
        return f"«{etiqueta(self.estado_anterior)}» → «{etiqueta(self.estado_nuevo)}»"


# --- Admin forms and view -----------------------------------------------------------------


class CicloFormMixin:
    """For the record's admin form: ``estado`` is chosen on creation only.

    ``estados_de_alta(user)`` limits the states a record may be created in (override to
    keep public states for the people who may publish).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("estado")
        if field is None:
            return
        if self.instance.pk:
            field.disabled = True
            field.help_text = _(
                "Para cambiar el estado use «Cambiar estado»: solo ofrece los cambios "
                "permitidos y los deja en el historial."
            )
        else:
            permitidos = self.estados_de_alta(getattr(self, "for_user", None))
            field.choices = [(v, lbl) for v, lbl in Estado.choices if v in permitidos]

    def estados_de_alta(self, user):
        return list(Estado.values)


class TransicionForm(forms.Form):
    """Target state (only the allowed ones), a comment, and the dates it may need."""

    nuevo_estado = forms.ChoiceField(label=_("Nuevo estado"), widget=forms.RadioSelect)
    comentario = forms.CharField(
        label=_("Comentario"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Por qué cambia el estado. Queda en el historial con su nombre y la fecha."),
    )
    fecha_firma = forms.DateField(
        label=_("Fecha de firma"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    vigencia_inicio = forms.DateField(
        label=_("Inicio de la vigencia"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    vigencia_fin = forms.DateField(
        label=_("Fin de la vigencia"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Al renovar, escriba la nueva fecha de fin."),
    )

    def __init__(self, *args, instance, estados, **kwargs):
        self.instance = instance
        kwargs.setdefault("initial", {campo: getattr(instance, campo) for campo in CAMPOS_FECHA})
        super().__init__(*args, **kwargs)
        self.fields["nuevo_estado"].choices = [
            (estado, etiqueta_transicion(instance.estado, estado)) for estado in estados
        ]

    def save(self, usuario):
        data = self.cleaned_data
        fechas = {campo: data.get(campo) for campo in CAMPOS_FECHA}
        try:
            return self.instance.transicionar(
                data["nuevo_estado"], usuario, data["comentario"], **fechas
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for campo, mensajes in error.message_dict.items():
                    destino = campo if campo in self.fields else None
                    if campo == "estado":
                        destino = "nuevo_estado"
                    for mensaje in mensajes:
                        self.add_error(destino, mensaje)
            else:
                for mensaje in error.messages:
                    self.add_error(None, mensaje)
            return None


@cache
def get_transicion_view_base():
    """The generic admin view to change a record's state (built lazily, admin-only imports)."""
    from django.shortcuts import get_object_or_404, redirect
    from django.views.generic import FormView
    from wagtail.admin import messages
    from wagtail.admin.views.generic import WagtailAdminTemplateMixin

    class TransicionView(WagtailAdminTemplateMixin, FormView):
        """Subclass and set ``model``, ``permission_policy`` and ``url_listado``.

        ``estados_permitidos(user, obj)`` narrows the allowed transitions (for example, to
        keep public states for the people who may publish).
        """

        model = None
        permission_policy = None
        permiso = "change"
        url_listado = None
        template_name = "cms/ciclo/transicion.html"
        header_icon = "resubmit"

        def dispatch(self, request, pk, *args, **kwargs):
            self.object = get_object_or_404(self.model._default_manager, pk=pk)
            if not self.permission_policy.user_has_permission_for_instance(
                request.user, self.permiso, self.object
            ):
                raise PermissionDenied
            return super().dispatch(request, *args, **kwargs)

        def get_page_title(self):
            return _("Cambiar estado")

        def get_page_subtitle(self):
            return str(self.object)

        def estados_permitidos(self, user, obj):
            return obj.transiciones_permitidas()

        def get_form_class(self):
            return TransicionForm

        def get_form_kwargs(self):
            kwargs = super().get_form_kwargs()
            kwargs["instance"] = self.object
            kwargs["estados"] = self.estados_permitidos(self.request.user, self.object)
            return kwargs

        def get_success_url(self):
            from django.urls import reverse

            return reverse(self.url_listado)

        def get_context_data(self, **kwargs):
            context = super().get_context_data(**kwargs)
            context.update(
                {
                    "object": self.object,
                    "estado_actual": etiqueta(self.object.estado),
                    "historial": list(self.object.get_historial()),
                    "sin_transiciones": not self.estados_permitidos(self.request.user, self.object),
                    "url_listado": self.get_success_url(),
                }
            )
            return context

        def form_valid(self, form):
            entrada = form.save(self.request.user)
            if entrada is None:
                return self.form_invalid(form)
            messages.success(
                self.request,
                _("«%(objeto)s» pasó a «%(estado)s».")
                % {"objeto": self.object, "estado": etiqueta(entrada.estado_nuevo)},
            )
            return redirect(self.get_success_url())

    return TransicionView


def register_lifecycle_admin(model, transition_url_name, log_action):
    """Admin wiring shared by every agreement model that uses the lifecycle: a «Cambiar
    estado» button in its listing, the first history row on creation, and the log action
    its transitions write. Call it from the plugin's wagtail_hooks.py."""
    from django.urls import reverse
    from wagtail import hooks
    from wagtail.admin.widgets.button import ListingButton
    from wagtail.permissions import policy_registry

    def transition_button(snippet, user, next_url=None):
        if not isinstance(snippet, model) or snippet.es_final:
            return []
        policy = policy_registry.get_by_type(model)
        if not policy.user_has_permission_for_instance(user, "change", snippet):
            return []
        return [
            ListingButton(
                _("Cambiar estado"),
                url=reverse(transition_url_name, args=[snippet.pk]),
                icon_name="resubmit",
                priority=15,
            )
        ]

    def record_creation(request, instance):
        if isinstance(instance, model):
            instance.registrar_alta(request.user)

    def register_log_action(actions):
        actions.register_action(log_action, _("Cambio de estado"), _("Cambió el estado"))

    hooks.register("register_snippet_listing_buttons", transition_button)
    hooks.register("after_create_snippet", record_creation)
    hooks.register("register_log_actions", register_log_action)
