"""Admin form of the institutions: region-scoped, and every status change is recorded with
its source and the person who made it."""

from cms.permissions import RegionScopedForm

from .models import OrganismoGarante, RegistroEstado


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
