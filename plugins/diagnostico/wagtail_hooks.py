"""Where the diagnosis plugs into the admin: viewsets, the answer sheet, results,
exports, need → event, locks, log actions and the dashboard panel."""

import django_filters
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms.viewsets import (
    AdminSnippetViewSet,
    RegionFilterSet,
    RegionScopedSnippetViewSet,
    columnas_exportacion,
    filterset_de,
    filtro_opciones,
    filtro_region,
)

from . import resultados as res
from .admin_views import (
    AgregadosXlsxView,
    CrearEventoView,
    NuevaVersionView,
    PanelDiagnostico,
    ResponderView,
    RespuestasXlsxView,
    ResultadosView,
    TransicionEdicionView,
)
from .models import Cuestionario, Edicion, Pregunta, Respuesta, Seccion, mensaje_bloqueo

# --- Rounds and questionnaires (national coordination) ------------------------------------


class EdicionViewSet(AdminSnippetViewSet):
    model = Edicion
    icon = "date"
    menu_label = _("Ediciones")
    list_display = [
        "nombre",
        DateColumn("inicio", label=_("Inicio")),
        DateColumn("fin", label=_("Fin")),
        "cuestionario",
        Column("estado", label=_("Estado"), accessor="get_estado_display"),
    ]
    list_filter = ["estado"]


class CuestionarioViewSet(AdminSnippetViewSet):
    model = Cuestionario
    icon = "list-ol"
    menu_label = _("Cuestionarios")
    list_display = ["version", "nombre", DateColumn("fecha", label=_("Fecha"))]


PreguntaFilterSet = filterset_de(
    Pregunta,
    cuestionario=django_filters.ModelChoiceFilter(
        label=_("Versión del cuestionario"),
        queryset=Cuestionario.objects.all(),
        empty_label=_("Todas"),
    ),
    tipo=filtro_opciones(_("Tipo"), Pregunta.Tipo.choices),
)


class PreguntaViewSet(AdminSnippetViewSet):
    model = Pregunta
    icon = "help"
    menu_label = _("Preguntas")
    filterset_class = PreguntaFilterSet
    search_fields = ["clave", "texto"]
    list_display = [
        "clave",
        "texto",
        Column("tipo", label=_("Tipo"), accessor="get_tipo_display"),
        "seccion",
    ]

    def get_queryset(self, request):
        return Pregunta.objects.select_related("seccion__cuestionario")


# --- Answers (region-scoped) --------------------------------------------------------------


RespuestaFilterSet = filterset_de(
    Respuesta,
    RegionFilterSet,
    edicion=django_filters.ModelChoiceFilter(
        label=_("Edición"), queryset=Edicion.objects.all(), empty_label=_("Todas")
    ),
    region=filtro_region(field_name="organismo__region"),
    estado=filtro_opciones(_("Estado"), Respuesta.Estado.choices),
)


class RespuestaViewSet(RegionScopedSnippetViewSet):
    model = Respuesta
    icon = "form"
    menu_label = _("Respuestas")
    filterset_class = RespuestaFilterSet
    search_fields = ["organismo__nombre", "organismo__siglas"]
    list_display = [
        "__str__",
        "organismo",
        Column("region", label=_("Región"), accessor="organismo.region"),
        Column("estado", label=_("Estado"), accessor="get_estado_display"),
        DateColumn("actualizada", label=_("Actualizada")),
    ]
    list_export, export_headings = columnas_exportacion(
        {
            "edicion.nombre": "edición",
            "organismo.clave": "clave de la institución",
            "organismo.nombre": "institución",
            "organismo.region.nombre": "región",
            "estado": "estado",
            "enviada_en": "enviada el",
            "actualizada": "actualizada",
        }
    )
    export_filename = "respuestas-diagnostico"
    relacionados = ("edicion", "organismo__region")


class DiagnosticoGroup(SnippetViewSetGroup):
    menu_label = _("Diagnóstico")
    menu_icon = "clipboard-list"
    menu_order = 280
    items = (RespuestaViewSet, EdicionViewSet, CuestionarioViewSet, PreguntaViewSet)


register_snippet(DiagnosticoGroup)


# --- Results index ------------------------------------------------------------------------


class ResultadosIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "diagnostico/admin/resultados_index.html"
    page_title = _("Resultados del diagnóstico")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not res.regiones_para(request.user):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ediciones"] = [
            (e, reverse("diagnostico_resultados", args=[e.pk]))
            for e in res.ediciones_con_resultados().order_by("-inicio")
        ]
        return context


class ResultadosMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(res.regiones_para(request.user))


@hooks.register("register_reports_menu_item")
def register_resultados_menu_item():
    return ResultadosMenuItem(
        _("Diagnóstico de comunicación"),
        reverse("diagnostico_resultados_index"),
        icon_name="table",
        order=730,
    )


@hooks.register("register_admin_urls")
def register_diagnostico_urls():
    return [
        path(
            "diagnostico/ediciones/<int:pk>/estado/",
            TransicionEdicionView.as_view(),
            name="diagnostico_transicion",
        ),
        path(
            "diagnostico/cuestionarios/<int:pk>/nueva-version/",
            NuevaVersionView.as_view(),
            name="diagnostico_nueva_version",
        ),
        path(
            "diagnostico/respuestas/<int:pk>/responder/",
            ResponderView.as_view(),
            name="diagnostico_responder",
        ),
        path(
            "diagnostico/resultados/",
            ResultadosIndexView.as_view(),
            name="diagnostico_resultados_index",
        ),
        path(
            "diagnostico/ediciones/<int:pk>/resultados/",
            ResultadosView.as_view(),
            name="diagnostico_resultados",
        ),
        path(
            "diagnostico/ediciones/<int:pk>/respuestas.xlsx",
            RespuestasXlsxView.as_view(),
            name="diagnostico_respuestas_xlsx",
        ),
        path(
            "diagnostico/ediciones/<int:pk>/agregados.xlsx",
            AgregadosXlsxView.as_view(),
            name="diagnostico_agregados_xlsx",
        ),
        path(
            "diagnostico/ediciones/<int:pk>/necesidades/evento/",
            CrearEventoView.as_view(),
            name="diagnostico_crear_evento",
        ),
    ]


# --- Listing buttons ----------------------------------------------------------------------


@hooks.register("register_snippet_listing_buttons")
def botones_diagnostico(snippet, user, next_url=None):
    if isinstance(snippet, Edicion):
        botones = []
        if snippet.transiciones_permitidas() and policy_registry.get_by_type(
            Edicion
        ).user_has_permission(user, "change"):
            botones.append(
                ListingButton(
                    _("Cambiar estado"),
                    url=reverse("diagnostico_transicion", args=[snippet.pk]),
                    icon_name="resubmit",
                    priority=15,
                )
            )
        if snippet.estado != Edicion.Estado.BORRADOR:
            botones.append(
                ListingButton(
                    _("Resultados"),
                    url=reverse("diagnostico_resultados", args=[snippet.pk]),
                    icon_name="table",
                    priority=16,
                )
            )
        return botones
    if isinstance(snippet, Cuestionario) and policy_registry.get_by_type(
        Cuestionario
    ).user_has_permission(user, "add"):
        return [
            ListingButton(
                _("Nueva versión"),
                url=reverse("diagnostico_nueva_version", args=[snippet.pk]),
                icon_name="copy",
                priority=15,
            )
        ]
    if isinstance(snippet, Respuesta):
        return [
            ListingButton(
                _("Responder") if snippet.edicion.abierta else _("Ver respuestas"),
                url=reverse("diagnostico_responder", args=[snippet.pk]),
                icon_name="form",
                priority=5,
            )
        ]
    return []


# --- Locks --------------------------------------------------------------------------------


@hooks.register("after_create_snippet")
def al_crear_respuesta(request, instance):
    """A new answer goes straight to its answer sheet."""
    if isinstance(instance, Respuesta):
        return redirect("diagnostico_responder", instance.pk)
    return None


@hooks.register("before_edit_snippet")
def antes_de_editar(request, instance):
    if isinstance(instance, Respuesta):
        # Answers are edited on their sheet, which applies the round's lock.
        return redirect("diagnostico_responder", instance.pk)
    cuestionario = None
    if isinstance(instance, Cuestionario):
        cuestionario = instance
    elif isinstance(instance, Pregunta):
        cuestionario = instance.cuestionario
    if cuestionario is not None and cuestionario.bloqueado and request.method == "GET":
        messages.warning(request, mensaje_bloqueo(cuestionario))
    return None


@hooks.register("before_delete_snippet")
def antes_de_eliminar(request, instances):
    for instance in instances:
        mensaje = None
        if isinstance(instance, Respuesta) and not instance.edicion.abierta:
            mensaje = instance.mensaje_bloqueo()
        elif isinstance(instance, Pregunta | Seccion) and instance.cuestionario.bloqueado:
            mensaje = mensaje_bloqueo(instance.cuestionario)
        elif isinstance(instance, Cuestionario) and instance.ediciones.exists():
            mensaje = _("Esta versión del cuestionario tiene ediciones: no se puede eliminar.")
        elif isinstance(instance, Edicion) and instance.respuestas.exists():
            mensaje = _("Esta edición ya tiene respuestas: no se puede eliminar.")
        if mensaje:
            messages.error(request, mensaje)
            return redirect(request.META.get("HTTP_REFERER") or reverse("wagtailadmin_home"))
    return None


# --- Log actions and dashboard ------------------------------------------------------------


@hooks.register("register_log_actions")
def registrar_acciones(actions):
    actions.register_action(
        "diagnostico.cambio_estado", _("Cambio de estado"), _("Cambió el estado")
    )
    actions.register_action(
        "diagnostico.respuesta_guardada", _("Borrador guardado"), _("Guardó un borrador")
    )
    actions.register_action(
        "diagnostico.respuesta_enviada", _("Respuesta enviada"), _("Envió la respuesta")
    )
    actions.register_action(
        "diagnostico.nueva_version", _("Nueva versión"), _("Creó una nueva versión")
    )


@hooks.register("construct_homepage_panels")
def agregar_paneles(request, panels):
    panels.append(PanelDiagnostico(request.user))
