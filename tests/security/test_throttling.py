"""Admin sign-in throttling (django-axes) and rate limits on the public letter and search endpoints."""

import pytest
from django.test import RequestFactory

from core.security import client_ip

LOGIN = "/admin/login/"


def attempt(client, password, ip="203.0.113.7", forwarded=None):
    extra = {"REMOTE_ADDR": ip}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(LOGIN, {"username": "boss", "password": password, "next": "/admin/"}, **extra)


def is_signed_in(client) -> bool:
    return client.get("/admin/").status_code == 200


# --- client IP behind the proxy ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "203.0.113.9", "198.51.100.1"),  # no proxy: the header is ignored
        (1, "10.0.0.2", "203.0.113.9", "203.0.113.9"),  # nginx appended the client
        (1, "10.0.0.2", "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a forged left entry is ignored
        (1, "10.0.0.2", "", "10.0.0.2"),  # header missing: fall back to the peer
        (1, "10.0.0.2", "not-an-ip", "10.0.0.2"),
        (2, "10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        # A client reaching gunicorn directly, not through the proxy: its own header is ignored.
        (1, "198.51.100.1", "203.0.113.9", "198.51.100.1"),
        (2, "198.51.100.1", "6.6.6.6, 203.0.113.9", "198.51.100.1"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(settings, proxies, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


# --- django-axes ---------------------------------------------------------------------------------


def test_admin_locks_out_after_five_failures_with_a_friendly_page(client, superuser, throttles_on):
    for _ in range(4):
        response = attempt(client, "wrong")
        assert response.status_code == 200  # the login form again, with an error
    response = attempt(client, "wrong")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Sign-in paused" in html and "15 minutes" in html
    assert "Traceback" not in html
    # Even the right password is refused while locked out.
    response = attempt(client, "correct-horse-battery")
    assert response.status_code == 429
    assert not is_signed_in(client)


def test_lockout_uses_the_client_address_behind_the_proxy(client, superuser, throttles_on):
    throttles_on.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for _ in range(5):
        attempt(client, "wrong", ip=proxy, forwarded="203.0.113.50")
    # The attacker cannot escape by forging a left-hand X-Forwarded-For entry...
    assert attempt(client, "wrong", ip=proxy, forwarded="1.2.3.4, 203.0.113.50").status_code == 429
    # ...and another practice behind the same proxy can still sign in.
    response = attempt(client, "correct-horse-battery", ip=proxy, forwarded="198.51.100.20")
    assert response.status_code == 302
    assert is_signed_in(client)


def test_successful_sign_in_resets_the_failure_count(client, superuser, throttles_on):
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, "correct-horse-battery").status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
    assert attempt(client, "correct-horse-battery").status_code == 302


# --- rate limits ---------------------------------------------------------------------------------


def test_configured_limits_cover_letters_search_and_login(settings):
    rules = {(rule["path"], method) for rule in settings.RATE_LIMITS for method in rule["methods"]}
    assert {("/letters/", "POST"), ("/search/", "GET"), ("/admin/login/", "POST")} <= rules
    assert all(rule["requests"] <= 60 and rule["seconds"] >= 60 for rule in settings.RATE_LIMITS)


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/letters/workload-rejection/"), ("post", "/letters/declined-referral/"), ("get", "/search/")],
)
def test_rate_limit_gives_a_friendly_429_per_client(client, home_page, throttles_on, method, path):
    throttles_on.RATE_LIMITS = [
        {**rule, "requests": 3} if rule["path"] in ("/letters/", "/search/") else rule
        for rule in throttles_on.RATE_LIMITS
    ]
    send = getattr(client, method)
    for _ in range(3):
        assert send(path, {"q": "tasks"}, REMOTE_ADDR="203.0.113.7").status_code != 429
    response = send(path, {"q": "tasks"}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 61
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Too many requests" in html and "Nothing you entered has been kept" in html
    assert "tasks" not in html  # nothing submitted is echoed back
    # Someone else is not affected.
    assert send(path, {"q": "tasks"}, REMOTE_ADDR="198.51.100.8").status_code != 429


def test_rate_limit_ignores_reading_the_letter_forms(client, home_page, throttles_on):
    throttles_on.RATE_LIMITS = [{"path": "/letters/", "methods": ["POST"], "requests": 1, "seconds": 60}]
    for _ in range(5):
        assert client.get("/letters/").status_code == 200
