"""Listings leave out what Wagtail's own privacy check protects, remembered until the next purge."""

from wagtail.models import Page, PageViewRestriction

from core.privacy import is_public, private_q
from tests.guidance.factories import GuidanceItemPageFactory


def test_listings_agree_with_wagtails_own_check_at_once(guidance_index):
    """The remembered private sections (listings, menus, feeds, search) agree with the check Wagtail
    makes before serving a page, and a new or removed restriction shows at once (it purges)."""
    item = GuidanceItemPageFactory(parent=guidance_index, title="Item")
    other = GuidanceItemPageFactory(parent=guidance_index, title="Other")

    def agree() -> None:
        for page in Page.objects.live().specific():
            assert is_public(page) == (not page.get_view_restrictions().exists()), page.title

    assert is_public(item) and is_public(other)
    on_other = PageViewRestriction.objects.create(page=other, restriction_type="password", password="x")
    assert not is_public(other) and is_public(item)
    agree()
    alias = other.create_alias(update_slug="other-alias").specific
    assert not is_public(alias)
    agree()
    on_index = PageViewRestriction.objects.create(page=guidance_index, restriction_type="login")
    assert not is_public(item)
    agree()
    on_index.delete()
    on_other.delete()
    assert is_public(item) and is_public(other)
    agree()  # the alias keeps the restriction Wagtail copied to it


def test_listings_leave_out_private_sections_and_aliases_of_private_pages(guidance_index):
    public = GuidanceItemPageFactory(parent=guidance_index, title="Public")
    private = GuidanceItemPageFactory(parent=guidance_index, title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    alias = private.create_alias(update_slug="private-alias")

    listed = set(Page.objects.live().exclude(private_q()).values_list("id", flat=True))
    assert public.id in listed
    assert private.id not in listed
    assert alias.id not in listed  # Wagtail's .public() would list the alias of a private page
    assert is_public(public) and not is_public(private) and not is_public(alias)
