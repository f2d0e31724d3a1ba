# Koers: `make run` serves the demo on 127.0.0.1:8000; `make test` runs the whole suite.
# Set DATABASE_URL=postgres://... to run either against PostgreSQL instead of SQLite.

PYTHON ?= python3
VENV := .venv
KOERS := $(VENV)/bin/koers
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve setup install assets system-deps test lint format lock bench clean openapi

run: setup serve

setup: install assets
	$(KOERS) migrate --noinput
	$(KOERS) bootstrap

serve:
	@echo "Koers runs on http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	$(KOERS) runserver $(HOST):$(PORT)

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

assets: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

system-deps:
	@bash scripts/system-deps.sh

test: install assets system-deps
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	DJANGO_SETTINGS_MODULE=koers.conf.test $(KOERS) makemigrations --check --dry-run
	$(VENV)/bin/pytest

lint:
	$(VENV)/bin/ruff check src tests benchmarks

format:
	$(VENV)/bin/ruff format src tests benchmarks
	$(VENV)/bin/ruff check --fix src tests benchmarks

# Re-pin the whole dependency tree after changing pyproject.toml.
lock:
	rm -rf /tmp/koers-lock && $(PYTHON) -m venv /tmp/koers-lock
	/tmp/koers-lock/bin/pip install --quiet -e '.[dev]'
	/tmp/koers-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

# The API's OpenAPI document, committed; tests/api/test_openapi.py fails when it is stale.
openapi: install
	DJANGO_SETTINGS_MODULE=koers.conf.test $(KOERS) spectacular --lang en --format openapi-json \
	  --validate --fail-on-warn --file docs/openapi.json

bench: install
	$(VENV)/bin/python benchmarks/qca.py

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .ruff_cache
