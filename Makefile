# Two commands from a fresh clone: `make run` (serve the portal) and `make test` (every check and test).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test check pytest serve-prod demo admin-password bench clean help

help:
	@echo "make run         set up and serve the portal on http://$(HOST):$(PORT) (SQLite)"
	@echo "make test        set up and run every check and test"
	@echo "make serve-prod  run the production settings under gunicorn (needs .env or exported vars)"
	@echo "make bench       run the performance benchmark (see docs/performance.md)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when a requirements file changes.
$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	mkdir -p var
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_content
	@echo
	@echo "The portal: http://$(HOST):$(PORT)/"
	@$(MANAGE) ensure_admin --url http://$(HOST):$(PORT)/admin/
	@echo
	$(MANAGE) runserver $(HOST):$(PORT)

demo: $(VENV)/.installed
	mkdir -p var
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_content

admin-password: $(VENV)/.installed
	$(MANAGE) changepassword admin

check: $(VENV)/.installed-dev
	mkdir -p var
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=lmc_portal.settings.production \
	SECRET_KEY=check-deploy-dummy-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG \
	ALLOWED_HOSTS=portal.example DATABASE_URL=sqlite:///var/check-deploy.sqlite3 \
	$(MANAGE) check --deploy --fail-level WARNING

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest $(PYTEST_ARGS)

test: check pytest

# Production settings under gunicorn on this machine (the same command the Docker image runs).
serve-prod: $(VENV)/.installed
	set -a; [ -f .env ] && source .env; set +a; \
	export DJANGO_SETTINGS_MODULE=lmc_portal.settings.production; \
	$(MANAGE) collectstatic --no-input --verbosity 0 && \
	$(MANAGE) migrate --no-input && \
	$(BIN)/gunicorn -c gunicorn.conf.py --bind $(HOST):$(PORT) lmc_portal.wsgi

# The performance benchmark (docs/performance.md): PostgreSQL when DATABASE_URL is set, else a
# throwaway SQLite file. Needs wrk and nginx (apt-get install wrk nginx-light), and redis-server for the
# two-instance run. Runs gunicorn with gunicorn.conf.py's production values. BENCH_ARGS=--quick: a few minutes.
bench: $(VENV)/.installed
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles var/test-media
