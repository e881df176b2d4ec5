"""The ceiling for Python: a WSGI app that returns fixed bytes, served by the same gunicorn settings.

BENCH_STATIC_FILE names the file to serve (a saved copy of the guidance page), read once at start.
"""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_STATIC_FILE"]).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
