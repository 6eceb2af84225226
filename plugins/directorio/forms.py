"""Admin forms: region-scoped (only the user's institutions are offered or accepted)."""

from django.utils import timezone

from cms.permissions import RegionScopedForm


class AreaComunicacionForm(RegionScopedForm):
    region_field = "organismo"


class CuentaSocialForm(RegionScopedForm):
    region_field = "organismo"

    def save(self, commit=True):
        # Whoever records a new verification date is the person who verified it.
        if "verificada_el" in self.changed_data and self.instance.verificada_el:
            user = getattr(self, "_scope_user", None)
            if user is not None and user.is_authenticated:
                self.instance.verificada_por = user
        elif "estado" in self.changed_data and self.instance.estado == "activa":
            if not self.instance.verificada_el:
                self.instance.verificada_el = timezone.localdate()
                user = getattr(self, "_scope_user", None)
                if user is not None and user.is_authenticated:
                    self.instance.verificada_por = user
        return super().save(commit=commit)
