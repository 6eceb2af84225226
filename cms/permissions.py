"""Region scoping for records that belong to a region, written once for every plugin.

Built on Wagtail 8's site-aware permission policy: a region's groups receive
``GroupSitePermission`` rows for their region's site; a global Django permission (held by
the national coordination) covers every region. Records reach their region through a
lookup such as ``"region"`` or ``"organismo__region"``.

Records and screens that only the national coordination maintains have their policy and
view mixin here too (``SoloCoordinacionNacional``, ``SoloNacionalMixin``).
"""

from operator import attrgetter

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.models import GroupSitePermission, Site
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permission_policies.sites import SitePermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from regiones.models import Region, user_is_national

from .formularios import AdminModelForm

VIEW_ACTIONS = ("view", "change", "delete")
EDITOR_ACTIONS = ("add", "change", "view")
COORDINATOR_ACTIONS = ("add", "change", "delete", "view")


class RegionPermissionPolicy(SitePermissionPolicy):
    """Permissions per region: a record is reachable where its region's site is."""

    def __init__(self, model, region_lookup="region", auth_model=None):
        self.region_lookup = region_lookup
        self.site_lookup = f"{region_lookup}__site"
        self.model = model
        self.auth_model = auth_model or model
        self.site_field_name = self.site_lookup
        self._get_region = attrgetter(region_lookup.replace("__", "."))

    def region_of(self, instance):
        try:
            return self._get_region(instance)
        except AttributeError:
            return None

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser or self._user_has_global_permission(user, actions):
            return True
        region = self.region_of(instance)
        if region is None or region.site_id is None:
            return False
        codenames = self._get_permission_codenames(actions)
        return any(
            perm.permission.content_type_id == self._content_type.pk
            and perm.permission.codename in codenames
            and perm.site_id == region.site_id
            for perm in self.get_cached_permissions_for_user(user)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        return self.filter_for_user(self.model._default_manager.all(), user, actions)

    def filter_for_user(self, queryset, user, actions=VIEW_ACTIONS):
        sites = self.sites_user_has_any_permission_for(user, actions)
        if user.is_authenticated and (
            user.is_superuser or self._user_has_global_permission(user, actions)
        ):
            return queryset
        return queryset.filter(**{f"{self.site_lookup}__in": sites})

    def regions_user_has_any_permission_for(self, user, actions):
        return Region.objects.filter(site__in=self.sites_user_has_any_permission_for(user, actions))

    def users_with_any_permission_for_instance(self, actions, instance):
        region = self.region_of(instance)
        return super().users_with_any_permission_for_instance(
            actions, region.site if region else Site(pk=0)
        )


def readable(model, user, actions=VIEW_ACTIONS):
    """The records of ``model`` this person may read (or do ``actions`` with), by the
    model's registered policy: a plugin's reports and dashboards ask here."""
    policy = policy_registry.get_by_type(model)
    return policy.filter_for_user(model._default_manager.all(), user, actions)


def readable_regions(model, user, actions=VIEW_ACTIONS):
    """The regions whose ``model`` records this person may read, in the network's order."""
    policy = policy_registry.get_by_type(model)
    return policy.regions_user_has_any_permission_for(user, actions).order_by("orden")


def reads_every_region(model, user, actions=VIEW_ACTIONS):
    """Whether this person reads ``model`` records of every region (superuser or a global
    permission: the national coordination)."""
    policy = policy_registry.get_by_type(model)
    return user.is_authenticated and (
        user.is_superuser or policy._user_has_global_permission(user, actions)
    )


def register_region_policy(model, region_lookup="region"):
    policy = RegionPermissionPolicy(model, region_lookup=region_lookup)
    if policy_registry.get_by_type(model, fallback=False) is None:
        register_permission_policy(model, policy, exact_class=True)
    return policy_registry.get_by_type(model)


#: What the national coordination may do with every region's records: coordinating is
#: reading and curating, so it reads them all and changes only its own region's (README,
#: «Grupos y permisos»). Network data it maintains (the institutions) pass more actions.
NATIONAL_ACTIONS_ON_REGIONS = ("view",)


def grant_region_permissions(region, models, national_actions=NATIONAL_ACTIONS_ON_REGIONS):
    """Give a region's groups site-scoped permissions on the region-scoped models; the
    national coordination also gets ``national_actions`` over every region (global
    permissions), and loses any other global permission an earlier version granted."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    if region.site_id is None:
        return
    grants = []
    if region.es_nacional:
        if region.grupo_coordinacion:
            for model in models:
                ct = ContentType.objects.get_for_model(model, for_concrete_model=False)
                perms = Permission.objects.filter(
                    content_type=ct,
                    codename__in=[f"{a}_{model._meta.model_name}" for a in COORDINATOR_ACTIONS],
                )
                region.grupo_coordinacion.permissions.add(
                    *[p for p in perms if p.codename.split("_", 1)[0] in national_actions]
                )
                region.grupo_coordinacion.permissions.remove(
                    *[p for p in perms if p.codename.split("_", 1)[0] not in national_actions]
                )
            grants.append((region.grupo_coordinacion, COORDINATOR_ACTIONS))
    else:
        if region.grupo_edicion:
            grants.append((region.grupo_edicion, EDITOR_ACTIONS))
        if region.grupo_coordinacion:
            grants.append((region.grupo_coordinacion, COORDINATOR_ACTIONS))
    for model in models:
        ct = ContentType.objects.get_for_model(model, for_concrete_model=False)
        for group, actions in grants:
            for action in actions:
                permission = Permission.objects.get(
                    content_type=ct, codename=f"{action}_{model._meta.model_name}"
                )
                GroupSitePermission.objects.get_or_create(
                    group=group, site=region.site, permission=permission
                )


class RegionScopedForm(AdminModelForm):
    """Offers only the regions (or institutions) the user may write to."""

    region_field = "region"

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self._scope_user = for_user
        policy = policy_registry.get_by_type(self._meta.model)
        if for_user is None or not isinstance(policy, RegionPermissionPolicy):
            return
        self._policy = policy
        # Every choice of another region-scoped record (an institution, an outlet...) is
        # narrowed to the records the person may see.
        for name, form_field in self.fields.items():
            choices = getattr(form_field, "queryset", None)
            choice_policy = (
                policy_registry.get_by_type(choices.model, fallback=False)
                if choices is not None
                else None
            )
            if isinstance(choice_policy, RegionPermissionPolicy) and name != self.region_field:
                form_field.queryset = choice_policy.filter_for_user(choices, for_user)
        allowed = policy.regions_user_has_any_permission_for(for_user, ("add", "change"))
        field = self.fields.get(self.region_field)
        if field is None:
            return
        queryset = field.queryset
        if queryset.model._meta.label == "regiones.Region":
            field.queryset = queryset.filter(pk__in=allowed)
        else:
            field.queryset = queryset.filter(region__in=allowed)
        if isinstance(field, forms.ModelChoiceField) and field.queryset.count() == 1:
            field.initial = field.queryset.first()

    def clean(self):
        cleaned = super().clean()
        policy = getattr(self, "_policy", None)
        value = cleaned.get(self.region_field)
        if policy is None or value is None:
            return cleaned
        setattr(self.instance, self.region_field, value)
        if not policy.user_has_any_permission_for_instance(
            self._scope_user, ("add", "change"), self.instance
        ):
            self.add_error(
                self.region_field, _("Solo puede guardar registros de su propia región.")
            )
        return cleaned


class RegionScopedObjectMixin:
    """For edit, delete, inspect, history and usage views: refuse other regions' records."""

    scoped_actions = VIEW_ACTIONS

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        actions = (self.permission_required,) if self.permission_required else self.scoped_actions
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, actions, obj
        ):
            raise PermissionDenied
        return obj


class RegionScopedChooserMixin:
    def get_object_list(self):
        objects = super().get_object_list()
        policy = policy_registry.get_by_type(self.model_class)
        return policy.filter_for_user(objects, self.request.user)


# --- Records and screens of the national coordination -------------------------------------


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
        if not user_is_national(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class NationalMenuItem(MenuItem):
    """A menu item only the national coordination (and superusers) see."""

    def is_shown(self, request):
        return user_is_national(request.user)
