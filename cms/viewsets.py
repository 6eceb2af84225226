"""Admin viewsets whose every view is confined to the user's region."""

from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from .permissions import RegionScopedChooserMixin, RegionScopedObjectMixin


def _scoped(view_class):
    return type(f"RegionScoped{view_class.__name__}", (RegionScopedObjectMixin, view_class), {})


class RegionScopedChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = type(
        "RegionScopedChooseView", (RegionScopedChooserMixin, snippet_chooser.ChooseView), {}
    )
    choose_results_view_class = type(
        "RegionScopedChooseResultsView",
        (RegionScopedChooserMixin, snippet_chooser.ChooseResultsView),
        {},
    )


class RegionScopedSnippetViewSet(SnippetViewSet):
    """A SnippetViewSet for a model registered with a RegionPermissionPolicy.

    Listings, spreadsheet exports and choosers show only the user's regions; edit,
    delete, inspect, history and usage views refuse other regions' records; bulk
    actions check each record against the same policy.
    """

    edit_view_class = _scoped(snippet_views.EditView)
    delete_view_class = _scoped(snippet_views.DeleteView)
    inspect_view_class = _scoped(snippet_views.InspectView)
    history_view_class = _scoped(snippet_views.HistoryView)
    usage_view_class = _scoped(snippet_views.UsageView)
    copy_view_class = _scoped(snippet_views.CopyView)
    chooser_viewset_class = RegionScopedChooserViewSet

    def get_queryset(self, request):
        return self.permission_policy.filter_for_user(
            self.model._default_manager.all(), request.user
        )
