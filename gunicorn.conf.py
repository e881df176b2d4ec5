"""Gunicorn settings for production (and `make serve-prod`). Values can be set from the environment."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so memory stays flat under long uptime.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))  # 0: never (the benchmark)
max_requests_jitter = 200
# Load the app in the master: a configuration error stops start-up once, with its message.
preload_app = True
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
