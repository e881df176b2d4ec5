"""Emptying the page cache when anything a visitor could see changes.

The cache is not emptied entry by entry: every key carries the content *generation* token
(``core.remembered``, kept in the same shared cache), and purging writes a new token. All gunicorn
workers (and all machines sharing the cache) read the token on each request, so one publish retires
every cached page at once, including indexes, menus and search results that merely mention the
changed page.

Purges happen on Wagtail's publish, unpublish, move and slug-change signals, and on any save or
delete of a model in the content apps (pages, snippets, settings, documents, images, redirects,
privacy restrictions, sites, tags) except bookkeeping models (revisions, logs, workflow states,
image renditions, ...), whose saves do not change what anonymous visitors see, and except saves
that only record a draft (a draft save or autosave updates the page's ``latest_revision`` and
``has_unpublished_changes`` and nothing visitors see). A purge happens
at once and again when the surrounding transaction commits, so a request that runs between the
two cannot keep the old page in the cache.
"""

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.remembered import new_generation

# Apps whose models are content: a change to any of them may change a page.
CONTENT_APPS = frozenset(
    {
        "core",
        "guidance",
        "letters",
        "wagtailcore",
        "wagtaildocs",
        "wagtailimages",
        "wagtailredirects",
        "wagtailsnippets",
        "taggit",
    }
)
# Bookkeeping models in those apps: saved on drafts, workflows, logs and renders, never shown as is.
IGNORED_MODELS = frozenset(
    {
        "revision",
        "pagelogentry",
        "modellogentry",
        "baselogentry",
        "workflowstate",
        "taskstate",
        "workflow",
        "task",
        "workflowtask",
        "workflowpage",
        "workflowcontenttype",
        "groupapprovaltask",
        "grouppagepermission",
        "groupcollectionpermission",
        "pagesubscription",
        "comment",
        "commentreply",
        "uploadedfile",
        "referenceindex",
        "rendition",
    }
)


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "pages")]


def purge_now() -> None:
    """Retire every cached page and remembered value now, in every process sharing the cache."""
    new_generation()


def purge(**_kwargs) -> None:
    """Purge now and once more after the current transaction commits (see the module docstring);
    with a CDN or proxy configured (``WAGTAILFRONTENDCACHE``), ask it to drop every page too."""
    purge_now()
    transaction.on_commit(purge_now)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from pagecache.tasks import purge_frontend_cache

        transaction.on_commit(purge_frontend_cache.enqueue)


def affects_pages(model) -> bool:
    """True if saving or deleting a ``model`` instance can change what an anonymous visitor sees."""
    meta = getattr(model, "_meta", None)
    if meta is None or meta.app_label not in CONTENT_APPS:
        return False
    return not (meta.model_name in IGNORED_MODELS or meta.model_name.endswith("rendition"))


# Fields Wagtail writes when an editor saves a draft (or autosaves), comments or locks: a save that
# touches only these changes nothing a visitor sees, so it never purges.
DRAFT_BOOKKEEPING_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "wagtail_admin_comments",
        "locked",
        "locked_by",
        "locked_at",
    }
)


def _on_model_change(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata: no content is live until the fixture finishes
        return
    update_fields = kwargs.get("update_fields")
    if update_fields and set(update_fields) <= DRAFT_BOOKKEEPING_FIELDS:
        return
    if affects_pages(sender):
        purge()


def _on_m2m_change(sender, action, instance, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"} and affects_pages(type(instance)):
        purge()


def connect_signals() -> None:
    from wagtail import signals as wagtail_signals

    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.post_page_move,
        wagtail_signals.page_slug_changed,
        wagtail_signals.published,
        wagtail_signals.unpublished,
    ):
        signal.connect(purge, dispatch_uid=f"pagecache-purge-{id(signal)}")
    post_save.connect(_on_model_change, dispatch_uid="pagecache-post-save")
    post_delete.connect(_on_model_change, dispatch_uid="pagecache-post-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="pagecache-m2m")
