"""A CDN or caching proxy in front: anonymous pages say it may hold them (s-maxage), and every
publish, unpublish, move or privacy change asks it, through Wagtail's frontend cache, to drop every
live page; a draft save or autosave asks nothing."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


class PurgeRecorder(BaseHTTPRequestHandler):
    """A stand-in for nginx or Varnish: records each PURGE it is sent."""

    purged: list[str] = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        PurgeRecorder.purged.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.SHARED_CACHE_SECONDS = 300
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    PurgeRecorder.purged = []
    yield PurgeRecorder.purged
    server.shutdown()


def test_anonymous_pages_may_be_held_by_a_shared_cache(client, home_page, cdn, django_user_model):
    assert client.get("/")["Cache-Control"] == "public, max-age=0, s-maxage=300"
    # Never: addresses with a query string (no purge can name them), the letters, signed-in editors.
    assert "public" not in client.get("/search/?q=tasks").get("Cache-Control", "")
    assert "public" not in client.get("/letters/workload-rejection/").get("Cache-Control", "")
    client.force_login(
        __import__("django.contrib.auth", fromlist=["get_user_model"])
        .get_user_model()
        .objects.create_superuser("editor", "e@example.com", "a-long-password-for-the-editor")
    )
    assert "public" not in client.get("/").get("Cache-Control", "")


def test_without_a_cdn_pages_say_nothing_to_shared_caches(client, home_page, settings):
    settings.SHARED_CACHE_SECONDS = 0
    assert "public" not in client.get("/").get("Cache-Control", "")


def test_publishing_purges_every_page_and_a_draft_purges_nothing(
    home_page, cdn, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        child = home_page.add_child(instance=type(home_page)(title="Notice", slug="notice", live=False))
    cdn.clear()
    with django_capture_on_commit_callbacks(execute=True):
        child.save_revision()  # a draft, or an autosave
    assert cdn == []
    with django_capture_on_commit_callbacks(execute=True):
        child.save_revision().publish()
    assert "/" in cdn and "/notice/" in cdn  # the new page, and the home page that lists it


def test_a_page_made_private_is_purged(home_page, cdn, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=home_page, restriction_type="login")
    assert "/" in cdn
