"""Admin views: round state changes, new questionnaire versions, the answer sheet,
results (scoped to the user's regions), spreadsheet exports, need → event, and the
dashboard panel."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from cms.aislamiento import alcanzable
from cms.permissions import VIEW_ACTIONS
from regiones.models import Region

from . import acciones, exportar
from . import resultados as res
from .forms import NuevaVersionForm, ResponderForm, TransicionEdicionForm
from .models import Cuestionario, Edicion, NecesidadAtendida, Respuesta, RespuestaBloqueada

LISTADO_EDICIONES = "wagtailsnippets_diagnostico_edicion:list"
LISTADO_RESPUESTAS = "wagtailsnippets_diagnostico_respuesta:list"
EDITAR_CUESTIONARIO = "wagtailsnippets_diagnostico_cuestionario:edit"


def politica_respuestas():
    return policy_registry.get_by_type(Respuesta)


def puede_responder(user, respuesta):
    """Only the institution's region (its editors and coordination) fills in its answers;
    the national coordination sees every answer but fills in only national institutions'."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if not politica_respuestas().user_has_permission_for_instance(user, "change", respuesta):
        return False
    return Region.objects.for_user(user).filter(pk=respuesta.organismo.region_id).exists()


# --- Rounds -------------------------------------------------------------------------------


class TransicionEdicionView(WagtailAdminTemplateMixin, FormView):
    template_name = "diagnostico/admin/transicion.html"
    form_class = TransicionEdicionForm
    header_icon = "resubmit"

    def dispatch(self, request, pk, *args, **kwargs):
        self.edicion = get_object_or_404(Edicion, pk=pk)
        if not policy_registry.get_by_type(Edicion).user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Cambiar estado")

    def get_page_subtitle(self):
        return str(self.edicion)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "edicion": self.edicion}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "edicion": self.edicion}

    def form_valid(self, form):
        try:
            self.edicion.transicionar(form.cleaned_data["nuevo_estado"], self.request.user)
        except ValidationError as error:
            for mensaje in error.messages:
                form.add_error(None, mensaje)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("«%(edicion)s» pasó a «%(estado)s».")
            % {"edicion": self.edicion, "estado": self.edicion.get_estado_display()},
        )
        return redirect(LISTADO_EDICIONES)


class NuevaVersionView(WagtailAdminTemplateMixin, FormView):
    template_name = "diagnostico/admin/nueva_version.html"
    form_class = NuevaVersionForm
    header_icon = "copy"
    page_title = _("Nueva versión del cuestionario")

    def dispatch(self, request, pk, *args, **kwargs):
        self.cuestionario = get_object_or_404(Cuestionario, pk=pk)
        if not policy_registry.get_by_type(Cuestionario).user_has_permission(request.user, "add"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"nombre": self.cuestionario.nombre}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "cuestionario": self.cuestionario}

    def form_valid(self, form):
        copia = self.cuestionario.nueva_version(form.cleaned_data["nombre"], self.request.user)
        messages.success(
            self.request,
            _("Se creó la versión %(version)s, copia de la %(base)s. Haga ahí los cambios.")
            % {"version": copia.version, "base": self.cuestionario.version},
        )
        return redirect(EDITAR_CUESTIONARIO, copia.pk)


# --- The answer sheet ---------------------------------------------------------------------


class ResponderView(WagtailAdminTemplateMixin, FormView):
    template_name = "diagnostico/admin/responder.html"
    header_icon = "form"

    def dispatch(self, request, pk, *args, **kwargs):
        self.respuesta = get_object_or_404(
            Respuesta.objects.select_related("edicion__cuestionario", "organismo__region"), pk=pk
        )
        if not politica_respuestas().user_has_any_permission_for_instance(
            request.user, VIEW_ACTIONS, self.respuesta
        ):
            raise PermissionDenied
        self.puede_escribir = puede_responder(request.user, self.respuesta)
        self.preguntas = self.respuesta.edicion.cuestionario.preguntas_ordenadas()
        return super().dispatch(request, *args, **kwargs)

    @property
    def editable(self):
        return self.puede_escribir and self.respuesta.edicion.abierta

    def get_page_title(self):
        return _("Diagnóstico %(edicion)s") % {"edicion": self.respuesta.edicion}

    def get_page_subtitle(self):
        return str(self.respuesta.organismo)

    def get_form(self, form_class=None):
        return ResponderForm(
            **self.get_form_kwargs(),
            respuesta=self.respuesta,
            preguntas=self.preguntas,
            deshabilitado=not self.editable,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "respuesta": self.respuesta,
                "editable": self.editable,
                "puede_escribir": self.puede_escribir,
                "url_listado": reverse(LISTADO_RESPUESTAS),
                "url_historial": reverse(
                    "wagtailsnippets_diagnostico_respuesta:history", args=[self.respuesta.pk]
                ),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.puede_escribir:
            raise PermissionDenied
        if not self.respuesta.edicion.abierta:
            messages.error(request, self.respuesta.mensaje_bloqueo())
            return redirect(request.path)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        enviar = "enviar" in self.request.POST
        try:
            self.respuesta.guardar(form.datos(), self.request.user, enviar=enviar)
        except RespuestaBloqueada as error:
            messages.error(self.request, error.messages[0])
            return redirect(self.request.path)
        except ValidationError as error:
            form.agregar_errores(error.message_dict)
            messages.error(
                self.request,
                _("Revise las respuestas marcadas: no se guardó nada.")
                if not enviar
                else _(
                    "No se pudo enviar: revise las respuestas marcadas. Puede guardar un "
                    "borrador y terminar después."
                ),
            )
            return self.form_invalid(form)
        if enviar:
            messages.success(self.request, _("Respuesta enviada. ¡Gracias!"))
            return redirect(LISTADO_RESPUESTAS)
        messages.success(self.request, _("Borrador guardado."))
        return redirect(self.request.path)


# --- Results ------------------------------------------------------------------------------


class AlcanceMixin:
    """The regions a results view covers: the user's (all for the national level),
    optionally narrowed by ``?region=slug``."""

    def dispatch(self, request, pk, *args, **kwargs):
        self.edicion = get_object_or_404(Edicion.objects.select_related("cuestionario"), pk=pk)
        self.regiones_usuario = res.regiones_para(request.user)
        if not self.regiones_usuario:
            raise PermissionDenied
        self.es_nacional = res.ve_nacional(request.user)
        slug = request.GET.get("region") or request.POST.get("region")
        self.region_filtro = None
        if slug:
            self.region_filtro = next((r for r in self.regiones_usuario if r.slug == slug), None)
            if self.region_filtro is None:
                raise Http404
        self.regiones = [self.region_filtro] if self.region_filtro else self.regiones_usuario
        self.con_nacional = self.es_nacional and self.region_filtro is None
        return super().dispatch(request, *args, **kwargs)


class ResultadosView(AlcanceMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "diagnostico/admin/resultados.html"
    header_icon = "table"

    def get_page_title(self):
        return _("Resultados del diagnóstico %(edicion)s") % {"edicion": self.edicion}

    def get_page_subtitle(self):
        return self.region_filtro.nombre if self.region_filtro else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edicion, regiones = self.edicion, self.regiones
        preguntas = []
        for i, item in enumerate(res.por_pregunta(edicion, regiones, self.con_nacional)):
            principal = item["nacional"] if self.con_nacional else None
            if principal is None and len(item["regiones"]) == 1:
                principal = item["regiones"][0][1]
            ambitos = ([(res.TOTAL_RED, item["nacional"])] if self.con_nacional else []) + [
                (region.nombre, agregado) for region, agregado in item["regiones"]
            ]
            preguntas.append(
                {
                    **item,
                    "tabla": res.tabla(item["pregunta"], ambitos),
                    "principal": principal,
                    "grafica": res.grafica_de(item["pregunta"], principal, f"p{i}")
                    if principal
                    else None,
                }
            )
        anterior = edicion.anterior()
        necesidades = res.necesidades(edicion, regiones)
        # A need is met for these regions by an event proposed for them or for the whole
        # network (the national coordination's, or one without a region), never by another
        # region's; the event is linked only for whoever may open it.
        atendidas = {}
        propuestas = NecesidadAtendida.objects.filter(edicion=edicion).filter(
            Q(region__in=regiones) | Q(region__tipo=Region.Tipo.NACIONAL) | Q(region__isnull=True)
        )
        for necesidad in propuestas.select_related("evento", "region"):
            atendidas.setdefault(necesidad.tema, necesidad)
            necesidad.enlazable = bool(necesidad.evento) and alcanzable(
                self.request.user, necesidad.evento
            )
        for tema in necesidades:
            tema["atendida"] = atendidas.get(tema["tema"])
        sufijo = f"?region={self.region_filtro.slug}" if self.region_filtro else ""
        context.update(
            {
                "edicion": edicion,
                "regiones": regiones,
                "regiones_filtro": self.regiones_usuario if len(self.regiones_usuario) > 1 else [],
                "region_filtro": self.region_filtro,
                "con_nacional": self.con_nacional,
                "avance": res.avance(edicion, regiones),
                "preguntas": preguntas,
                "anterior": anterior,
                "comparacion": res.comparar(edicion, anterior, regiones),
                "necesidades": necesidades,
                "grafica_necesidades": res.grafica_necesidades(
                    necesidades, _("Necesidades de capacitación (instituciones que la piden)")
                ),
                "url_respuestas_xlsx": reverse("diagnostico_respuestas_xlsx", args=[edicion.pk])
                + sufijo,
                "url_agregados_xlsx": reverse("diagnostico_agregados_xlsx", args=[edicion.pk])
                + sufijo,
                "url_evento": reverse("diagnostico_crear_evento", args=[edicion.pk]),
            }
        )
        return context


class RespuestasXlsxView(AlcanceMixin, View):
    def get(self, request, *args, **kwargs):
        return exportar.respuestas_xlsx(self.edicion, self.regiones)


class AgregadosXlsxView(AlcanceMixin, View):
    def get(self, request, *args, **kwargs):
        return exportar.agregados_xlsx(self.edicion, self.regiones, self.con_nacional)


class CrearEventoView(AlcanceMixin, View):
    """POST ``tema`` (and optionally ``region``): the need becomes a draft event."""

    def post(self, request, *args, **kwargs):
        tema = request.POST.get("tema", "")
        url_resultados = reverse("diagnostico_resultados", args=[self.edicion.pk])
        if self.region_filtro:
            url_resultados += f"?region={self.region_filtro.slug}"
        try:
            evento = acciones.crear_evento(self.edicion, tema, request.user, self.regiones)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(url_resultados)
        messages.success(
            request,
            _(
                "Se creó el borrador del evento «%(titulo)s» en %(sitio)s. No está publicado: "
                "complete fecha, sede y registro y envíelo a revisión."
            )
            % {"titulo": evento.title, "sitio": evento.get_site().site_name},
        )
        return redirect("wagtailadmin_pages:edit", evento.pk)


# --- Dashboard ----------------------------------------------------------------------------


class PanelDiagnostico(Component):
    """Progress of the open rounds in the user's regions."""

    name = "diagnostico_avance"
    template_name = "diagnostico/admin/panel_avance.html"
    order = 260

    def __init__(self, user):
        self.user = user

    def ediciones(self):
        return list(Edicion.objects.filter(estado=Edicion.Estado.ABIERTA))

    def render_html(self, parent_context=None):
        if not self.ediciones() or not res.regiones_para(self.user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        regiones = res.regiones_para(self.user)
        return {
            "filas": [
                {
                    "edicion": edicion,
                    "avance": res.avance(edicion, regiones),
                    "url": reverse("diagnostico_resultados", args=[edicion.pk]),
                }
                for edicion in self.ediciones()
            ],
            "url_respuestas": reverse(LISTADO_RESPUESTAS),
        }
