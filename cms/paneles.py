"""Admin dashboard panels for records that belong to a region, written once for every
plugin.

A panel lists the first records of one region-scoped model that the user may see (the
national coordination sees every region; see ``cms/permissions.py``), says how many there
are, and links each row to the record's edit view when the user may edit it. A plugin
subclasses :class:`PanelRegional` (or :class:`PanelPorTerminar` for agreements that use
the lifecycle of ``cms/ciclo.py``) and appends an instance to the dashboard from its
``construct_homepage_panels`` hook::

    @hooks.register("construct_homepage_panels")
    def agregar_paneles(request, panels):
        panels.append(MiPanel(request.user))
"""

from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.permissions import policy_registry

from .permissions import VIEW_ACTIONS


def registrar(paneles):
    """Put a plugin's panels on the dashboard, each built for the person (call it from the
    plugin's ``wagtail_hooks.py``); a panel hides itself where ``visible()`` is false."""
    from wagtail import hooks

    def agregar_paneles(request, panels):
        panels.extend(panel(request.user) for panel in paneles)

    hooks.register("construct_homepage_panels", agregar_paneles)


class PanelRegional(Component):
    """Subclass and set ``model`` (registered with a ``RegionPermissionPolicy``), ``name``
    and ``order``; override :meth:`seleccion` to narrow and order the user's records. The
    template extends ``cms/admin/panel_regional.html`` (one row a record, its first cell
    the link to the record's edit view) and receives ``filas`` (``registro``,
    ``etiqueta``, ``url``, ``region``), ``total``, ``panel_id``, ``heading``, ``nombre``,
    ``nombre_plural`` and ``url_listado``. With ``ocultar_vacio`` the panel only shows
    when there is something to list."""

    model = None
    template_name = "cms/admin/panel_regional.html"
    #: Who sees the panel, and which records: those the user may do one of these to.
    acciones = VIEW_ACTIONS
    #: Rows shown; the total counts them all.
    limite = 10
    heading = ""
    #: Leave the panel out of the dashboard while the selection is empty.
    ocultar_vacio = False

    def __init__(self, user):
        self.user = user

    @property
    def politica(self):
        return policy_registry.get_by_type(self.model)

    def visible(self):
        """Whoever may see records of the model in at least one region."""
        return self.politica.user_has_any_permission(self.user, self.acciones)

    def registros(self):
        """The records of the user's regions (every region for the national coordination)."""
        return self.politica.filter_for_user(
            self.model._default_manager.all(), self.user, self.acciones
        )

    def seleccion(self, registros):
        return registros

    def get_heading(self):
        return self.heading or capfirst(self.model._meta.verbose_name_plural)

    def etiqueta(self, registro):
        """The text of the row's link."""
        return str(registro)

    def get_url_listado(self):
        viewset = getattr(self.model, "snippet_viewset", None)
        if viewset is None:
            return None
        try:
            return reverse(viewset.get_url_name("list"))
        except NoReverseMatch:
            return None

    def render_html(self, parent_context=None):
        if not self.visible():
            return ""
        if self.ocultar_vacio and not self.seleccion(self.registros()).exists():
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        seleccion = self.seleccion(self.registros())
        urls = AdminURLFinder(self.user)
        return {
            "filas": [
                {
                    "registro": registro,
                    "etiqueta": self.etiqueta(registro),
                    "url": urls.get_edit_url(registro),
                    "region": self.politica.region_of(registro),
                }
                for registro in seleccion[: self.limite]
            ],
            "total": seleccion.count(),
            "panel_id": self.name.replace("_", "-"),
            "heading": self.get_heading(),
            "nombre": capfirst(self.model._meta.verbose_name),
            "nombre_plural": self.model._meta.verbose_name_plural,
            "url_listado": self.get_url_listado(),
        }


class PanelPorTerminar(PanelRegional):
    """Agreements (models using ``cms.ciclo.CicloMixin`` and ``CicloQuerySet``) signed or
    current whose term ends within ``dias`` days: time to decide whether to renew them."""

    template_name = "cms/admin/panel_por_terminar.html"
    dias = 90

    def get_heading(self):
        return self.heading or _("%(registros)s que terminan pronto") % {
            "registros": capfirst(self.model._meta.verbose_name_plural)
        }

    def seleccion(self, registros):
        return (
            registros.por_terminar(dias=self.dias)
            .select_related(self.politica.region_lookup)
            .order_by("vigencia_fin", "pk")
        )

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        total = context["total"]
        opts = self.model._meta
        context.update(
            {
                "dias": self.dias,
                "resumen": ngettext(
                    "%(total)d %(nombre)s firmado o vigente termina en los próximos "
                    "%(dias)d días. Decida si se renueva.",
                    "%(total)d %(nombre)s firmados o vigentes terminan en los próximos "
                    "%(dias)d días. Decida si se renuevan.",
                    total,
                )
                % {
                    "total": total,
                    "nombre": opts.verbose_name if total == 1 else opts.verbose_name_plural,
                    "dias": self.dias,
                },
            }
        )
        return context
