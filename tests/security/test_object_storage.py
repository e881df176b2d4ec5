"""Uploaded documents on S3-compatible object storage (S3_BUCKET): stored in the bucket, never on
this machine's disk, served through Wagtail's view; a store that is down fails an upload with a
message and leaves nothing behind."""

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model

from tests.redis_server import free_port
from tests.s3_server import running_s3

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def storages_for(s3: dict[str, str]) -> dict:
    """The STORAGES setting lmc_portal/settings/base.py builds from these S3_* variables."""
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": s3["S3_BUCKET"],
                "endpoint_url": s3["S3_ENDPOINT_URL"],
                "region_name": s3["S3_REGION"],
                "access_key": s3["S3_ACCESS_KEY_ID"],
                "secret_key": s3["S3_SECRET_ACCESS_KEY"],
                "location": "media",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def editor_client(admin_user):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


def upload(client, name: str = "report.pdf"):
    return client.post(
        "/admin/documents/add/",
        {"title": "Interface report", "file": SimpleUploadedFile(name, PDF, "application/pdf")},
        follow=True,
    )


def test_a_document_is_stored_in_the_bucket_and_served_through_wagtail(editor_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with running_s3() as s3:
        settings.STORAGES = storages_for(s3)
        assert upload(editor_client).status_code == 200
        document = get_document_model().objects.get()
        bucket = boto3.client(
            "s3",
            endpoint_url=s3["S3_ENDPOINT_URL"],
            aws_access_key_id=s3["S3_ACCESS_KEY_ID"],
            aws_secret_access_key=s3["S3_SECRET_ACCESS_KEY"],
            region_name=s3["S3_REGION"],
        )
        keys = [item["Key"] for item in bucket.list_objects_v2(Bucket=s3["S3_BUCKET"])["Contents"]]
        assert keys == [f"media/{document.file.name}"]
        response = Client().get(document.url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []  # nothing on this disk


def test_an_unreachable_store_fails_the_upload_with_a_message_and_keeps_no_row(editor_client, settings):
    settings.STORAGES = storages_for(
        {
            "S3_BUCKET": "nowhere",
            "S3_ENDPOINT_URL": f"http://127.0.0.1:{free_port()}",  # nothing listens here
            "S3_REGION": "eu-west-2",
            "S3_ACCESS_KEY_ID": "key",
            "S3_SECRET_ACCESS_KEY": "secret",
        }
    )
    response = upload(editor_client)
    html = response.content.decode()
    assert "could not be saved" in html and "Traceback" not in html
    assert get_document_model().objects.count() == 0
