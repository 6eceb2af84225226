"""Admin pieces every agreement plugin shares (see :mod:`cms.convenios_base`): the state-change
view, the listing filters, the spreadsheet export columns and the CSV import of the
counterparts (organizations, outlets). Imported only from a plugin's admin modules."""

from functools import cache

import django_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn

from regiones.models import EntidadFederativa

from .ciclo import ESTADOS_PUBLICOS, Estado, get_transicion_view_base
from .convenios_base import puede_publicar
from .importing import CSVImporter, CSVImportView, RowError
from .text import fold
from .viewsets import RegionFilterMixin, RegionScopedSnippetViewSet, filtro_region

#: Moving into these needs the "publicar" permission (the coordination).
ESTADOS_DE_COORDINACION = (*ESTADOS_PUBLICOS, Estado.CANCELADO)


def url_snippet(model, vista):
    return f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:{vista}"


@cache
def get_transicion_convenio_view_base():
    """«Cambiar estado» of an agreement: subclass and set ``model``. Editors move agreements
    between internal states; signing, publishing and cancelling is for the coordination."""

    class TransicionConvenioView(get_transicion_view_base()):
        @property
        def permission_policy(self):
            from wagtail.permissions import policy_registry

            return policy_registry.get_by_type(self.model)

        @property
        def url_listado(self):
            return url_snippet(self.model, "list")

        def estados_permitidos(self, user, obj):
            permitidos = obj.transiciones_permitidas()
            if puede_publicar(self.model, user, obj):
                return permitidos
            return [e for e in permitidos if e not in ESTADOS_DE_COORDINACION]

        def get_breadcrumbs_items(self):
            return self.breadcrumbs_items + [
                {
                    "url": reverse(url_snippet(self.model, "list")),
                    "label": self.model._meta.verbose_name_plural,
                },
                {
                    "url": reverse(url_snippet(self.model, "edit"), args=[self.object.pk]),
                    "label": str(self.object),
                },
                {"url": "", "label": _("Cambiar estado")},
            ]

        def form_valid(self, form):
            # The form only offers the allowed states; a forged POST is refused here too.
            if form.cleaned_data["nuevo_estado"] not in self.estados_permitidos(
                self.request.user, self.object
            ):
                raise PermissionDenied
            return super().form_valid(form)

    return TransicionConvenioView


def registrar_transicion(model, ruta):
    """The agreement model's «Cambiar estado» view at ``/admin/<ruta><pk>/estado/``, named
    ``<app_label>_transicion``, with its lifecycle admin wiring (listing button, first history
    row, the ``<app_label>.cambio_estado`` log action). Call it once from the plugin's
    ``wagtail_hooks.py``; returns the view class."""
    from django.urls import path
    from wagtail import hooks

    from .ciclo import register_lifecycle_admin

    label = model._meta.app_label
    nombre = f"{label}_transicion"
    vista = type(
        f"Transicion{model.__name__}View",
        (get_transicion_convenio_view_base(),),
        {"model": model, "__module__": model.__module__},
    )

    @hooks.register("register_admin_urls")
    def urls_transicion():
        return [path(f"{ruta}<int:pk>/estado/", vista.as_view(), name=nombre)]

    register_lifecycle_admin(model, nombre, f"{label}.cambio_estado")
    return vista


class ConvenioFilterSetBase(RegionFilterMixin, WagtailFilterSet):
    """Responsible region (the user's regions only) and state; the plugin adds its own."""

    region = filtro_region(_("Región responsable"))
    estado = django_filters.ChoiceFilter(
        label=_("Estado"), choices=Estado.choices, empty_label=_("Todos")
    )


class ConvenioViewSetBase(RegionScopedSnippetViewSet):
    """An agreement model's admin listing, scoped to the user's regions: title, the
    plugin's columns, state and dates; filters by region, state and the plugin's own; the
    export of :func:`exportacion`. The plugin sets ``model``, ``menu_label``,
    ``export_filename`` and what its agreements add (the attributes below)."""

    icon = "doc-full"
    search_fields = ["titulo", "objeto"]
    relacionados = ("region",)
    filterset_base = ConvenioFilterSetBase
    #: The plugin's own filters, after region and state (see ``DeclaredListingMixin``).
    filtros = ()
    #: The plugin's own listing columns, after the title.
    columnas = ()
    #: The plugin's own export columns, ``{field: heading}``: before the state, after the dates.
    exportar = ({}, {})

    @cached_property
    def list_display(self):
        return columnas_listado(*self.columnas)

    @cached_property
    def list_export(self):
        return exportacion(*self.exportar)[0]

    @cached_property
    def export_headings(self):
        return exportacion(*self.exportar)[1]


def columnas_listado(*propias):
    """Listing columns: title, the plugin's own columns, state and dates."""
    return [
        "titulo",
        *propias,
        Column("estado", label=_("Estado"), accessor="get_estado_display"),
        DateColumn("fecha_firma", label=_("Firma")),
        DateColumn("vigencia_fin", label=_("Fin de vigencia")),
    ]


def exportacion(antes_del_estado=None, despues_de_las_fechas=None):
    """``(list_export, export_headings)`` of an agreement listing: id, title, responsible
    region, the plugin's columns, state, dates, the plugin's columns, whether the network
    signs and the internal comments (the export is an admin tool, scoped to the region).
    Each argument is ``{field: heading}``."""
    columnas = {"pk": "id", "titulo": "título", "region.nombre": "región responsable"}
    columnas.update(antes_del_estado or {})
    columnas.update(
        {
            "estado": "estado",
            "fecha_firma": "fecha de firma",
            "vigencia_inicio": "inicio de vigencia",
            "vigencia_fin": "fin de vigencia",
        }
    )
    columnas.update(despues_de_las_fechas or {})
    columnas.update(
        {"incluye_red": "la red es parte", "comentarios_internos": "comentarios internos"}
    )
    return list(columnas), columnas


# --- CSV import of counterparts (organizations, outlets) -----------------------------------


def enumerar(palabras):
    """«a, b y c»."""
    palabras = list(palabras)
    return " y ".join([", ".join(palabras[:-1]), palabras[-1]] if len(palabras) > 1 else palabras)


class ImportarContraparteView(CSVImportView):
    """The CSV import of a ``ContraparteBase`` model: back to its listing, its columns (from
    the importer) in the help text, and its kinds (``Tipo``) and scopes (``Ambito``) in the
    template's context. The plugin sets ``model``, ``importer_class``, ``template_name``,
    ``page_title`` and the messages."""

    @property
    def listing_url_name(self):
        return url_snippet(self.model, "list")

    @property
    def help_text(self):
        importer = self.importer_class
        return _(
            "UTF-8, separado por comas, con una fila de encabezado. Columnas obligatorias: "
            "%(obligatorias)s; opcionales: %(opcionales)s."
        ) % {
            "obligatorias": enumerar(importer.columns),
            "opcionales": enumerar(importer.optional_columns),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tipos"] = self.model.Tipo.choices
        context["ambitos"] = self.model.Ambito.choices
        return context


class ContraparteImporter(CSVImporter):
    """All-or-nothing import of a ``ContraparteBase`` model: a row whose name matches a
    stored record (ignoring case and accents) updates it, any other creates one. The
    subclass sets ``model``, ``columns`` and ``optional_columns`` and builds the record from
    a row in ``validate_row`` (returning the record, or a tuple that starts with it)."""

    model = None

    def __init__(self, user=None):
        super().__init__(user)
        self.entidades = {}
        for entidad in EntidadFederativa.objects.select_related("region"):
            self.entidades[fold(entidad.nombre).strip()] = entidad
            self.entidades[fold(entidad.slug).strip()] = entidad
        self.existentes = {fold(r.nombre).strip(): r for r in self.model._default_manager.all()}

    def registro(self, nombre):
        """The stored record with this name, or a new one."""
        registro = self.existentes.get(fold(nombre).strip()) or self.model()
        registro.nombre = nombre if registro.pk is None else registro.nombre
        return registro

    @staticmethod
    def errores_sitio_web(data):
        sitio = data.get("sitio_web", "")
        if not sitio:
            return []
        try:
            URLValidator(schemes=["http", "https"])(sitio)
        except ValidationError:
            return [f"El sitio web «{sitio}» no es una dirección válida (http o https)."]
        return []

    @staticmethod
    def validar_modelo(registro, **kwargs):
        """The model's own validation, as the row's messages."""
        try:
            registro.full_clean(validate_unique=False, **kwargs)
        except ValidationError as exc:
            raise ValidationError(
                [f"{campo}: {' '.join(m)}" for campo, m in exc.message_dict.items()]
            ) from None

    def validate_all(self, items):
        """A name may appear in one row only."""
        vistos, errores = {}, []
        for fila, item in items:
            registro = item[0] if isinstance(item, tuple) else item
            clave = fold(registro.nombre).strip()
            if clave in vistos:
                errores.append(
                    RowError(fila, [f"«{registro.nombre}» ya aparece en la fila {vistos[clave]}."])
                )
            else:
                vistos[clave] = fila
        return errores
