"""Admin forms: region scoping (cms.permissions) and the lifecycle rules (cms.ciclo)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.ciclo import ESTADOS_INTERNOS, CicloFormMixin, Estado
from cms.permissions import RegionScopedForm


def puede_publicar(user, convenio=None):
    """Whether the user may move agreements to public states or cancel them
    (regional coordinations in their region, the national coordination everywhere)."""
    from wagtail.permissions import policy_registry

    from .models import Convenio

    policy = policy_registry.get_by_type(Convenio)
    if user is None:
        return False
    if convenio is not None and convenio.region_id:
        return policy.user_has_permission_for_instance(user, "publicar", convenio)
    return policy.user_has_permission(user, "publicar")


class OrganizacionForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("ambito") == "estatal" and not cleaned.get("entidades"):
            self.add_error(
                "entidades",
                _("Una organización de ámbito estatal necesita al menos una entidad federativa."),
            )
        return cleaned


class VinculoForm(RegionScopedForm):
    """Offers only the institutions of the user's regions."""

    region_field = "organismo"


class ConvenioForm(CicloFormMixin, RegionScopedForm):
    """Region-scoped; the state is chosen on creation only, and the public states only by
    those who may publish (coordinations)."""

    def estados_de_alta(self, user):
        if puede_publicar(user):
            return [e for e in Estado.values if e != Estado.CANCELADO]
        return [e for e in ESTADOS_INTERNOS if e != Estado.CANCELADO]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            estado = cleaned.get("estado")
            if estado and estado not in self.estados_de_alta(self._scope_user):
                self.add_error(
                    "estado",
                    _("Solo la coordinación puede registrar un convenio en «%(estado)s».")
                    % {"estado": Estado(estado).label},
                )
        partes = len(cleaned.get("organismos") or []) + len(cleaned.get("organizaciones") or [])
        partes += 1 if cleaned.get("incluye_red") else 0
        if partes < 2:
            raise ValidationError(
                _(
                    "Un convenio necesita al menos dos partes: organismos garantes, "
                    "organizaciones o la red (SNT)."
                )
            )
        return cleaned
