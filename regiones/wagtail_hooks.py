from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import ContenidoRedView

# The admin of the network's records (networks, regions, states, institutions) is built on
# the core's region-scoped viewsets: cms/red_admin.py. The plugin switch: cms/plugin_switch.py.


@hooks.register("register_admin_urls")
def register_contenido_red_urls():
    return [
        path("red/contenido/", ContenidoRedView.as_view(), name="regiones_contenido_red"),
        path(
            "red/contenido/results/",
            ContenidoRedView.as_view(results_only=True),
            name="regiones_contenido_red_results",
        ),
    ]


class ContenidoRedMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("regiones.consultar_red")


@hooks.register("register_reports_menu_item")
def register_contenido_red_menu_item():
    return ContenidoRedMenuItem(
        _("Contenido de las regiones"),
        reverse("regiones_contenido_red"),
        icon_name="site",
        order=50,
    )
