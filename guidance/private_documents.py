"""Documents in private collections (a collection, or a parent of it, has a view restriction).

Wagtail's own document view already refuses them to visitors the restriction does not let in
(``before_serve_document``). This module keeps them out of everywhere else:

- the document chooser offers them only to groups given "Choose" on that private collection itself
  (Settings → Groups), nor hands one over by its id; "Choose" on the root collection, which every
  editor has, does not reach in; the admin's collection filters (chooser, documents listing) leave
  out the names of such collections too (``guidance/document_admin.py``);
- site search shows their text and title only to visitors the restriction lets in;
- a download of one is marked never to be stored by a browser, proxy, CDN or the page cache.
"""

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers
from wagtail.documents.models import AbstractDocument
from wagtail.models import Collection, CollectionViewRestriction, GroupCollectionPermission

# Set on a request that serves a private document or shows its text in search results;
# ``NeverCachePrivateDocumentsMiddleware`` reads it.
PRIVATE_DOCUMENT_FLAG = "lmc_serves_private_document"


def is_private(document: AbstractDocument) -> bool:
    """True if a view restriction applies to the document's collection (Wagtail's own lookup)."""
    return document.collection.get_view_restrictions().exists()


def choosable_documents(documents: QuerySet, *, user: AbstractBaseUser | AnonymousUser) -> QuerySet:
    """``documents`` less those in private collections ``user`` was not given "Choose" on.

    Wagtail's collection permissions pass down to every collection below the one they are given
    on, so editors' "Choose" on the root would reach every private collection. Here a document in a
    private collection counts only a "Choose" given on that private collection or inside it.
    """
    hidden = hidden_collection_ids(user, actions=["choose"])
    # By collection id, a filter the chooser's search (Wagtail's search backend) can apply too.
    return documents.exclude(collection__in=hidden) if hidden else documents


def named_collections(collections: QuerySet, *, user: AbstractBaseUser | AnonymousUser, actions) -> QuerySet:
    """``collections`` less the private ones ``user`` was given none of ``actions`` on (see
    ``hidden_collection_ids``): a private collection's name can itself tell too much."""
    hidden = hidden_collection_ids(user, actions=actions)
    return collections.exclude(pk__in=hidden) if hidden else collections


def hidden_collection_ids(user: AbstractBaseUser | AnonymousUser, *, actions) -> list[int]:
    """Ids of the private collections (and those below them) that ``user``'s groups were given none
    of the document ``actions`` ("choose", "add", ...) on, on that private collection or inside it.

    A permission given above a private collection (editors' on the root) does not reach in, though
    Wagtail's own permissions pass down. Superusers are never kept out.
    """
    if user.is_active and user.is_superuser:
        return []
    restricted = set(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not restricted:
        return []
    granted = list(
        GroupCollectionPermission.objects.filter(
            group__in=user.groups.all(),
            permission__content_type__app_label="wagtaildocs",
            permission__codename__in=[f"{action}_document" for action in actions],
        ).values_list("collection__path", flat=True)
    )
    hidden = Q()
    for private_path in restricted:
        inside = Q(path__startswith=private_path)
        for path in granted:
            if path.startswith(private_path):
                inside &= ~Q(path__startswith=path)
        hidden |= inside
    return list(Collection.objects.filter(hidden).values_list("pk", flat=True))


def document_viewer(request: HttpRequest) -> Callable[[AbstractDocument], bool]:
    """Whether the person making ``request`` may see a document: every view restriction on its
    collection or a parent collection accepts the request (Wagtail's own check), for any number of
    documents with one query."""
    restrictions = list(CollectionViewRestriction.objects.select_related("collection"))

    def may_view(document: AbstractDocument) -> bool:
        path = document.collection.path
        applying = [r for r in restrictions if path.startswith(r.collection.path)]
        if not all(restriction.accept_request(request) for restriction in applying):
            return False
        if applying:  # the response may show this private document's text: never store it
            setattr(request, PRIVATE_DOCUMENT_FLAG, True)
        return True

    return may_view


def public_documents_only(document: AbstractDocument) -> bool:
    """A document viewer for anonymous visitors: only documents outside private collections."""
    return not is_private(document)


def mark_private_document_served(document: AbstractDocument, request: HttpRequest) -> None:
    """Note on ``request`` that it serves a private document, so its response is never stored."""
    if is_private(document):
        setattr(request, PRIVATE_DOCUMENT_FLAG, True)


class NeverCachePrivateDocumentsMiddleware:
    """``Cache-Control: private, no-cache, no-store, must-revalidate, max-age=0`` on every response
    that serves (or refuses) a private document, whichever view served it, or shows its text.

    Wagtail's ``before_serve_document`` hook sees the document but not the response, so the hook
    marks the request and this adds the headers. It must sit below the page cache middleware, which
    then never stores the response either.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if getattr(request, PRIVATE_DOCUMENT_FLAG, False):
            add_never_cache_headers(response)
        return response
