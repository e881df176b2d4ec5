"""Every page has a meta description (search engines and link previews show it): the page's own
search description, else its summary, else a sentence about the portal."""

import re

import pytest

from tests.guidance.factories import GuidanceIndexPageFactory, GuidanceItemPageFactory

pytestmark = pytest.mark.django_db


def description(client, path: str) -> str:
    html = client.get(path).content.decode()
    found = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert len(found) == 1, found
    return found[0]


def test_each_page_describes_itself(client, home_page):
    index = GuidanceIndexPageFactory(parent=home_page, slug="interface-guidance")
    summary = "How hospitals & practices should use Tasks."
    item = GuidanceItemPageFactory(parent=index, slug="tasks", summary=summary)
    item.save_revision().publish()
    url = "/interface-guidance/tasks/"
    assert description(client, url) == "How hospitals &amp; practices should use Tasks."
    item.search_description = "Tasks in clinical systems: what to expect."
    item.save_revision().publish()
    assert description(client, url) == "Tasks in clinical systems: what to expect."
    about_the_portal = "guidance on the interface between general practice and hospitals"
    assert about_the_portal in description(client, "/letters/")
