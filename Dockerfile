# Production image: build wheels in one stage, run as a non-root user in the next.
FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /build
COPY requirements.txt .
RUN pip wheel --wheel-dir /wheels -r requirements.txt

FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=lmc_portal.settings.production \
    MEDIA_ROOT=/app/media
# WeasyPrint (PDF letters) needs Pango. Fonts: DejaVu (Welsh, accents) and Noto (Arabic, Tamil,
# Devanagari, Chinese and the other scripts patients' names are written in, and emoji), so every name
# prints; a character no font has is refused with a message rather than printed as a box.
# postgresql-client provides pg_dump/pg_restore for scripts/backup.sh.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core postgresql-client \
        fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 lmc
COPY --from=build /wheels /wheels
RUN pip install --no-index --find-links /wheels /wheels/* && rm -rf /wheels
WORKDIR /app
COPY --chown=lmc:lmc . .
# collectstatic needs settings but no real secrets or database.
RUN SECRET_KEY=collectstatic-only-build-key-000000000000000000000000000 \
    ALLOWED_HOSTS=build DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --no-input --verbosity 0 \
    && mkdir -p /app/media /app/var && chown lmc:lmc /app/media /app/var
# var/ holds the page cache and rate-limit counters shared by the gunicorn workers.
USER lmc
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "lmc_portal.wsgi"]
