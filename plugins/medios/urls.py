"""Non-page endpoints: the network's open data on official media, the same on every site
(filter by region, type or scope). Mounted at the site root under the namespace
``medios``."""

from django.urls import path

from . import api

urlpatterns = [
    path("api/v1/medios", api.api_medios, name="api_medios"),
    path("datos/medios.csv", api.datos_csv, name="datos_csv"),
]
