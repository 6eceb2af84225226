"""The inclusive-language check where decisions are made.

* While editing: the page form is checked as it is typed, in the editor's "Checks" side panel
  (``RevisarEdicion``/``RevisarCreacion`` answer the form's data with the findings, grouped per
  field under the label the form shows; ``cms/static/cms/js/lenguaje.js`` asks every moment
  the form changes). The view binds the form exactly as Wagtail's preview does, so only who
  may edit the page (or add it under that parent) can run it.
* After an explicit save (not an autosave) one message sums the findings up.
* The approver sees the findings of what awaits them on the dashboard and in the task's
  preview (``cms/includes/revision_lenguaje.html``).
* The national coordination reads a monthly report per region: findings found, fixed before
  publishing, and published anyway.

It only warns: nothing here blocks saving, submitting, approving or publishing.
"""

import datetime

from django.contrib import messages
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.preview import PreviewOnCreateView, PreviewOnEditView
from wagtail.models import Page, PageLogEntry, Revision, TaskState

from regiones.models import Region

from .lenguaje import agrupar, clave, reglas_activas, revisar_pagina
from .permissions import NationalMenuItem, SoloNacionalMixin

# -- While editing: the Checks side panel ----------------------------------------------------------


def respuesta(hallazgos):
    return {
        "total": len(hallazgos),
        "html": render_to_string(
            "cms/admin/lenguaje_hallazgos.html", {"grupos": agrupar(hallazgos)}
        ),
    }


class RevisarMixin:
    """POST the page form's data: the findings of the page as the form would leave it."""

    http_method_names = ("post",)

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        # Valid fields land on the instance even when others are not (yet) valid.
        self.validate_form(form)
        return JsonResponse(respuesta(revisar_pagina(form.instance)))


class RevisarEdicion(RevisarMixin, PreviewOnEditView):
    pass


class RevisarCreacion(RevisarMixin, PreviewOnCreateView):
    pass


def url_revision(page, request):
    """The check's address for the form being edited (existing page or page being added)."""
    if page is not None and page.pk:
        return reverse("cms_lenguaje_edicion", args=[page.pk])
    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs if match else {}
    try:
        return reverse(
            "cms_lenguaje_creacion",
            args=[
                kwargs["content_type_app_name"],
                kwargs["content_type_model_name"],
                kwargs["parent_page_id"],
            ],
        )
    except KeyError:
        return ""


# -- After an explicit save: one message ---------------------------------------------------------

MAX_AVISOS = 10


def avisar_lenguaje(request, page):
    """One warning after the editor saves; autosaves (JSON requests) say nothing, so the
    message is not repeated for every autosave."""
    if not request.accepts("text/html"):
        return
    hallazgos = revisar_pagina(page.specific)
    if not hallazgos:
        return
    grupos = agrupar(hallazgos[:MAX_AVISOS])
    items = format_html_join(
        "",
        "<li><strong>{}</strong>: {}</li>",
        (
            (
                grupo["etiqueta"],
                "; ".join(f"«{h.texto}» → {h.sugerencia}" for h in grupo["hallazgos"]),
            )
            for grupo in grupos
        ),
    )
    resto = len(hallazgos) - MAX_AVISOS
    mas = format_html("<li>y {} más</li>", resto) if resto > 0 else ""
    messages.warning(
        request,
        format_html(
            "Revisión de lenguaje incluyente y ciudadano (sugerencias, no errores; "
            "las ve en vivo en el panel «Revisiones»):<ul>{}{}</ul>",
            items,
            mas,
        ),
    )


@hooks.register("after_create_page")
def lenguaje_al_crear(request, page):
    avisar_lenguaje(request, page)


@hooks.register("after_edit_page")
def lenguaje_al_editar(request, page):
    avisar_lenguaje(request, page)


# -- The approver: what awaits their review ------------------------------------------------------


def por_aprobar(user):
    """[{page, task_state, region, grupos, total}] for the pages awaiting the user's review,
    checked as the revision under review stands."""
    reglas = reglas_activas()
    filas = []
    estados = (
        TaskState.objects.reviewable_by(user)
        .select_related("revision", "revision__user", "task")
        .order_by("-started_at")
    )
    for estado in estados:
        page = estado.revision.content_object
        if not isinstance(page, Page):
            continue
        revisada = estado.revision.as_object()
        hallazgos = revisar_pagina(revisada, reglas)
        filas.append(
            {
                "page": revisada,
                "task_state": estado,
                "region": Region.for_page(page),
                "grupos": agrupar(hallazgos),
                "total": len(hallazgos),
            }
        )
    return filas


class PanelLenguajePorAprobar(Component):
    """Dashboard: the language findings of every page awaiting the user's approval, next to
    Wagtail's "awaiting your review" panel."""

    name = "lenguaje_por_aprobar"
    order = 221
    template_name = "cms/admin/panel_lenguaje_por_aprobar.html"

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        self.filas = por_aprobar(self.user)
        if not self.filas:
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        total = sum(fila["total"] for fila in self.filas)
        return {
            "filas": self.filas,
            "total": total,
            "resumen": ngettext(
                "%(total)d sugerencia de lenguaje en lo que espera su aprobación.",
                "%(total)d sugerencias de lenguaje en lo que espera su aprobación.",
                total,
            )
            % {"total": total},
        }


@hooks.register("construct_homepage_panels")
def panel_lenguaje(request, panels):
    panels.append(PanelLenguajePorAprobar(request.user))


# -- The monthly report for the national coordination ----------------------------------------------


def mes_de(texto, hoy=None):
    """The first day of the month written as YYYY-MM (the current month otherwise)."""
    try:
        return datetime.datetime.strptime(texto or "", "%Y-%m").date()
    except ValueError:
        return (hoy or timezone.localdate()).replace(day=1)


def siguiente_mes(mes):
    return (mes + datetime.timedelta(days=32)).replace(day=1)


def informe(mes):
    """Per region, the publications of the month and the language findings of each: found in
    any revision since the previous publication, fixed before publishing (found but no longer
    in the published revision), and published anyway."""
    reglas = reglas_activas()
    inicio = timezone.make_aware(datetime.datetime.combine(mes, datetime.time.min))
    fin = timezone.make_aware(datetime.datetime.combine(siguiente_mes(mes), datetime.time.min))
    regiones = {r.pk: r for r in Region.objects.order_by("orden")}
    filas = {
        pk: {"region": r, "publicaciones": 0, "encontradas": 0, "corregidas": 0, "publicadas": 0}
        for pk, r in regiones.items()
    }
    frases = {}
    publicaciones = (
        PageLogEntry.objects.filter(
            action="wagtail.publish", timestamp__gte=inicio, timestamp__lt=fin
        )
        .exclude(revision__isnull=True)
        .select_related("revision", "page")
        .order_by("timestamp", "pk")
    )
    for entrada in publicaciones:
        page = entrada.page
        region = Region.for_page(page) if page else None
        if region is None or region.pk not in filas:
            continue
        anterior = (
            PageLogEntry.objects.filter(
                page_id=page.pk, action="wagtail.publish", timestamp__lt=entrada.timestamp
            )
            .order_by("-timestamp")
            .values_list("timestamp", flat=True)
            .first()
        )
        revisiones = Revision.objects.for_instance(page).filter(
            created_at__lte=entrada.revision.created_at
        )
        if anterior:
            revisiones = revisiones.filter(created_at__gt=anterior)
        encontradas = set()
        for revision in revisiones.exclude(pk=entrada.revision_id):
            encontradas |= {clave(e, h) for e, h in revisar_pagina(revision.as_object(), reglas)}
        publicadas = {clave(e, h) for e, h in revisar_pagina(entrada.revision.as_object(), reglas)}
        encontradas |= publicadas
        fila = filas[region.pk]
        fila["publicaciones"] += 1
        fila["encontradas"] += len(encontradas)
        fila["publicadas"] += len(publicadas)
        fila["corregidas"] += len(encontradas - publicadas)
        for _etiqueta, frase, _texto in publicadas:
            frases[frase] = frases.get(frase, 0) + 1
    return {
        "filas": list(filas.values()),
        "frases": sorted(frases.items(), key=lambda par: (-par[1], par[0]))[:10],
    }


class InformeLenguajeView(SoloNacionalMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "cms/admin/informe_lenguaje.html"
    page_title = _("Lenguaje por región")
    header_icon = "spell-check"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mes = mes_de(self.request.GET.get("mes"))
        context.update(informe(mes))
        context["mes"] = mes
        context["mes_anterior"] = (mes - datetime.timedelta(days=1)).replace(day=1)
        context["mes_siguiente"] = siguiente_mes(mes)
        return context


@hooks.register("register_reports_menu_item")
def menu_informe_lenguaje():
    return NationalMenuItem(
        _("Lenguaje por región"), reverse("cms_lenguaje_informe"), icon_name="spell-check", order=60
    )


@hooks.register("register_admin_urls")
def urls_lenguaje():
    return [
        path(
            "lenguaje/pagina/<int:page_id>/", RevisarEdicion.as_view(), name="cms_lenguaje_edicion"
        ),
        path(
            "lenguaje/nueva/<str:content_type_app_name>/<str:content_type_model_name>/"
            "<int:parent_page_id>/",
            RevisarCreacion.as_view(),
            name="cms_lenguaje_creacion",
        ),
        path("informes/lenguaje/", InformeLenguajeView.as_view(), name="cms_lenguaje_informe"),
    ]
