"""Two editors on the same page: the second is warned, and neither one's work is lost."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from guidance.demo import ensure_home_page
from tests.guidance.factories import GuidanceIndexPageFactory, GuidanceItemPageFactory


def hidden(page_html: str, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page_html) or re.search(
        rf'value="([^"]*)"[^>]*name="{name}"', page_html
    )
    assert match, f"no {name} in the edit form"
    return html.unescape(match.group(1))


def open_editor(client: Client, page_id: int) -> dict:
    """What an editor's browser holds after opening the edit view."""
    page_html = client.get(reverse("wagtailadmin_pages:edit", args=[page_id])).content.decode()
    ping = re.search(r'data-w-swap-src-value="([^"]+)"', page_html)
    assert ping, "the edit view has no editing-session ping (concurrent editing notices are off)"
    return {
        "loaded_revision_id": hidden(page_html, "loaded_revision_id"),
        "loaded_revision_created_at": hidden(page_html, "loaded_revision_created_at"),
        "ping_url": html.unescape(ping.group(1)),
    }


def save(client: Client, page, session: dict, title: str, **headers):
    data = nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "summary": page.summary,
            "body": streamfield([]),
            "loaded_revision_id": session["loaded_revision_id"],
            "loaded_revision_created_at": session["loaded_revision_created_at"],
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.id]), data, **headers)


@pytest.fixture
def item(db):
    index = GuidanceIndexPageFactory(parent=ensure_home_page(), slug="interface-guidance")
    item = GuidanceItemPageFactory(parent=index, slug="tasks", title="Tasks in clinical systems")
    item.save_revision().publish()
    return item


@pytest.fixture
def editors(django_user_model):
    clients = []
    for name in ("alice", "bob"):
        user = django_user_model.objects.create_superuser(name, f"{name}@example.com", "x-pw-123456")
        user.first_name = name.title()
        user.save()
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def test_second_editor_is_warned_and_both_revisions_are_kept(item, editors):
    page = item
    alice, bob = editors
    alice_session = open_editor(alice, page.id)
    bob_session = open_editor(bob, page.id)
    assert alice_session["loaded_revision_id"] == bob_session["loaded_revision_id"]

    assert save(alice, page, alice_session, "Tasks – Alice's version").status_code == 302

    # Bob's editor pings in the background: it hears that Alice saved a newer version.
    ping = bob.post(
        bob_session["ping_url"],
        {"revision_id": bob_session["loaded_revision_id"], "is_editing": "1"},
    ).json()
    newer = [session for session in ping["other_sessions"] if session["revision_id"]]
    assert newer and newer[0]["user"] == "Alice"
    assert "Alice saved a new version" in ping["html"]
    assert "Proceeding will overwrite the changes made by Alice" in ping["html"]

    # Autosave will not silently overwrite Alice's work.
    autosave = save(bob, page, bob_session, "Tasks – Bob's version", HTTP_ACCEPT="application/json")
    assert autosave.status_code == 400
    assert autosave.json()["error_code"] == "invalid_revision"

    # Bob chooses to continue and saves: a new revision, Alice's stays in the history.
    assert save(bob, page, bob_session, "Tasks – Bob's version").status_code == 302
    titles = [revision.content["title"] for revision in page.revisions.order_by("created_at", "id")]
    assert "Tasks – Alice's version" in titles and "Tasks – Bob's version" in titles
    assert titles.index("Tasks – Alice's version") < titles.index("Tasks – Bob's version")
    history = alice.get(reverse("wagtailadmin_pages:history", args=[page.id])).content.decode()
    assert history.count("Alice") >= 1 and "Bob" in history
