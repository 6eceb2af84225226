"""Permission policies for records that only the national coordination maintains."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from regiones.models import Region, user_is_national


def _usuarios_nacionales():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__region_coordinacion__tipo=Region.Tipo.NACIONAL))
        .distinct()
    )


class SoloCoordinacionNacional(BasePermissionPolicy):
    """The national coordination (and superusers) may do the listed actions; nobody else.

    ``lectura_abierta`` lets every admin user view (e.g. the language rules editors follow).
    """

    def __init__(self, model, acciones=("add", "change", "delete", "view"), lectura_abierta=False):
        super().__init__(model)
        self.acciones = set(acciones)
        self.lectura_abierta = lectura_abierta

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if action == "view" and self.lectura_abierta:
            return user.has_perm("wagtailadmin.access_admin")
        return action in self.acciones and user_is_national(user)

    def users_with_any_permission(self, actions):
        if "view" in actions and self.lectura_abierta:
            return get_user_model().objects.filter(is_active=True)
        if not self.acciones.intersection(actions):
            return get_user_model().objects.none()
        return _usuarios_nacionales()


class SoloNacionalMixin:
    """For admin views of the national coordination (and superusers): anybody else gets 403."""

    def dispatch(self, request, *args, **kwargs):
        from django.core.exceptions import PermissionDenied

        if not user_is_national(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
