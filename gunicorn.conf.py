"""Gunicorn settings for production (and `make serve-prod`, and the benchmark). Values can be set from
the environment (GUNICORN_*)."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Chosen by measurement (bench/gunicorn_ab.py, docs/performance.md "Gunicorn settings"): recycling
# every 2,000 requests restarted each worker every second or two during a rush, which cost cached
# pages about 40% of their throughput (13–58% in nine interleaved rounds), took their p99 from ~50 ms
# to 200–500 ms and dropped keep-alive connections. Without recycling a worker's memory crept from
# ~150 to ~220 MB over 600,000 requests: 50,000 (± 5,000, so workers do not restart together) keeps
# that in check at no measurable cost.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))  # 0: never
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "5000"))
# Load the app in the master: a configuration error stops start-up once, with its message, and a
# recycled worker is a fork of a loaded app (without preload each recycle re-imports Django).
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() not in {"0", "false", "no", "off"}
accesslog = "-"
# The access log records method, path and status only: letter forms are POSTed, so no
# patient data ever appears in a URL or in this log.
# One JSON object per line, as the application's own logs (LOG_FORMAT=text for the plain line).
if os.environ.get("LOG_FORMAT", "json") == "json":
    access_log_format = (
        '{"time": "%(t)s", "logger": "gunicorn.access", "remote": "%(h)s", "method": "%(m)s", '
        '"path": "%(U)s", "status": %(s)s, "bytes": "%(b)s", "ms": %(M)s}'
    )
else:
    access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
