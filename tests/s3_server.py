"""A throwaway S3-compatible server (moto's server mode) on a free port, for tests of object storage."""

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tests.redis_server import free_port, wait_for_port

ACCESS_KEY, SECRET_KEY, REGION = "test-access-key", "test-secret-key", "eu-west-2"


@contextmanager
def running_s3(bucket: str = "lmc-portal-test") -> Iterator[dict[str, str]]:
    """Start moto's S3 server with an empty ``bucket``; yield the S3_* settings that reach it."""
    import boto3

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, "moto's S3 server")
        endpoint = f"http://127.0.0.1:{port}"
        boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        ).create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
        yield {
            "S3_BUCKET": bucket,
            "S3_ENDPOINT_URL": endpoint,
            "S3_ACCESS_KEY_ID": ACCESS_KEY,
            "S3_SECRET_ACCESS_KEY": SECRET_KEY,
            "S3_REGION": REGION,
        }
    finally:
        server.terminate()
        server.wait(timeout=10)
