from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views
from cms.plugins import plugin_urlpatterns

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Wagtail's page URLs end in "/" and have no dots: let calendar files (evento.ics,
    # calendario.ics) reach their pages' routes.
    re_path(r"^(?P<ruta>(?:[\w\-]+/)*[\w\-]+\.ics)/?$", views.serve_ics, name="serve_ics"),
    path("admin/", include(wagtailadmin_urls)),
    path("documentos/", include(wagtaildocs_urls)),
    path("", include("search.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += plugin_urlpatterns()
urlpatterns += [path("", include(wagtail_urls))]
