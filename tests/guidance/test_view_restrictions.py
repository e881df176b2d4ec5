"""BasePage.get_view_restrictions finds what Wagtail's own does, in one query."""

from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from tests.guidance.factories import GuidanceItemPageFactory


def wagtail_restrictions(page) -> set[int]:
    return set(Page.get_view_restrictions(page).values_list("id", flat=True))


def test_restrictions_on_the_page_an_ancestor_or_an_alias_source(guidance_index, django_assert_num_queries):
    item = GuidanceItemPageFactory(parent=guidance_index, title="Item")
    other = GuidanceItemPageFactory(parent=guidance_index, title="Other")
    with django_assert_num_queries(1):
        assert list(item.get_view_restrictions()) == []

    on_index = PageViewRestriction.objects.create(page=guidance_index, restriction_type="login")
    on_other = PageViewRestriction.objects.create(page=other, restriction_type="password", password="x")
    with django_assert_num_queries(1):
        found = {r.id for r in item.get_view_restrictions()}
    assert found == {on_index.id} == wagtail_restrictions(item)
    assert {r.id for r in other.get_view_restrictions()} == {on_index.id, on_other.id}
    assert wagtail_restrictions(other) == {on_index.id, on_other.id}

    alias = other.create_alias(update_slug="other-alias").specific
    group = PageViewRestriction.objects.create(page=item, restriction_type="groups")
    group.groups.add(Group.objects.create(name="Practices"))
    assert {r.id for r in alias.get_view_restrictions()} == wagtail_restrictions(alias)
    assert on_other.id in wagtail_restrictions(alias)
    assert {r.id for r in item.get_view_restrictions()} == {on_index.id, group.id}
    assert guidance_index.specific.get_view_restrictions().count() == 1
