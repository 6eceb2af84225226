"""Non-page endpoints: the network's open data on public agreements, the same on every
site (filter by region). Mounted at the site root under the namespace ``alianzas``."""

from django.urls import path

from . import views

urlpatterns = [
    path("api/v1/convenios", views.api_convenios, name="api_convenios"),
    path("datos/convenios.csv", views.datos_csv, name="datos_csv"),
]
