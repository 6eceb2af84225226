import os

from django.utils.translation import gettext_lazy as _

from cms.plugins import Plugin, PluginConfig


class TestDummyConfig(PluginConfig):
    name = "tests.testdummy"
    plugin = Plugin(
        label="testdummy",
        name=_("Complemento de prueba"),
        version="0.0.1",
        # The compatibility test declares an impossible one through the environment.
        compatibility=os.environ.get("SNT_TESTDUMMY_COMPATIBILITY", ">=0.1"),
        description=_("Existe solo en las pruebas del contrato de complementos."),
        urls="tests.testdummy.urls",
        search_documents="tests.testdummy.search.documents",
        region_models=["testdummy.Ficha"],
    )
