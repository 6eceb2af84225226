from django.http import JsonResponse
from django.urls import path


def ping(request):
    return JsonResponse({"complemento": "testdummy"})


urlpatterns = [path("api/v1/testdummy/ping", ping, name="ping")]
