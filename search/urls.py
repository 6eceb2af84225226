from django.urls import path

from . import api, views

app_name = "buscar"
urlpatterns = [
    path("buscar/", views.buscar, name="pagina"),
    path("api/v1/buscar", api.api_buscar, name="api"),
    path("api/v1/buscar/sugerencias", api.api_sugerencias, name="sugerencias"),
]
