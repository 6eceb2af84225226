"""One sitemap per site listing its pages in every language it offers, with hreflang links.

Pages come from the visibility rule (``cms.visibilidad``). A plugin's page also brings the
public detail pages its routes answer (``/directorio/<clave>/``, ``/medios/<id>/``…):
the plugin names a callable in its declaration (``Plugin.sitemap``) that lists them below
one of its pages, so core never knows a plugin's records. The same route below each
translation of that page is the same record in another language (hreflang).
"""

from django.utils.module_loading import import_string
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from cms.plugins import PluginPageMixin, get_plugin
from cms.templatetags.idiomas_tags import bcp47
from cms.visibilidad import paginas_publicas
from regiones.models import Region


def rutas_de_complemento(page, request=None):
    """[{"ruta", "lastmod"}] of the detail pages a plugin's page answers, or []."""
    if not isinstance(page, PluginPageMixin):
        return []
    plugin = get_plugin(page.plugin_label)
    if plugin is None or not getattr(plugin, "sitemap", None):
        return []
    return list(import_string(plugin.sitemap)(page, request))


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

    def _traducciones(self, objetos):
        """{translation_key: [public translations in the site's languages]}"""
        claves = {obj.translation_key for obj in objetos}
        por_clave = {}
        for traduccion in (
            paginas_publicas(
                Page.objects.filter(translation_key__in=claves, locale__in=self.locales())
            )
            .filter(alias_of__isnull=True)
            .select_related("locale")
            .order_by("locale_id")
        ):
            por_clave.setdefault(traduccion.translation_key, []).append(traduccion)
        return por_clave

    def _alternas(self, traducciones, ruta=""):
        if len(traducciones) < 2:
            return []
        return [
            {
                "lang_code": bcp47(t.locale.language_code),
                "location": t.get_full_url(self.request) + ruta,
            }
            for t in traducciones
        ]

    def _urls(self, page, protocol, domain):
        objetos = list(self.paginator.page(page).object_list)
        por_clave = self._traducciones(objetos) if len(self.locales()) > 1 else {}
        urls = []
        for obj in objetos:
            traducciones = por_clave.get(obj.translation_key, [])
            for url in obj.get_sitemap_urls(self.request):
                url["alternates"] = self._alternas(traducciones)
                urls.append(url)
            rutas = rutas_de_complemento(obj, self.request)
            if not rutas:
                continue
            base = obj.get_full_url(self.request)
            for entrada in rutas:
                ruta = entrada["ruta"].lstrip("/")
                urls.append(
                    {
                        "location": base + ruta,
                        "lastmod": entrada.get("lastmod"),
                        "alternates": self._alternas(traducciones, ruta),
                    }
                )
        lastmods = [u["lastmod"] for u in urls if u.get("lastmod")]
        if lastmods and len(lastmods) == len(urls):
            self.latest_lastmod = max(lastmods)
        return urls
