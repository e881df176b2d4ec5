"""Addresses lead to the same page (or 404) as Wagtail's own tree walk, found by URL path at once."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page

from tests.guidance.factories import GuidanceDocumentFactory, GuidanceItemPageFactory

ADDRESSES = [
    "interface-guidance/",
    "interface-guidance/item/",
    "interface-guidance/item/download/{block}/",
    "interface-guidance/item/download/no-such-block/",
    "interface-guidance/item/no-such-page/",
    "interface-guidance/download/",  # a child page whose slug is also the start of a route
    "interface-guidance/download/anything/",  # the index's own download route claims this one
    "interface-guidance/draft/",
    "interface-guidance/draft/extra/",
    "no-such-section/",
    "interface-guidance/item/download/{block}/extra/",
]


def wagtail_walk(home, request, components):
    """Wagtail's own routing: one level of the tree at a time."""
    return Page.route(home, request, components)


def outcome(route, home, request, components):
    try:
        result = route(home, request, components)
    except Http404:
        return "404"
    return (result.page.pk, [str(arg) for arg in result.args[1:]], result.kwargs)


@pytest.fixture
def tree(guidance_index):
    document = GuidanceDocumentFactory()
    item = GuidanceItemPageFactory(
        parent=guidance_index,
        slug="item",
        body=[{"type": "download", "value": {"title": "", "document": document.id, "description": ""}}],
    )
    GuidanceItemPageFactory(parent=guidance_index, slug="download", title="A page called download")
    draft = GuidanceItemPageFactory(parent=guidance_index, slug="draft", title="Draft")
    draft.unpublish()
    return guidance_index.get_parent().specific, item


@pytest.mark.parametrize("address", ADDRESSES)
def test_every_address_routes_as_wagtail_would(tree, address):
    home, item = tree
    address = address.format(block=item.body[0].id)
    components = [part for part in address.split("/") if part]
    request = RequestFactory().get("/" + address)
    assert outcome(type(home).route, home, request, components) == outcome(
        wagtail_walk, home, request, components
    )


def test_a_page_and_its_download_are_served_by_address(client, tree):
    _, item = tree
    response = client.get(item.url)
    assert response.status_code == 200
    assert item.title in response.content.decode()
    download = client.get(item.url + f"download/{item.body[0].id}/")
    assert download.status_code == 200
    assert client.get(item.url + "no-such-page/").status_code == 404


def test_a_moved_page_is_found_at_its_new_address_at_once(client, tree, guidance_index):
    _, item = tree
    other_section = GuidanceItemPageFactory(parent=guidance_index, slug="renamed-from")
    old_url = other_section.url
    other_section.slug = "renamed-to"
    other_section.save_revision().publish()
    assert client.get(old_url).status_code == 404
    assert client.get(guidance_index.url + "renamed-to/").status_code == 200


@pytest.mark.parametrize("address", ["interface-guidance/item/", "interface-guidance/download/anything/"])
def test_stale_url_paths_fall_back_to_the_tree_walk(tree, guidance_index, address):
    home, _ = tree
    # A url_path written wrongly outside Wagtail (e.g. by a bad data fix): the tree still decides.
    Page.objects.filter(pk=guidance_index.pk).update(url_path="/home/somewhere-else/")
    components = [part for part in address.split("/") if part]
    request = RequestFactory().get("/" + address)
    expected = outcome(wagtail_walk, home, request, components)
    assert expected != "404"
    assert outcome(type(home).route, home, request, components) == expected
