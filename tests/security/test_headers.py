"""Security headers on public pages, the letter form, file downloads and the admin."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model

PUBLIC_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def parse_csp(header: str) -> dict[str, str]:
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            directives[name] = value.strip()
    return directives


def assert_hardened(response, *, csp=PUBLIC_CSP):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] in {"same-origin", "strict-origin-when-cross-origin", "no-referrer"}
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions
    directives = parse_csp(response["Content-Security-Policy"])
    for name, value in csp.items():
        assert directives.get(name) == value, (name, directives)
    # Nothing from another origin, no inline code anywhere in the public policy.
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    assert "http" not in header and "*" not in header


@pytest.fixture
def production_headers(settings):
    """The header settings production uses (test settings inherit Django's defaults otherwise)."""
    settings.SECURE_CONTENT_TYPE_NOSNIFF = True
    settings.SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
    settings.X_FRAME_OPTIONS = "DENY"
    return settings


def test_home_page_is_hardened(client, home_page, production_headers):
    response = client.get("/")
    assert response.status_code == 200
    assert_hardened(response)


def test_letters_index_is_hardened(client, home_page, production_headers):
    response = client.get(reverse("letters:index"))
    assert response.status_code == 200
    assert_hardened(response)


def test_not_found_page_is_hardened(client, home_page, production_headers):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_hardened(response)


def test_document_download_is_hardened(client, home_page, production_headers, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = get_document_model().objects.create(
        title="Interface report", file=ContentFile(b"%PDF-1.4\n%test\n", name="interface-report.pdf")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    # Wagtail's serve view sends an even stricter policy for files: nothing may load or run.
    assert_hardened(response, csp={"default-src": "'none'"})
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n%test\n"
    disposition = response["Content-Disposition"]
    assert disposition.startswith(("attachment", "inline")) and "interface-report.pdf" in disposition
    assert response["Content-Type"] == "application/pdf"


def test_public_pages_carry_no_inline_script_or_style(client, home_page):
    """The strict policy would block inline code, so templates must not rely on any."""
    for url in ("/", reverse("letters:index"), "/no-such-page/"):
        html = client.get(url).content.decode()
        assert "<script>" not in html and "<style" not in html and " style=" not in html, url
        assert " onclick=" not in html and " onload=" not in html, url


def test_admin_gets_relaxed_same_origin_policy_and_loads(admin_client, home_page):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    directives = parse_csp(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in directives["script-src"]
    assert directives["frame-ancestors"] == "'self'"  # page previews are framed by the editor
    assert "http" not in response["Content-Security-Policy"]
    # The relaxed policy stays on admin paths: the public site keeps the strict one.
    assert "unsafe-inline" not in client_strict_header(admin_client)


def client_strict_header(client) -> str:
    return client.get("/")["Content-Security-Policy"]


def test_production_settings_pass_deploy_checks_and_are_strict():
    """`check --deploy` runs in `make check`; here the values behind it are pinned."""
    import json
    import subprocess
    import sys

    env = {
        "DJANGO_SETTINGS_MODULE": "lmc_portal.settings.production",
        "SECRET_KEY": "x" * 10 + "check-deploy-dummy-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "portal.example",
        "DATABASE_URL": "sqlite:///var/check-deploy.sqlite3",
        "PATH": "/usr/bin:/bin",
    }
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.X_FRAME_OPTIONS, s.SECURE_PROXY_SSL_HEADER, s.TRUSTED_PROXY_COUNT, "
        "s.AXES_ENABLED, s.DEBUG]))"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    hsts, session_secure, csrf_secure, redirect, xfo, proxy_header, proxies, axes, debug = json.loads(
        result.stdout.strip().splitlines()[-1]
    )
    assert hsts >= 31_536_000
    assert session_secure is csrf_secure is redirect is True
    assert xfo == "DENY"
    assert proxy_header == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert proxies == 1 and axes is True and debug is False


@pytest.fixture
def guidance_item(home_page):
    from tests.guidance.factories import GuidanceIndexPageFactory, GuidanceItemPageFactory

    index = GuidanceIndexPageFactory(parent=home_page, slug="interface-guidance")
    item = GuidanceItemPageFactory(parent=index, slug="tasks", title="Tasks in clinical systems")
    item.save_revision().publish()
    return item


def test_guidance_page_is_hardened(client, guidance_item, production_headers):
    response = client.get(guidance_item.url)
    assert response.status_code == 200
    assert_hardened(response)


def test_letter_form_and_its_download_are_hardened_and_never_cached(
    client, production_headers, workload_data, home_page
):
    form = client.get("/letters/workload-rejection/")
    assert form.status_code == 200
    assert_hardened(form)
    assert "no-store" in form["Cache-Control"] or "no-cache" in form["Cache-Control"]
    download = client.post("/letters/workload-rejection/", {**workload_data, "action": "letter.docx"})
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert download["Content-Disposition"].startswith("attachment")
    assert "Zyxwv" not in download["Content-Disposition"]  # no patient detail in the file name
    assert "no-store" in download["Cache-Control"] or "no-cache" in download["Cache-Control"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Permissions-Policy"]


@pytest.mark.parametrize(
    ("name", "data", "content_type", "disposition"),
    [
        ("guide.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf", "inline"),
        ("notes.txt", b"plain words\n", "text/plain", "attachment"),
    ],
)
def test_documents_are_served_with_the_right_type_and_disposition(
    client, home_page, production_headers, settings, tmp_path, name, data, content_type, disposition
):
    settings.MEDIA_ROOT = tmp_path
    document = get_document_model().objects.create(title=name, file=ContentFile(data, name=name))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith(disposition)
    assert response["X-Content-Type-Options"] == "nosniff"


def test_page_preview_keeps_the_public_policy_but_may_be_framed_by_the_admin(admin_client, guidance_item):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    url = reverse("wagtailadmin_pages:preview_on_edit", args=[guidance_item.id])
    data = nested_form_data(
        {"title": "Draft title", "slug": guidance_item.slug, "summary": "Draft", "body": streamfield([])}
    )
    assert admin_client.post(url, data).json()["is_valid"] is True
    response = admin_client.get(url + "?in_preview_panel=true")
    assert response.status_code == 200 and "Draft title" in response.content.decode()
    directives = parse_csp(response["Content-Security-Policy"])
    assert directives["frame-ancestors"] == "'self'"  # the admin's preview panel may show it...
    assert (
        directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    )  # ...as the public sees it
    assert response["X-Frame-Options"] == "SAMEORIGIN"
