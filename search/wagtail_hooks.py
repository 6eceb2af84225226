from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from cms.permissions import NationalMenuItem
from regiones.models import Region, user_is_national

from .admin_views import ConsultasView, PromocionesView


@hooks.register("register_admin_urls")
def register_search_admin_urls():
    return [
        path("busqueda/destacados/", PromocionesView.as_view(), name="snt_search_promociones"),
        path("busqueda/consultas/", ConsultasView.as_view(), name="snt_search_consultas"),
    ]


class CoordinationMenuItem(MenuItem):
    def is_shown(self, request):
        return Region.objects.coordinated_by(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_promociones_menu_item():
    return CoordinationMenuItem(
        _("Destacados de búsqueda"),
        reverse("snt_search_promociones"),
        icon_name="pick",
        order=850,
    )


@hooks.register("register_reports_menu_item")
def register_consultas_menu_item():
    return NationalMenuItem(
        _("Consultas de búsqueda"),
        reverse("snt_search_consultas"),
        icon_name="search",
        order=60,
    )


class AnalysisProfilePanel(Component):
    """Warns the national coordination when the engine lacks Spanish analysis."""

    order = 10

    def __init__(self, message):
        self.message = message

    def render_html(self, parent_context=None):
        return format_html(
            '<div class="help-block help-warning" role="status">{}</div>', self.message
        )


@hooks.register("construct_homepage_panels")
def add_analysis_profile_warning(request, panels):
    from .analysis import CORE
    from .engine import get_engine
    from .indexer import current_profile

    if not user_is_national(request.user):
        return
    engine = get_engine()
    if not engine.available:
        return
    try:
        profile = current_profile(engine, cached=True)
    except Exception:
        panels.append(
            AnalysisProfilePanel(
                _("El motor de búsqueda no responde: la búsqueda usa la base de datos.")
            )
        )
        return
    if profile == CORE:
        panels.append(
            AnalysisProfilePanel(
                _(
                    "El motor de búsqueda no tiene el módulo analysis-common: la búsqueda "
                    "no aplica raíces en español, sinónimos ni autocompletado por n-gramas."
                )
            )
        )
