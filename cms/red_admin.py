"""Admin of the network's records (the «Red» menu: networks, regions, states and
institutions), built on the core's region-scoped viewsets and forms: the institutions are
edited by their region's groups, the rest by the national coordination.
``cms.wagtail_hooks`` imports this module, which registers the viewsets."""

from django.contrib import messages
from django.shortcuts import redirect
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


def menciones(organismo):
    """How many pages and records of the whole network name ``organismo`` (signatories of
    agreements, institutions a news item or event is about, a story's institution, the
    successor of another institution): deleting it would change them silently, whatever
    region they belong to. Its own data (accounts, communication area, status history)
    goes with it and is not counted."""
    from django.db.models import SET_NULL

    total = 0
    for rel in OrganismoGarante._meta.related_objects:
        if rel.many_to_many or (rel.one_to_many and rel.on_delete is SET_NULL):
            manager = rel.related_model._default_manager
            total += manager.filter(**{rel.field.name: organismo}).count()
    return total


class OrganismoDeleteView(RegionScopedModelViewSet.delete_view_class):
    """An institution named anywhere in the network is not deleted: it is marked extinct,
    with its successor, and its history stays (the page says so instead of deleting)."""

    def post(self, request, *args, **kwargs):
        n = menciones(self.object)
        if n:
            messages.error(request, texto_no_se_elimina(self.object, n))
            return redirect(self.get_success_url())
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        n = menciones(self.object)
        if n:
            messages.warning(self.request, texto_no_se_elimina(self.object, n))
        return context


def texto_no_se_elimina(organismo, n):
    return _(
        "«%(nombre)s» no se puede eliminar: la nombran %(n)s páginas o registros de la red "
        "(de cualquier región). Si dejó de existir, cambie su estado a extinta y registre su "
        "sucesora: su historia se conserva y quien la busque sabrá dónde ejercer hoy sus "
        "derechos."
    ) % {"nombre": organismo, "n": n}


class OrganismoViewSet(RegionScopedModelViewSet):
    model = OrganismoGarante
    delete_view_class = OrganismoDeleteView
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
