"""Configuración › Complementos: the national coordination switches a plugin off (or back on)
for one region, after a confirmation that says what disappears.

Where a plugin is off for every region a person works in, the admin forgets it for them too:
its menu items (main, reports and settings menus), its dashboard panels and its admin URLs
(a page visit returns to the dashboard with a message saying why; anything else gets
403). Who the plugin belongs to is read from the view behind each URL (the model a viewset
manages, or the module a view is defined in), so a plugin's future menus follow the same
rule without declaring anything. Public pages, URLs and search follow ``cms.visibilidad``;
saving the switch purges the page cache (``cms.cache``, ``regiones`` is a public app) and
queues the region's records for reindexing (``search.signals``).

The switch is stored per region (``regiones.models.ComplementoRegion``) and read by the
plugin contract (``cms.plugins``); its screens and admin rules live here, in the core, next
to that contract. ``cms.wagtail_hooks`` imports this module, which registers its hooks.
"""

from urllib.parse import urlparse

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, path, resolve, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import SubmenuMenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.models import Page

from regiones.models import ComplementoRegion, Region, user_is_national

from .permissions import NationalMenuItem, SoloNacionalMixin
from .plugins import (
    disabled_region_ids,
    get_plugin,
    installed_plugins,
    page_of_missing_plugin,
    plugin_is_compatible,
    region_models,
    set_enabled,
)

# -- Which plugin a view, a menu item or a panel belongs to --------------------------------------


def complemento_de_modulo(modulo):
    """The label of the plugin whose app holds the module, or None."""
    for config, plugin in installed_plugins():
        if modulo == config.name or (modulo or "").startswith(config.name + "."):
            return plugin.label
    return None


def complemento_de_vista(func):
    """The plugin of a resolved view: the app of the model it manages, else its module."""
    from django.apps import apps

    vista = getattr(func, "view_class", None)
    modelo = getattr(func, "view_initkwargs", {}).get("model") or getattr(vista, "model", None)
    if isinstance(modelo, type):  # some views' ``model`` is a property of the instance
        config = apps.get_app_config(modelo._meta.app_label)
        etiqueta = complemento_de_modulo(config.name)
        if etiqueta:
            return etiqueta
    return complemento_de_modulo((vista or func).__module__)


def complemento_de_url(url):
    try:
        return complemento_de_vista(resolve(urlparse(url).path).func)
    except Resolver404:
        return None


def apagados_para(user):
    """Labels of the plugins switched off in every region the person works in. The national
    coordination and superusers keep every plugin: they follow all regions. One query while
    nothing is switched off; remembered on the user for the rest of the request."""
    if not user.is_authenticated or user.is_superuser:
        return set()
    if hasattr(user, "_complementos_apagados"):
        return user._complementos_apagados
    apagadas = {}
    for label, region_id in ComplementoRegion.objects.filter(activo=False).values_list(
        "complemento", "region_id"
    ):
        apagadas.setdefault(label, set()).add(region_id)
    resultado = set()
    if apagadas and not user_is_national(user):
        regiones = set(Region.objects.for_user(user).values_list("pk", flat=True))
        resultado = {
            label
            for label, ids in apagadas.items()
            if regiones and regiones <= ids and get_plugin(label) is not None
        }
    user._complementos_apagados = resultado
    return resultado


def _complementos_de_item(item):
    if isinstance(item, SubmenuMenuItem):
        hijos = item.menu.registered_menu_items
        etiquetas = {complemento_de_url(hijo.url) for hijo in hijos}
        return etiquetas if len(etiquetas) == 1 else {None}
    return {complemento_de_url(item.url)}


def _ocultar_items(request, menu_items):
    apagados = apagados_para(request.user)
    if apagados:
        menu_items[:] = [
            item for item in menu_items if not (_complementos_de_item(item) <= apagados)
        ]


for _hook in ("construct_main_menu", "construct_reports_menu", "construct_settings_menu"):
    hooks.register(_hook, _ocultar_items)


@hooks.register("before_serve_page")
def pagina_de_complemento_quitado(page, request, serve_args, serve_kwargs):
    """A page left behind by a plugin that was removed without retiring it answers 404, not
    a blank page (``manage.py retire_plugin`` removes them first)."""
    if page_of_missing_plugin(page):
        raise Http404("Este servicio ya no está disponible.")


@hooks.register("construct_homepage_panels", order=1000)
def ocultar_paneles(request, panels):
    apagados = apagados_para(request.user)
    if apagados:
        panels[:] = [p for p in panels if complemento_de_modulo(type(p).__module__) not in apagados]


def mensaje_apagado(etiqueta):
    plugin = get_plugin(etiqueta)
    return _(
        "«%(nombre)s» no está activo en tu región: la Coordinación Nacional lo desactivó y "
        "sus pantallas no están disponibles."
    ) % {"nombre": plugin.name if plugin else etiqueta}


def respuesta_admin_apagada(request, func):
    """For PluginGateMiddleware: None where the view may run. A plugin's admin screen
    switched off for the person sends a page visit back to the dashboard with a message
    that says why; any other request (a form sent, a chooser) is refused with 403."""
    etiqueta = complemento_de_vista(func)
    if not etiqueta or etiqueta not in apagados_para(request.user):
        return None
    mensaje = mensaje_apagado(etiqueta)
    es_pagina = (
        request.method in ("GET", "HEAD")
        and not request.headers.get("x-requested-with")
        and "text/html" in request.headers.get("accept", "text/html")
    )
    if not es_pagina:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(mensaje)
    messages.warning(request, mensaje)
    return redirect("wagtailadmin_home")


# -- The switch and its confirmation -------------------------------------------------------------


def lo_que_cambia(plugin, region):
    """What a visitor and the region's people stop (or start again) seeing."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from wagtail.permissions import policy_registry

    config = next(c for c, p in installed_plugins() if p.label == plugin.label)
    modelos_pagina = [
        m for m in apps.get_app_config(config.label).get_models() if issubclass(m, Page)
    ]
    paginas = []
    if modelos_pagina and region.home_page is not None:
        tipos = ContentType.objects.get_for_models(*modelos_pagina).values()
        paginas = list(
            Page.objects.descendant_of(region.home_page)
            .filter(content_type__in=tipos)
            .order_by("path")
        )
    registros = []
    for modelo in region_models(plugin):
        politica = policy_registry.get_by_type(modelo)
        lookup = getattr(politica, "region_lookup", "region")
        try:
            total = modelo._default_manager.filter(**{lookup: region}).count()
        except Exception:  # a model without a plain region lookup: nothing to count
            continue
        registros.append((modelo._meta.verbose_name_plural, total))
    return {"paginas": paginas, "registros": registros, "urls": bool(plugin.urls)}


class ComplementosView(SoloNacionalMixin, WagtailAdminTemplateMixin, TemplateView):
    """Installed plugins with version and status per region; each switch opens its
    confirmation."""

    template_name = "regiones/complementos.html"
    page_title = _("Complementos")
    header_icon = "cogs"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        regiones = list(Region.objects.order_by("orden"))
        filas = []
        for config, plugin in installed_plugins():
            apagadas = disabled_region_ids(plugin.label)
            filas.append(
                {
                    "plugin": plugin,
                    "app": config.name,
                    "compatible": plugin_is_compatible(plugin),
                    "regiones": [(r, r.pk not in apagadas) for r in regiones],
                }
            )
        context.update({"filas": filas, "regiones": regiones})
        return context


class CambiarComplementoView(SoloNacionalMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET: what switching the plugin off (or on) in the region changes. POST: do it."""

    template_name = "regiones/complemento_confirmar.html"
    header_icon = "cogs"

    def setup(self, request, *args, label, region_id, **kwargs):
        super().setup(request, *args, **kwargs)
        self.plugin = get_plugin(label)
        self.region = Region.objects.filter(pk=region_id).first()

    def dispatch(self, request, *args, **kwargs):
        if self.plugin is None or self.region is None:
            raise Http404
        self.activo = self.region.pk not in disabled_region_ids(self.plugin.label)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        verbo = _("Desactivar") if self.activo else _("Activar")
        return f"{verbo} {self.plugin.name} en {self.region.nombre}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "plugin": self.plugin,
                "region": self.region,
                "activo": self.activo,
                "cambios": lo_que_cambia(self.plugin, self.region),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        activar = not self.activo
        set_enabled(self.plugin.label, self.region, activar, user=request.user)
        log(
            instance=self.region,
            action="regiones.complemento_activado"
            if activar
            else "regiones.complemento_desactivado",
            user=request.user,
            data={"complemento": self.plugin.label},
        )
        if activar:
            texto = _("%(nombre)s quedó activado en %(region)s: vuelve a mostrarse.")
        else:
            texto = _("%(nombre)s quedó desactivado en %(region)s: ya no se muestra.")
        messages.success(
            request, texto % {"nombre": self.plugin.name, "region": self.region.nombre}
        )
        return redirect("regiones_complementos")


@hooks.register("register_admin_urls")
def register_complementos_urls():
    return [
        path("complementos/", ComplementosView.as_view(), name="regiones_complementos"),
        path(
            "complementos/<str:label>/<int:region_id>/",
            CambiarComplementoView.as_view(),
            name="regiones_complemento_cambiar",
        ),
    ]


@hooks.register("register_settings_menu_item")
def register_complementos_menu_item():
    return NationalMenuItem(
        _("Complementos"), reverse("regiones_complementos"), icon_name="cogs", order=900
    )


@hooks.register("register_log_actions")
def register_complemento_log_actions(actions):
    actions.register_action(
        "regiones.complemento_activado", _("Activar complemento"), _("Complemento activado")
    )
    actions.register_action(
        "regiones.complemento_desactivado",
        _("Desactivar complemento"),
        _("Complemento desactivado"),
    )
