"""Pages find the same view restrictions as Wagtail's own check, remembered until the next purge."""

from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from core.privacy import is_public, private_q
from tests.guidance.factories import GuidanceItemPageFactory


def wagtail_restrictions(page) -> set[int]:
    return set(Page.get_view_restrictions(page).values_list("id", flat=True))


def restriction_ids(page) -> set[int]:
    return {r.id for r in page.get_view_restrictions()}


def test_restrictions_on_the_page_an_ancestor_or_an_alias_source(guidance_index, django_assert_num_queries):
    item = GuidanceItemPageFactory(parent=guidance_index, title="Item")
    other = GuidanceItemPageFactory(parent=guidance_index, title="Other")
    assert restriction_ids(item) == set()
    with django_assert_num_queries(0):  # remembered until something changes
        assert restriction_ids(item) == set()

    # Adding restrictions purges: the very next check sees them.
    on_index = PageViewRestriction.objects.create(page=guidance_index, restriction_type="login")
    on_other = PageViewRestriction.objects.create(page=other, restriction_type="password", password="x")
    assert restriction_ids(item) == {on_index.id} == wagtail_restrictions(item)
    assert restriction_ids(other) == {on_index.id, on_other.id} == wagtail_restrictions(other)

    alias = other.create_alias(update_slug="other-alias").specific
    group = PageViewRestriction.objects.create(page=item, restriction_type="groups")
    group.groups.add(Group.objects.create(name="Practices"))
    assert restriction_ids(alias) == wagtail_restrictions(alias)
    assert on_other.id in restriction_ids(alias)
    assert restriction_ids(item) == {on_index.id, group.id} == wagtail_restrictions(item)
    assert restriction_ids(guidance_index.specific) == {on_index.id}

    # Removing one shows at once too.
    on_index.delete()
    assert restriction_ids(item) == {group.id}


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
