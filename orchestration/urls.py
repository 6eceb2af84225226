"""The root URLconf: it puts the layers' URLs together, so it sits above them all.

/healthz first, then the citizens' search (``search.urls``), then the core's: admin, sitemap,
open data, the plugins' URLs and the pages in every language (``cms.urls``)."""

from django.urls import include, path

from cms import urls as cms_urls
from search import urls as search_urls

from . import health

handler404 = cms_urls.handler404
handler500 = cms_urls.handler500

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("", include(search_urls)),
    *cms_urls.urlpatterns,
]
