from django.apps import AppConfig

from cms.plugins import Plugin


class TestDummyConfig(AppConfig):
    name = "tests.testdummy"
    label = "testdummy"
    default_auto_field = "django.db.models.BigAutoField"
    plugin = Plugin(
        label="testdummy",
        name="Complemento de prueba",
        version="0.0.1",
        description="Existe solo en las pruebas del contrato de complementos.",
        urls="tests.testdummy.urls",
        search_documents="tests.testdummy.search.documents",
        region_models=["testdummy.Ficha"],
    )

    def ready(self):
        from cms.permissions import register_region_policy

        from .models import Ficha

        register_region_policy(Ficha)
