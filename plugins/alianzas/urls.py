"""Non-page endpoints: the network's open data on public agreements, the same on every
site (filter by region). Mounted at the site root under the namespace ``alianzas``."""

from django.urls import path

from . import api

urlpatterns = [
    path("api/v1/convenios", api.api_convenios, name="api_convenios"),
    path("datos/convenios.csv", api.datos_csv, name="datos_csv"),
]
