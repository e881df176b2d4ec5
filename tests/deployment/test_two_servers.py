"""Two app servers sharing the database and Redis, each with its own var/ folder, behave as one site:
a change made on one is seen on the other at once, and rate limits and sign-ins are shared."""

import io
import time
from pathlib import Path

import docx
import pytest

from tests.redis_server import running_redis
from tests.s3_server import running_s3

from .servers import Server, server_environment, shared_database

ITEM = "/interface-guidance/tasks-in-clinical-systems/"
BLANK_WORKLOAD = "/letters/workload-rejection/blank/"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("two-servers")
    database_url, drop_database = shared_database(tmp_path)
    try:
        with running_redis(tmp_path) as redis_url, running_s3() as object_storage:
            a = Server("a", server_environment("a", tmp_path, database_url, redis_url, **object_storage))
            b = Server("b", server_environment("b", tmp_path, database_url, redis_url, **object_storage))
            a.manage("migrate", "--no-input", "-v0")
            a.manage("load_demo_content")
            a.manage("collectstatic", "--no-input", "-v0")
            a.manage(
                "shell",
                code="from django.contrib.auth.models import User; "
                "User.objects.create_superuser('officer', 'o@example.com', 'a-long-two-server-password')",
            )
            try:
                a.start()
                b.start()
                yield a, b
            finally:
                a.stop()
                b.stop()
    finally:
        drop_database()


def cached_on(server: Server, path: str) -> bool:
    """Visit twice (the first visit may fill the cache); True if the second came from the cache."""
    server.get(path)
    return server.get(path).headers.get("X-Page-Cache") == "hit"


def test_a_page_made_private_on_one_is_private_on_the_other_at_once(servers):
    a, b = servers
    assert cached_on(b, ITEM)
    a.manage(
        "shell",
        code="from wagtail.models import Page, PageViewRestriction; "
        f"PageViewRestriction.objects.create(page=Page.objects.get(url_path__endswith='{ITEM}'), "
        "restriction_type='login')",
    )
    response = b.get(ITEM)
    assert response.status == 302 and "/_util/login/" in response.headers["Location"]
    assert b.get("/interface-guidance/").text.count("Tasks in clinical systems") == 0


def test_the_lmcs_new_name_shows_on_both(servers):
    a, b = servers
    assert cached_on(b, "/")
    a.manage(
        "shell",
        code="from core.models import SiteIdentity; from wagtail.models import Site; "
        "identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True)); "
        "identity.name = 'Two Servers LMC'; identity.save()",
    )
    assert "Two Servers LMC" in b.get("/").text
    assert "Two Servers LMC" in a.get("/").text


def test_letters_on_the_other_use_the_wording_just_published(servers):
    a, b = servers

    def footer(server: Server) -> str:
        document = docx.Document(io.BytesIO(server.get(BLANK_WORKLOAD).body))
        return "".join(p.text for p in document.sections[0].first_page_footer.paragraphs)

    assert "version 1," in footer(b)
    a.manage(
        "shell",
        code="from letters.models import LetterTemplate; "
        "LetterTemplate.objects.get(kind='workload_rejection').save_revision().publish()",
    )
    assert "version 2," in footer(b)


def test_rate_limits_count_requests_to_both(servers):
    """Searches: 60 a minute from one address, wherever they land."""
    a, b = servers
    if time.time() % 60 > 40:  # the counters run in clock minutes: start near the start of one
        time.sleep(61 - time.time() % 60)
    statuses = [(a if i % 2 else b).get(f"/search/?q=rate{i}").status for i in range(61)]
    assert statuses[:60].count(200) >= 55  # some of the first may count toward an earlier test
    assert statuses[-1] == 429


def test_signed_in_on_one_is_signed_in_on_the_other(servers):
    a, b = servers
    assert a.sign_in("officer", "a-long-two-server-password").status == 302
    b.cookies = a.cookies  # the same browser, sent to the other machine by the load balancer
    assert b.request("/admin/", session=True).status == 200


def test_a_document_uploaded_on_one_downloads_from_the_other(servers):
    a, b = servers
    document_id = a.manage(
        "shell",
        code="from django.core.files.base import ContentFile; from guidance.models import GuidanceDocument; "
        "document = GuidanceDocument(title='Shared minutes'); "
        "document.file.save('shared-minutes.txt', ContentFile(b'Minutes kept in object storage.')); "
        "print(document.pk)",
    ).split()[-1]  # shell first says how many objects it imported
    response = b.get(f"/documents/{document_id}/shared-minutes.txt")
    assert response.status == 200
    assert response.body == b"Minutes kept in object storage."
    # Neither machine holds the file on its own disk.
    for server in servers:
        media = Path(server.env["MEDIA_ROOT"])
        assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


def test_health_reports_redis_for_both(servers):
    for server in servers:
        report = server.get("/healthz")
        assert report.status == 200
        assert report.headers["Content-Type"] == "application/json"
        assert b'"status": "ok"' in report.body
