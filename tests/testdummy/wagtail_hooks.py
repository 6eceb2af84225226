from wagtail.snippets.models import register_snippet

from cms.viewsets import RegionScopedSnippetViewSet

from .models import Ficha


class FichaViewSet(RegionScopedSnippetViewSet):
    model = Ficha
    list_display = ["titulo", "region"]
    list_export = ["titulo", "region"]
    list_filter = ["region"]


register_snippet(FichaViewSet)
