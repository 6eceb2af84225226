"""Non-page endpoints: network-wide open data, the same on every site (filter by region).

Mounted at the site root under the namespace ``directorio`` (see cms.plugins).
"""

from django.urls import path

from . import api

urlpatterns = [
    path("api/v1/directorio/organismos", api.api_organismos, name="api_organismos"),
    path("datos/directorio.csv", api.datos_csv, name="datos_csv"),
    path("api/v1/directorio/donde-ejercer", api.api_donde_ejercer, name="api_donde_ejercer"),
    path("datos/donde-ejercer.csv", api.datos_donde_ejercer_csv, name="datos_donde_ejercer_csv"),
]
