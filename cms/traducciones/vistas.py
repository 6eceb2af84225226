"""Admin views: region-scoped translation submission and the translation status report."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from regiones.models import Region, user_is_national

from .estado import ETIQUETAS, estado_region
from .idiomas import locales_de_pagina, region_de_pagina


def puede_traducir(user, page):
    """Who may start or sync translations of a page: whoever can edit it (its region's editing
    and coordination groups) and its region's translation group. Nobody from another region."""
    if page.permissions_for_user(user).can_edit():
        return True
    region = region_de_pagina(page)
    return bool(
        region
        and region.grupo_traduccion_id
        and user.is_active
        and user.groups.filter(pk=region.grupo_traduccion_id).exists()
    )


class TraducirPaginaView(SubmitPageTranslationView):
    """wagtail-localize's "Translate page", confined to the user's region.

    wagtail-localize only checks the global ``submit_translation`` permission: anyone holding it
    could translate any region's page. Here the user must be able to edit the source page (page
    permissions confine editors to their region's tree) or belong to its region's translation
    group, and may only choose the languages the page's site offers.
    """

    def get_object(self):
        page = super().get_object()
        if not puede_traducir(self.request.user, page):
            raise PermissionDenied
        return page

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        field.queryset = field.queryset.filter(pk__in=locales_de_pagina(self.object))
        return form


class ActualizarTraduccionesView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", confined the same way; publishing the
    translations at once needs the right to publish the source page."""

    def get_object(self):
        source = super().get_object()
        instance = source.get_source_instance()
        if isinstance(instance, Page):
            if not puede_traducir(self.request.user, instance):
                raise PermissionDenied
            if self.request.method == "POST" and self.request.POST.get("publish_translations"):
                if not instance.permissions_for_user(self.request.user).can_publish():
                    raise PermissionDenied
        return source


def regiones_para_informe(user):
    """Regions whose translation status the user may read: those they coordinate; every
    region for the national coordination and superusers."""
    regiones = Region.objects.filter(site__isnull=False).select_related("site__root_page")
    if user_is_national(user):
        return regiones
    return regiones.coordinated_by(user)


class EstadoTraduccionesView(WagtailAdminTemplateMixin, TemplateView):
    """For every page of a region: which languages are translated, out of date or missing."""

    template_name = "cms/admin/estado_traducciones.html"
    page_title = _("Estado de las traducciones")
    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        self.regiones = list(regiones_para_informe(request.user))
        if not self.regiones:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_region(self):
        slug = self.request.GET.get("region")
        if slug:
            return get_object_or_404(Region, pk__in=[r.pk for r in self.regiones], slug=slug)
        return self.regiones[0]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = self.get_region()
        locales, filas = estado_region(region)
        resumen = {locale.language_code: {clave: 0 for clave in ETIQUETAS} for locale in locales}
        for _page, celdas in filas:
            for celda in celdas:
                resumen[celda.locale.language_code][celda.estado] += 1
        context.update(
            {
                "region": region,
                "regiones": self.regiones,
                "locales": locales,
                "filas": filas,
                "resumen": [(locale, resumen[locale.language_code]) for locale in locales],
                "etiquetas": ETIQUETAS,
            }
        )
        return context
