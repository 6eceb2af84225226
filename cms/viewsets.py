"""Admin viewsets whose every view is confined to the user's region.

Listings, spreadsheet exports (whose cells never start a formula) and choosers show only the
user's regions; edit, delete,
inspect, history, usage and copy views refuse other regions' records; snippet bulk
actions check each record against the same permission policy.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from regiones.models import Region

from .formularios import AdminModelForm
from .hojas import FormulaSafeExportMixin
from .permissions import VIEW_ACTIONS, RegionScopedChooserMixin, RegionScopedObjectMixin


class RegionScopedIndexMixin:
    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        return self.permission_policy.filter_for_user(queryset, self.request.user)


def _scoped(view_class, *mixins):
    mixins = mixins or (RegionScopedObjectMixin,)
    return type(f"RegionScoped{view_class.__name__}", (*mixins, view_class), {})


#: The listing of a snippet viewset that is not region-scoped: its CSV export cannot start
#: a formula (``cms.hojas``).
SnippetIndexView = type("SnippetIndexView", (FormulaSafeExportMixin, snippet_views.IndexView), {})


class ChooserCreateView(snippet_chooser.SnippetCreateView):
    """Wagtail offers a snippet chooser's "create" endpoint even when the chooser has no
    creation form, and answers a POST to it with a 500: here it is a 404."""

    def dispatch(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SnippetChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    """The chooser of every snippet viewset in the project (see :class:`ChooserCreateView`)."""

    create_view_class = ChooserCreateView


class RegionScopedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = _scoped(snippet_chooser.ChooseView, RegionScopedChooserMixin)
    choose_results_view_class = _scoped(snippet_chooser.ChooseResultsView, RegionScopedChooserMixin)


class ImportarCSVIndexMixin:
    """For a listing view: header buttons to its CSV imports. ``importaciones`` lists
    ``(label, URL name, model, action)``; each button is shown to whoever may do ``action``
    on ``model``."""

    importaciones = ()

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        for label, url_name, model, accion in self.importaciones:
            if policy_registry.get_by_type(model).user_has_permission(self.request.user, accion):
                buttons.append(HeaderButton(label, url=reverse(url_name), icon_name="upload"))
        return buttons


class RegionFilterMixin:
    """For a region-scoped viewset's filter set: the region filter offers only the regions
    the user may see."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None and "region" in self.filters:
            policy = policy_registry.get_by_type(self._meta.model)
            self.filters["region"].queryset = policy.regions_user_has_any_permission_for(
                request.user, VIEW_ACTIONS
            ).order_by("orden")


class RegionFilterSet(RegionFilterMixin, WagtailFilterSet):
    """Base of a region-scoped listing's filter set (see :func:`filterset_de`)."""


class DeclaredListingMixin:
    """For a viewset: its listing's filters and its export's columns declared as tables.

    ``filtros`` lists the fields it filters on. Each entry is a field path (``"tipo"``,
    ``"organizacion__tipo"``): a choice filter on that field's choices (a yes/no filter on a
    boolean field), labelled with its verbose name; a ``(path, label)`` pair; or
    ``(path, filter)`` for any other filter. ``exportacion`` lists the export's columns
    (see :func:`columnas_de`). Either left ``None`` leaves Wagtail's own attributes."""

    filtros = None
    filterset_base = WagtailFilterSet
    exportacion = None

    @cached_property
    def list_export(self):
        if self.exportacion is None:
            return super().list_export
        return columnas_de(self.model, *self.exportacion)[0]

    @cached_property
    def export_headings(self):
        if self.exportacion is None:
            return super().export_headings
        return columnas_de(self.model, *self.exportacion)[1]

    def filtros_base(self):
        """Filters placed before the declared ones, ``{name: filter}``."""
        return {}

    @cached_property
    def filterset_class(self):
        if self.filtros is None:
            return ViewSet.UNDEFINED
        propios = dict(filtro_de(self.model, entrada) for entrada in self.filtros)
        return filterset_de(self.model, self.filterset_base, **self.filtros_base(), **propios)


class AdminFormMixin:
    """For a ModelViewSet or SnippetViewSet: its create and edit forms carry the reach rule
    of ``cms.formularios`` (references within the person's reach). A model without a form of
    its own (``base_form_class``) is edited with ``AdminModelForm``; ``form_fields`` become
    panels so the form is built on it too. A model's own form must derive from
    ``AdminModelForm`` (``RegionScopedForm`` does)."""

    def get_edit_handler(self):
        edit_handler = super().get_edit_handler()
        if edit_handler is None:
            fields = self.get_form_fields()
            if fields is None:
                return None
            edit_handler = ObjectList([FieldPanel(name) for name in fields])
        elif edit_handler.base_form_class or getattr(self.model, "base_form_class", None):
            return edit_handler
        kwargs = {**edit_handler.clone_kwargs(), "base_form_class": AdminModelForm}
        return type(edit_handler)(**kwargs).bind_to_model(self.model)


class AdminSnippetViewSet(AdminFormMixin, SnippetViewSet):
    """Wagtail's SnippetViewSet, with the project's admin form."""


class AdminModelViewSet(AdminFormMixin, ModelViewSet):
    """Wagtail's ModelViewSet, with the project's admin form."""


class RegionScopedSnippetViewSet(DeclaredListingMixin, AdminSnippetViewSet):
    """A SnippetViewSet for a model registered with a RegionPermissionPolicy. A listing that
    declares ``filtros`` gets the region filter first (the user's regions only), on the
    region path its plugin declared (``Plugin.region_models``)."""

    filterset_base = RegionFilterSet

    index_view_class = _scoped(
        snippet_views.IndexView, FormulaSafeExportMixin, RegionScopedIndexMixin
    )
    edit_view_class = _scoped(snippet_views.EditView)
    delete_view_class = _scoped(snippet_views.DeleteView)
    inspect_view_class = _scoped(snippet_views.InspectView)
    history_view_class = _scoped(snippet_views.HistoryView)
    usage_view_class = _scoped(snippet_views.UsageView)
    copy_view_class = _scoped(snippet_views.CopyView)
    chooser_viewset_class = RegionScopedChooserViewSet
    #: Relations its listing and export read (``select_related``), fetched in one query,
    #: besides those its columns name (``"region"``, ``"organismo.region.nombre"``).
    relacionados = ()

    def filtros_base(self):
        if "region" in self.filterset_base.base_filters:
            return {}
        ruta = policy_registry.get_by_type(self.model).region_lookup
        return {"region": filtro_region(capfirst(campo_de(self.model, ruta).verbose_name), ruta)}

    @cached_property
    def relaciones(self):
        """``relacionados`` and the foreign keys its listing and export columns go through."""
        rutas = dict.fromkeys(self.relacionados)
        columnas = [
            columna
            for declaradas in (self.list_display, self.list_export)
            if declaradas is not ViewSet.UNDEFINED
            for columna in declaradas
        ]
        for columna in columnas:
            if isinstance(columna, str):
                ruta = relacion_de(self.model, columna.replace(".", LOOKUP_SEP))
                if ruta:
                    rutas[ruta] = None
        return tuple(rutas)

    def get_queryset(self, request):
        # The index view narrows this to the user's regions (RegionScopedIndexMixin).
        if not self.relaciones:
            return super().get_queryset(request)
        return self.model._default_manager.select_related(*self.relaciones)


class RegionScopedModelViewSet(AdminModelViewSet):
    """A ModelViewSet for a model registered with a RegionPermissionPolicy."""

    index_view_class = _scoped(generic.IndexView, FormulaSafeExportMixin, RegionScopedIndexMixin)
    edit_view_class = _scoped(generic.EditView)
    delete_view_class = _scoped(generic.DeleteView)
    inspect_view_class = _scoped(generic.InspectView)
    history_view_class = _scoped(history.HistoryView)
    usage_view_class = _scoped(usage.UsageView)
    copy_view_class = _scoped(generic.CopyView)


def columnas_exportacion(encabezados):
    """``(list_export, export_headings)`` of a listing from ``{field: heading}``, in order."""
    return list(encabezados), dict(encabezados)


def columnas_de(model, *campos):
    """``(list_export, export_headings)`` of ``model``'s listing, in order. Each column is a
    field path (``"region.nombre"``), headed by the verbose name of its first field, or a
    ``(path, heading)`` pair for a column that is not a field or is headed otherwise."""
    from django.conf import settings
    from django.utils import translation

    encabezados = {}
    with translation.override(settings.LANGUAGE_CODE):
        for campo in campos:
            ruta, encabezado = campo if isinstance(campo, tuple) else (campo, None)
            if encabezado is None:
                encabezado = str(model._meta.get_field(ruta.split(".")[0]).verbose_name)
            encabezados[ruta] = encabezado
    return columnas_exportacion(encabezados)


def registrar_grupo(menu_label, menu_icon, menu_order, items):
    """Registers a plugin's admin menu: a group of snippet viewsets."""
    from wagtail.snippets.models import register_snippet
    from wagtail.snippets.views.snippets import SnippetViewSetGroup

    grupo = type(
        "Grupo",
        (SnippetViewSetGroup,),
        {
            "menu_label": menu_label,
            "menu_icon": menu_icon,
            "menu_order": menu_order,
            "items": items,
        },
    )
    register_snippet(grupo)
    return grupo


def filtro_region(label=None, field_name="region"):
    """The region filter of a region-scoped listing; :class:`RegionFilterMixin` narrows its
    choices to the regions the user may see. ``field_name`` is the path to the region
    (``"organismo__region"`` for records that belong to an institution)."""
    import django_filters
    from django.utils.translation import gettext_lazy as _

    return django_filters.ModelChoiceFilter(
        label=label or _("Región"),
        field_name=field_name,
        queryset=Region.objects.all(),
        empty_label=_("Todas"),
    )


def filtro_opciones(label, choices, empty_label=None, **kwargs):
    """A listing filter on a field with choices («Todos» clears it)."""
    import django_filters
    from django.utils.translation import gettext_lazy as _

    return django_filters.ChoiceFilter(
        label=label, choices=choices, empty_label=empty_label or _("Todos"), **kwargs
    )


def campo_de(model, ruta):
    """The model field at the end of a lookup path (``"organismo__region"``)."""
    *relaciones, nombre = ruta.split(LOOKUP_SEP)
    for relacion in relaciones:
        model = model._meta.get_field(relacion).related_model
    return model._meta.get_field(nombre)


def relacion_de(model, ruta):
    """The longest run of forward foreign keys (or one-to-ones) at the start of a lookup
    path, what ``select_related`` can fetch; ``""`` when the path starts with none."""
    recorrido = []
    for nombre in ruta.split(LOOKUP_SEP):
        try:
            campo = model._meta.get_field(nombre)
        except FieldDoesNotExist:
            break
        if not (campo.many_to_one or campo.one_to_one) or campo.auto_created:
            break
        recorrido.append(nombre)
        model = campo.related_model
    return LOOKUP_SEP.join(recorrido)


def filtro_de(model, entrada):
    """``(name, filter)`` of one entry of :attr:`DeclaredListingMixin.filtros`."""
    import django_filters

    ruta, filtro = entrada if isinstance(entrada, tuple) else (entrada, None)
    if isinstance(filtro, django_filters.Filter):
        return ruta, filtro
    campo = campo_de(model, ruta)
    label = filtro or capfirst(campo.verbose_name)
    if campo.get_internal_type() == "BooleanField":
        return ruta, django_filters.BooleanFilter(label=label)
    return ruta, filtro_opciones(label, campo.choices)


def filterset_de(model, base=None, **filtros):
    """A listing's filter set: ``base`` (``WagtailFilterSet`` by default; a region-scoped
    listing passes :class:`RegionFilterSet`) with these filters on ``model``, after the
    base's and in the order given (django-filter would order them by creation)."""
    base = base or WagtailFilterSet
    meta = type("Meta", (), {"model": model, "fields": []})
    atributos = {**filtros, "Meta": meta, "__module__": model.__module__}
    clase = type(f"{model.__name__}FilterSet", (base,), atributos)
    heredados = {n: f for n, f in clase.base_filters.items() if n not in filtros}
    clase.base_filters = {**heredados, **{n: clase.base_filters[n] for n in filtros}}
    return clase
