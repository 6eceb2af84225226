"""ConvenioMedio reuses cms.ciclo: the same transitions, refusals and date rules as the
alliance tracker, because it is the same component (tested on both in
``tests/plugins/test_convenios.py``)."""

from cms.ciclo import CicloMixin, Estado
from plugins.medios import models as medios_models
from plugins.medios.models import ConvenioMedio


def test_the_lifecycle_is_the_shared_component_not_a_copy():
    assert issubclass(ConvenioMedio, CicloMixin)
    assert ConvenioMedio.transicionar is CicloMixin.transicionar
    assert ConvenioMedio._meta.get_field("estado").choices == Estado.choices
    assert not hasattr(medios_models, "TRANSICIONES")
