"""The anonymous page cache: fast repeat visits, yet an editor's change shows at once, and nothing
personal (letters, POSTs, the admin, signed-in pages) is ever stored or replayed."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.views.decorators.cache import never_cache
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from core.models import SiteIdentity
from pagecache.middleware import AnonymousPageCacheMiddleware

pytestmark = pytest.mark.django_db


def anonymous_get(client, path="/", **extra):
    client.cookies.clear()
    return client.get(path, **extra)


def warm(client, path="/"):
    """Visit until the page is served from the cache (the very first render may create the site
    settings row, which itself purges), and return that cached response."""
    anonymous_get(client, path)
    anonymous_get(client, path)
    response = anonymous_get(client, path)
    assert response["X-Page-Cache"] == "hit"
    return response


# --- Behaviour through the whole stack -------------------------------------------------------


def test_repeat_anonymous_visit_is_served_from_the_cache(client, home_page, page_cache):
    anonymous_get(client)
    first = anonymous_get(client)
    second = warm(client)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    # The security headers of the original response come back with the cached copy.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == first["X-Frame-Options"]


def test_published_change_shows_at_once(client, home_page, page_cache):
    assert b"New words from the LMC office" not in warm(client).content
    home_page.intro = "New words from the LMC office"
    home_page.save_revision().publish()
    response = anonymous_get(client)
    assert b"New words from the LMC office" in response.content
    assert "X-Page-Cache" not in response


def test_change_published_in_the_admin_shows_at_once(client, home_page, page_cache, django_user_model):
    warm(client)
    editor = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{home_page.pk}/edit/",
        nested_form_data(
            {
                "title": home_page.title,
                "slug": home_page.slug,
                "intro": "Edited in the admin just now",
                "most_used": inline_formset([]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, response.content[:2000]
    client.logout()
    assert b"Edited in the admin just now" in anonymous_get(client).content


def test_draft_does_not_reach_visitors(client, home_page, page_cache):
    warm(client)
    home_page.intro = "Draft only, not yet approved"
    home_page.save_revision()
    assert b"Draft only, not yet approved" not in anonymous_get(client).content


def test_saving_a_draft_keeps_every_cached_page(client, home_page, page_cache):
    """Wagtail autosaves drafts as editors type: none of that may empty the cache for everyone."""
    from core.remembered import current_generation
    from letters.models import Reason

    reason = Reason.objects.create(letter_kind="workload_rejection", label="Draft reason", phrase="x")
    warm(client)
    before = current_generation()
    home_page.intro = "Draft only"
    home_page.save_revision()  # what a draft save or an autosave does
    reason.label = "Draft reason, edited"
    reason.save_revision()  # a draft of a snippet with drafts
    assert current_generation() == before
    assert anonymous_get(client)["X-Page-Cache"] == "hit"
    home_page.save_revision().publish()
    assert current_generation() != before  # publishing does purge


def test_unpublished_page_disappears_at_once(client, home_page, page_cache):
    child = home_page.add_child(instance=type(home_page)(title="Temporary notice", slug="temporary"))
    # HomePage allows only one instance; add_child bypasses that check, which is enough here.
    child.save_revision().publish()
    assert warm(client, "/temporary/").status_code == 200
    child.unpublish()
    assert anonymous_get(client, "/temporary/").status_code == 404


def test_privacy_restriction_applies_at_once(client, home_page, page_cache):
    warm(client)
    PageViewRestriction.objects.create(page=home_page, restriction_type="password", password="secret")
    response = anonymous_get(client)
    assert "X-Page-Cache" not in response
    assert b'name="password"' in response.content


def test_site_settings_change_shows_at_once(client, home_page, page_cache):
    from wagtail.models import Site

    warm(client)
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.name = "Humberside LMC (renamed)"
    identity.save()
    assert b"Humberside LMC (renamed)" in anonymous_get(client).content


def test_signed_in_user_never_gets_the_cached_page(client, home_page, page_cache, django_user_model):
    warm(client)
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.com", "pw"))
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert b"wagtail-userbar" in response.content or b"userbar" in response.content


def test_admin_is_never_cached(client, home_page, page_cache):
    for _ in range(2):
        response = anonymous_get(client, "/admin/login/")
        assert "X-Page-Cache" not in response
    assert page_cache_entries(page_cache) == 0


def page_cache_entries(cache) -> int:
    """Entries other than the purge generation token."""
    return sum(1 for key in cache._cache if "pagecache:generation" not in key)


# --- The rules, one at a time, against a stand-in view ---------------------------------------


class CountingView:
    """A view that records each call, so a test can tell a cached answer from a fresh one."""

    def __init__(self, response_factory=None):
        self.calls = 0
        self.response_factory = response_factory or (lambda: HttpResponse("hello"))

    def __call__(self, request):
        self.calls += 1
        return self.response_factory()


def run_twice(view, path="/guidance/item/", method="get", **extra):
    middleware = AnonymousPageCacheMiddleware(view)
    factory = RequestFactory()
    for _ in range(2):
        middleware(getattr(factory, method)(path, **extra))
    return view.calls


def test_plain_page_reaches_the_view_once(page_cache):
    assert run_twice(CountingView()) == 1


def test_query_string_is_part_of_the_key(page_cache):
    view = CountingView()
    middleware = AnonymousPageCacheMiddleware(view)
    factory = RequestFactory()
    middleware(factory.get("/search/?q=referral"))
    middleware(factory.get("/search/?q=discharge"))
    middleware(factory.get("/search/?q=referral"))
    assert view.calls == 2


@pytest.mark.parametrize(
    "path", ["/letters/", "/letters/workload-rejection/", "/admin/", "/documents/1/x.pdf"]
)
def test_excluded_paths_always_reach_the_view(page_cache, path):
    assert run_twice(CountingView(), path=path) == 2


@pytest.mark.parametrize("method", ["post", "put", "delete", "head"])
def test_only_get_is_cached(page_cache, method):
    assert run_twice(CountingView(), method=method) == 2


def test_sessions_and_authorization_bypass_the_cache(page_cache):
    assert run_twice(CountingView(), HTTP_COOKIE="sessionid=abc") == 2
    assert run_twice(CountingView(), HTTP_COOKIE="messages=abc") == 2
    assert run_twice(CountingView(), HTTP_AUTHORIZATION="Basic eDp5") == 2


def test_a_csrf_cookie_alone_does_not_bypass(page_cache):
    assert run_twice(CountingView(), HTTP_COOKIE="csrftoken=abc") == 1


def _with(**headers):
    def factory():
        response = HttpResponse("x")
        for name, value in headers.items():
            response[name.replace("_", "-")] = value
        return response

    return factory


@pytest.mark.parametrize(
    "factory",
    [
        _with(Cache_Control="private"),
        _with(Cache_Control="no-store"),
        _with(Cache_Control="max-age=0, no-cache"),
        _with(Vary="Accept-Language"),
        lambda: HttpResponse("not found", status=404),
        lambda: HttpResponse(status=302),
        lambda: never_cache(lambda request: HttpResponse("x"))(RequestFactory().get("/")),
    ],
    ids=["private", "no-store", "no-cache", "vary-language", "404", "302", "never_cache"],
)
def test_uncacheable_responses_are_not_stored(page_cache, factory):
    assert run_twice(CountingView(factory)) == 2


def test_response_setting_a_cookie_is_not_stored(page_cache):
    def factory():
        response = HttpResponse("form")
        response.set_cookie("csrftoken", "abc")
        return response

    assert run_twice(CountingView(factory)) == 2


def test_cache_off_means_every_request_renders(settings, page_cache):
    settings.PAGE_CACHE_ENABLED = False
    assert run_twice(CountingView()) == 2


# --- The shared file cache used in production --------------------------------------------------


def test_a_purge_in_one_worker_reaches_the_others(tmp_path, settings):
    """Each gunicorn worker opens the cache folder separately; a publish handled by one worker
    must retire the pages every other worker would serve."""
    from django.core.cache.backends.filebased import FileBasedCache

    from core.remembered import GENERATION_KEY
    from pagecache.backends import SweepingFileCache

    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "pagecache.backends.SweepingFileCache", "LOCATION": str(tmp_path)},
    }
    view = CountingView()
    worker_a = AnonymousPageCacheMiddleware(view)
    worker_b = AnonymousPageCacheMiddleware(view)
    factory = RequestFactory()
    worker_a(factory.get("/guidance/item/"))
    worker_b(factory.get("/guidance/item/"))
    assert view.calls == 1  # b served a's copy from the shared folder
    assert issubclass(SweepingFileCache, FileBasedCache)

    # Another process (a second cache object on the same folder) publishes: both workers re-render.
    other_process = SweepingFileCache(str(tmp_path), {})
    other_process.set(GENERATION_KEY, "published-elsewhere", timeout=None)
    worker_a(factory.get("/guidance/item/"))
    worker_b(factory.get("/guidance/item/"))
    assert view.calls == 2


def test_plain_http_is_still_redirected_to_https_when_the_page_is_cached(
    client, home_page, page_cache, settings
):
    settings.SECURE_SSL_REDIRECT = True
    client.cookies.clear()
    for _ in range(2):
        client.get("/", secure=True)
    assert client.get("/", secure=True)["X-Page-Cache"] == "hit"
    response = client.get("/", secure=False)
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
