"""Wagtail's document chooser and documents listing, keeping private collections private.

Wagtail's collection filters list every collection a permission on the root reaches, so they would
name private collections (``guidance/private_documents.py``) to every editor; and its chooser's
"chosen" addresses return any document the user may choose by Wagtail's rules, whatever the
``construct_document_chooser_queryset`` hooks left out of the listing. These subclasses change only
that. Wagtail offers no setting for either view, so ``wagtail_hooks.py`` registers them at Wagtail's
own addresses ahead of Wagtail's (as it does for the add and edit views in ``admin_views.py``).
"""

from django.http import Http404
from django.urls import include, path
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.documents import get_document_model_string
from wagtail.documents.views import chooser, documents

from guidance.private_documents import named_collections

# Wagtail's own addresses and URL namespace: everything that reverses them reaches these views.
CHOOSER_NAME = "wagtaildocs_chooser"
CHOOSER_PREFIX = "documents/chooser"


def chooser_queryset(objects, request):
    """``objects`` as the chooser's listing narrows them (every ``construct_document_chooser_queryset``
    hook), so the "chosen" addresses accept no document the listing would not offer."""
    for hook in hooks.get_hooks("construct_document_chooser_queryset"):
        objects = hook(objects, request)
    return objects


class NamedCollectionsMixin:
    """The chooser's collection filter (and Collection column) without private collections the user
    may not choose from."""

    @cached_property
    def collections(self):
        collections = self.permission_policy.collections_user_has_permission_for(self.request.user, "choose")
        collections = named_collections(collections, user=self.request.user, actions=["choose"])
        return collections if len(collections) >= 2 else None  # as Wagtail: no filter for one


class ChooseView(NamedCollectionsMixin, chooser.DocumentChooseView):
    pass


class ChooseResultsView(NamedCollectionsMixin, chooser.DocumentChooseResultsView):
    pass


class ChosenView(chooser.DocumentChosenView):
    def get_object(self, pk):
        """Wagtail's lookup and permission check, then refuse (404, not confirming it exists) a
        document the chooser would not offer this user."""
        item = super().get_object(pk)
        if not chooser_queryset(type(item).objects.filter(pk=item.pk), self.request).exists():
            raise Http404
        return item


class ChosenMultipleView(chooser.DocumentChosenMultipleView):
    def get_objects(self, pks):
        """Only those of ``pks`` the chooser would offer this user."""
        return chooser_queryset(super().get_objects(pks), self.request)


class DocumentChooserViewSet(chooser.DocumentChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    # Wagtail's own viewset already registered the chooser widget for document foreign keys.
    register_widget = False


# Named as Wagtail's, so its views' own links (results, chosen) reverse to Wagtail's addresses, which
# these patterns take over. Not registered as a viewset: that would add a second URL namespace.
chooser_viewset = DocumentChooserViewSet(
    CHOOSER_NAME, model=get_document_model_string(), url_prefix=CHOOSER_PREFIX
)


class DocumentsFilterSet(documents.DocumentsFilterSet):
    """The documents listing's filters, its collection filter without private collections the user
    was given neither "Add" nor "Change" on (Wagtail's filter lists those two)."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        collection_filter = self.filters.get("collection_id")
        if collection_filter is not None:
            queryset = named_collections(
                collection_filter.queryset, user=request.user, actions=["add", "change"]
            )
            if queryset.count() > 1:
                collection_filter.queryset = queryset
            else:  # as Wagtail: no filter for one collection
                del self.filters["collection_id"]


class IndexView(documents.IndexView):
    filterset_class = DocumentsFilterSet


def document_admin_urls():
    """The chooser's and the listing's addresses, to be registered before Wagtail's."""
    return [
        path(f"{CHOOSER_PREFIX}/", include((chooser_viewset.get_urlpatterns(), "guidance_document_chooser"))),
        path("documents/", IndexView.as_view(), name="guidance_document_index"),
        path(
            "documents/results/", IndexView.as_view(results_only=True), name="guidance_document_index_results"
        ),
    ]
