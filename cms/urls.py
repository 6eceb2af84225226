from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import api, datos_abiertos, views
from cms.plugins import plugin_urlpatterns
from cms.traducciones.explorador import explorar
from cms.traducciones.moderacion import accion_de_flujo

handler500 = "cms.views.server_error"
# Spanish, and under a language prefix it points to the Spanish page (cms/traducciones).
handler404 = "cms.traducciones.no_encontrada.no_encontrada"

urlpatterns = [
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Region-confined explorer (cms/traducciones/explorador.py), then the rest of the admin.
    path("admin/pages/<int:parent_page_id>/", explorar, name="cms_explorar"),
    # Workflow actions that say what they did (cms/traducciones/moderacion.py).
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        accion_de_flujo,
        name="cms_accion_de_flujo",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documentos/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += plugin_urlpatterns()
# Open data (cms/api.py, cms/datos_abiertos.py): the descriptions, then a JSON 404 for any
# other address under /api/ (before the pages' catch-all would redirect it).
urlpatterns += [
    path("api/v1/openapi.json", datos_abiertos.openapi_json, name="api_openapi"),
    path("api/v1/", datos_abiertos.documentacion, name="api_documentacion"),
    path("api/", datos_abiertos.documentacion),
    path("datos/datapackage.json", datos_abiertos.datapackage_json, name="datos_paquete"),
    re_path(r"^api/(?P<resto>.*)$", api.ruta_desconocida),
]
# Pages in every content language: Spanish (the default) unprefixed at /, the others under
# their code (/en/, /nah/…). Each site serves only the languages its region offers
# (HomePage.route). Everything above stays unprefixed.
urlpatterns += i18n_patterns(
    # Wagtail's page URLs end in "/" and have no dots: let calendar files (evento.ics,
    # calendario.ics) reach their pages' routes.
    re_path(r"^(?P<ruta>(?:[\w\-]+/)*[\w\-]+\.ics)/?$", views.serve_ics, name="serve_ics"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
