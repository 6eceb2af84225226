"""One sitemap per site listing its pages in every language it offers, with hreflang links."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from cms.templatetags.idiomas_tags import bcp47
from cms.visibilidad import paginas_publicas
from regiones.models import Region


class SitemapMultilingue(Sitemap):
    def locales(self):
        region = Region.for_site(self.get_wagtail_site())
        return list(region.locales()) if region else []

    def items(self):
        site = self.get_wagtail_site()
        locales = self.locales()
        homes = site.root_page.get_translations(inclusive=True).filter(
            locale__in=locales, alias_of__isnull=True
        )
        paginas = Page.objects.none()
        for home in homes:
            paginas = paginas | Page.objects.descendant_of(home, inclusive=True)
        return (
            paginas_publicas(paginas)
            .filter(alias_of__isnull=True)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        locales = self.locales()
        if len(locales) < 2:
            return urls
        objetos = list(self.paginator.page(page).object_list)
        claves = {obj.translation_key for obj in objetos}
        por_clave = {}
        for traduccion in (
            paginas_publicas(Page.objects.filter(translation_key__in=claves, locale__in=locales))
            .filter(alias_of__isnull=True)
            .select_related("locale")
        ):
            por_clave.setdefault(traduccion.translation_key, []).append(traduccion)
        por_url = {}
        for obj in objetos:
            traducciones = por_clave.get(obj.translation_key, [])
            if len(traducciones) > 1:
                por_url[obj.get_full_url(self.request)] = [
                    {
                        "lang_code": bcp47(t.locale.language_code),
                        "location": t.get_full_url(self.request),
                    }
                    for t in sorted(traducciones, key=lambda t: t.locale_id)
                ]
        for url in urls:
            url["alternates"] = por_url.get(url["location"], [])
        return urls
