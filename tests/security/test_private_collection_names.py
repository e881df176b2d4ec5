"""The admin never names a private collection (one with a view restriction, or below one) to an editor
who was not given a permission on it: not in the document chooser's collection filter, nor in the
documents listing's. The chooser's "chosen" addresses refuse its documents too."""

import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission

from guidance.models import GuidanceDocument
from tests.security.test_private_documents import PRIVATE_TITLE, pdf, portal, signed_in  # noqa: F401

PRIVATE_NAME = "Committee only"
PRIVATE_CHILD_NAME = "Finance subgroup"
PUBLIC_NAME = "Practice leaflets"


@pytest.fixture
def collections(portal):  # noqa: F811 (the fixture imported above)
    """A public collection beside the private one (so the filters still show), and one inside it."""
    root = Collection.get_first_root_node()
    root.add_child(name=PUBLIC_NAME)
    child = portal["committee"].add_child(name=PRIVATE_CHILD_NAME)
    child_doc = GuidanceDocument.objects.create(
        title="Finance papers", file=pdf("Finance papers", "Budget lines."), collection=child
    )
    return {**portal, "child": child, "child_doc": child_doc}


def select(html: str, name: str) -> str:
    """The ``<select name=...>`` element (its options) in ``html``; fails if there is none."""
    match = re.search(rf'<select name="{name}".*?</select>', html, re.DOTALL)
    assert match, f"no {name} select"
    return match.group(0)


def admin_html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def chooser_html(client: Client) -> str:
    """The chooser modal as it opens: its HTML travels inside the JSON response."""
    return json.loads(admin_html(client, reverse("wagtaildocs_chooser:choose")))["html"]


def listing_html(client: Client) -> str:
    return admin_html(client, reverse("wagtaildocs:index"))


def secretary_with(django_user_model, collection, codenames):
    group = Group.objects.create(name="Committee secretaries")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        GroupCollectionPermission.objects.create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename),
        )
    user = django_user_model.objects.create_user("secretary", "s@example.com", "pw-1")
    user.groups.add(group)
    return user


def test_the_chooser_filter_does_not_name_private_collections_to_editors(collections):
    options = select(chooser_html(signed_in(collections["editor"])), "collection_id")
    assert PUBLIC_NAME in options
    assert PRIVATE_NAME not in options and PRIVATE_CHILD_NAME not in options


def test_the_documents_listing_filter_does_not_name_private_collections_to_editors(collections):
    options = select(listing_html(signed_in(collections["editor"])), "collection_id")
    assert PUBLIC_NAME in options
    assert PRIVATE_NAME not in options and PRIVATE_CHILD_NAME not in options


def test_a_private_collection_id_in_the_chooser_filter_shows_nothing_of_it(collections):
    url = reverse("wagtaildocs_chooser:choose_results") + f"?collection_id={collections['committee'].pk}"
    html = admin_html(signed_in(collections["editor"]), url)
    assert PRIVATE_TITLE not in html and PRIVATE_NAME not in html


def test_a_group_given_choose_on_the_private_collection_sees_its_name(collections, django_user_model):
    secretary = secretary_with(django_user_model, collections["committee"], ["choose_document"])
    options = select(chooser_html(signed_in(secretary)), "collection_id")
    assert PRIVATE_NAME in options and PRIVATE_CHILD_NAME in options


def test_superusers_see_every_collection_name(collections, django_user_model):
    boss = signed_in(django_user_model.objects.create_superuser("boss", "boss@example.com", "pw-1"))
    for html in (chooser_html(boss), listing_html(boss)):
        options = select(html, "collection_id")
        assert PRIVATE_NAME in options and PRIVATE_CHILD_NAME in options and PUBLIC_NAME in options


# The chooser's "chosen" addresses (what the modal asks for once a document is clicked)


def chosen(client: Client, document) -> object:
    return client.get(reverse("wagtaildocs_chooser:chosen", args=[document.pk]))


def test_the_chosen_address_refuses_a_private_document_to_editors(collections):
    editor = signed_in(collections["editor"])
    for document in (collections["private_doc"], collections["child_doc"]):
        response = chosen(editor, document)
        assert response.status_code == 404
        assert document.title not in response.content.decode()
    public = chosen(editor, collections["public_doc"])
    assert public.status_code == 200
    assert json.loads(public.content)["result"]["title"] == collections["public_doc"].title


def test_the_chosen_multiple_address_leaves_private_documents_out(collections):
    ids = [collections[name].pk for name in ("private_doc", "child_doc", "public_doc")]
    response = signed_in(collections["editor"]).get(
        reverse("wagtaildocs_chooser:chosen_multiple"), {"id": ids}
    )
    assert response.status_code == 200
    titles = [item["title"] for item in json.loads(response.content)["result"]]
    assert titles == [collections["public_doc"].title]


def test_the_chosen_address_gives_a_private_document_to_whoever_may_choose_it(collections, django_user_model):
    secretary = secretary_with(django_user_model, collections["committee"], ["choose_document"])
    boss = django_user_model.objects.create_superuser("boss", "boss@example.com", "pw-1")
    for user in (secretary, boss):
        response = chosen(signed_in(user), collections["private_doc"])
        assert response.status_code == 200
        assert json.loads(response.content)["result"]["title"] == PRIVATE_TITLE
