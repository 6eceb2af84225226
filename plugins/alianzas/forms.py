"""Admin forms: region scoping (cms.permissions) and the lifecycle rules (cms.ciclo)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms import convenios_base
from cms.convenios_base import ConvenioFormBase
from cms.formularios import AdminModelForm
from cms.permissions import RegionScopedForm


def puede_publicar(user, convenio=None):
    """Whether the user may move agreements to public states or cancel them."""
    from .models import Convenio

    return convenios_base.puede_publicar(Convenio, user, convenio)


class OrganizacionForm(AdminModelForm):
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


class ConvenioForm(ConvenioFormBase):
    """The parties are organismos garantes, organizations and the network: two at least."""

    def validar_partes(self, cleaned):
        partes = len(cleaned.get("organismos") or []) + len(cleaned.get("organizaciones") or [])
        partes += 1 if cleaned.get("incluye_red") else 0
        if partes < 2:
            raise ValidationError(
                _(
                    "Un convenio necesita al menos dos partes: organismos garantes, "
                    "organizaciones o la red (SNT)."
                )
            )
