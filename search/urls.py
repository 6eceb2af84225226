from django.urls import path

from . import views

app_name = "buscar"
urlpatterns = [
    path("buscar/", views.buscar, name="pagina"),
    path("api/v1/buscar", views.api_buscar, name="api"),
    path("api/v1/buscar/sugerencias", views.api_sugerencias, name="sugerencias"),
]
