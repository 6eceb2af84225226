"""Admin of the network's records (the «Red» menu: networks, regions, states and
institutions), built on the core's region-scoped viewsets and forms: the institutions are
edited by their region's groups, the rest by the national coordination.
``cms.wagtail_hooks`` imports this module, which registers the viewsets."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup

from regiones.models import EntidadFederativa, OrganismoGarante, Red, Region, RegistroEstado

from .permissions import RegionScopedForm
from .viewsets import AdminModelViewSet, RegionScopedModelViewSet


class OrganismoGaranteForm(RegionScopedForm):
    """A coordination updates its institutions' status, successors and contacts.

    The model refuses a change of status, extinction date or successor without a new public
    source (``OrganismoGarante.clean``); this form keeps what was said as a RegistroEstado,
    so that the public page lists every source."""

    def save(self, commit=True):
        cambios = self.instance.cambios_estado() if self.instance.pk else ["nueva"]
        organismo = super().save(commit=commit)
        if commit and cambios and organismo.lista_fuentes_estado():
            user = getattr(self, "_scope_user", None)
            RegistroEstado.desde(
                organismo, "administración", user if user and user.is_authenticated else None
            ).save()
        return organismo

    class Meta:
        model = OrganismoGarante
        fields = "__all__"


class RedViewSet(AdminModelViewSet):
    model = Red
    icon = "globe"
    menu_label = _("Redes")
    list_display = ["nombre", "siglas", "vigente_desde", "vigente_hasta", "es_actual"]
    form_fields = [
        "nombre",
        "siglas",
        "descripcion",
        "vigente_desde",
        "vigente_hasta",
        "fundamento_legal",
        "fuente",
        "sucesora",
        "es_actual",
    ]


class RegionViewSet(AdminModelViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regiones")
    list_display = ["nombre", "tipo", "site", "coleccion", "grupo_coordinacion"]
    form_fields = [
        "red",
        "nombre",
        "slug",
        "tipo",
        "orden",
        "descripcion",
        "fuente",
        "site",
        "coleccion",
        "grupo_edicion",
        "grupo_coordinacion",
    ]


class EntidadViewSet(AdminModelViewSet):
    model = EntidadFederativa
    icon = "pick"
    menu_label = _("Entidades federativas")
    list_display = ["nombre", "region", "region_verificada"]
    list_filter = ["region", "region_verificada"]
    form_fields = ["nombre", "slug", "region", "region_verificada", "fuente_region"]


ORGANISMO_FIELDS = [
    "clave", "nombre", "siglas", "tipo", "entidad", "region", "sitio_web", "fuente_sitio_web",
    "estado", "fecha_inicio", "fecha_extincion", "fundamento_legal", "fuente_fundamento",
    "derechos", "sucesor", "sucesor_datos", "fuentes_estado", "fecha_fuente_estado",
    "notas_estado", "fuentes", "notas",
]  # fmt: skip


class OrganismoViewSet(RegionScopedModelViewSet):
    model = OrganismoGarante
    icon = "group"
    menu_label = _("Instituciones")
    list_display = ["nombre", "siglas", "entidad", "region", "estado"]
    list_filter = ["region", "estado", "tipo"]
    search_fields = ["nombre", "siglas", "clave"]
    list_export = ["clave", "nombre", "siglas", "entidad", "region", "estado", "sitio_web"]
    edit_handler = ObjectList(
        [FieldPanel(name) for name in ORGANISMO_FIELDS], base_form_class=OrganismoGaranteForm
    )


class RedGroup(ViewSetGroup):
    menu_label = _("Red")
    menu_icon = "globe"
    menu_order = 250
    items = (
        RedViewSet("red"),
        RegionViewSet("regiones"),
        EntidadViewSet("entidades"),
        OrganismoViewSet("instituciones"),
    )


@hooks.register("register_admin_viewset")
def register_red_viewsets():
    return RedGroup()
