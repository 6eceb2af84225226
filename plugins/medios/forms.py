"""Admin forms: region scoping (cms.permissions) and the lifecycle rules (cms.ciclo)."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permissions import policy_registry

from cms import convenios_base
from cms.ciclo import ESTADOS_PUBLICOS, Estado
from cms.convenios_base import ConvenioFormBase
from cms.permissions import VIEW_ACTIONS, RegionScopedForm

WRITE_ACTIONS = ("add", "change")


def puede_publicar(user, convenio=None):
    """Whether the user may move agreements with outlets to public states or cancel them."""
    from .models import ConvenioMedio

    return convenios_base.puede_publicar(ConvenioMedio, user, convenio)


def medios_elegibles(user):
    """Outlets a region may work with: its own and the federal ones."""
    from .models import MedioOficial

    policy = policy_registry.get_by_type(MedioOficial)
    propios = policy.filter_for_user(MedioOficial.objects.all(), user, VIEW_ACTIONS)
    return MedioOficial.objects.filter(
        Q(pk__in=propios.values("pk")) | Q(ambito=MedioOficial.Ambito.FEDERAL)
    ).order_by("nombre")


class MedioOficialForm(RegionScopedForm):
    """The region is derived (the state's, or national for federal outlets); the states
    offered are those of the user's regions, and the derived region is checked too."""

    region_field = "entidad"

    def clean(self):
        # RegionScopedForm.clean checks the chosen field's region; here the region is
        # derived from ámbito and entidad, so the check is done below instead.
        cleaned = WagtailAdminModelForm.clean(self)
        policy = getattr(self, "_policy", None)
        self.instance.ambito = cleaned.get("ambito") or ""
        self.instance.entidad = cleaned.get("entidad")
        errores = self.instance.errores_ambito()
        for campo, mensaje in errores.items():
            self.add_error(campo, mensaje)
        region = self.instance.region_derivada()
        if errores or policy is None or region is None:
            return cleaned
        self.instance.region = region
        if not policy.user_has_any_permission_for_instance(
            self._scope_user, WRITE_ACTIONS, self.instance
        ):
            if region.es_nacional:
                self.add_error(
                    "ambito", _("Solo la Coordinación Nacional puede registrar medios federales.")
                )
            else:
                self.add_error("entidad", _("Solo puede guardar medios de su propia región."))
        return cleaned


class ConvenioMedioForm(ConvenioFormBase):
    """The outlets offered are those the region may work with; one or more organismos
    garantes, or the network, sign with the outlet."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self._scope_user is not None and "medio" in self.fields:
            self.fields["medio"].queryset = medios_elegibles(self._scope_user)

    def validar_partes(self, cleaned):
        if not cleaned.get("organismos") and not cleaned.get("incluye_red"):
            raise ValidationError(
                _(
                    "Indique quién firma con el medio: uno o más organismos garantes, o la red "
                    "(SNT)."
                )
            )


class PautaForm(RegionScopedForm):
    """Region-scoped; outlets and agreements offered are those the region may use."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self._scope_user
        if user is None:
            return
        from .models import ConvenioMedio

        if "medio" in self.fields:
            self.fields["medio"].queryset = medios_elegibles(user)
        if "convenio" in self.fields:
            policy = policy_registry.get_by_type(ConvenioMedio)
            propios = policy.filter_for_user(ConvenioMedio.objects.all(), user, VIEW_ACTIONS)
            # The national coordination's public agreements may cover any region's schedules.
            self.fields["convenio"].queryset = (
                ConvenioMedio.objects.filter(
                    Q(pk__in=propios.values("pk"))
                    | Q(region__tipo="nacional", estado__in=ESTADOS_PUBLICOS)
                )
                .exclude(estado=Estado.CANCELADO)
                .select_related("medio")
                .order_by("medio__nombre", "titulo")
            )
