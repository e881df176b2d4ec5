"""Helpers shared by tests/security and tests/browser."""


def ensure_wagtail_roots() -> None:
    """Put back the default locale, root page and root collection Wagtail's migrations create.

    Transactional tests (anyone's) end by emptying every table, so a transactional test that runs
    after them starts without these; tests that need them call this first.
    """
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
