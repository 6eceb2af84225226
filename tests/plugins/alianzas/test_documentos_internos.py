"""An alliance action's evidence is never public: its document is not served to the public
(the rule: ``cms.documentos_registros``; agreements: tests/plugins/test_documentos_convenio.py)."""

import pytest
from wagtail.documents import get_document_model

from plugins.alianzas.models import EvidenciaVinculo
from tests.media.conftest import PDF, s3_media, upload  # noqa: F401

pytestmark = pytest.mark.usefixtures("s3_media")


def test_an_actions_evidence_is_served_only_to_whoever_sees_the_action(
    client, editor_of, regions, organizacion, vinculo
):
    accion = vinculo("istai-sonora", organizacion())
    documento = get_document_model().objects.create(
        title="Lista de asistencia del taller",
        file=upload("lista-de-asistencia.pdf", PDF),
        collection=regions["norte"].coleccion,
    )
    EvidenciaVinculo.objects.create(vinculo=accion, documento=documento)

    def status():
        return client.get(documento.url, HTTP_HOST="norte.localhost").status_code

    assert status() == 404
    client.force_login(editor_of("sureste", "coordinacion"))
    assert status() == 404
    client.force_login(editor_of("norte", "edicion"))
    assert status() == 302
