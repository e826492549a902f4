# Tandem: `make demo` sets up and serves a demo trust; `make test` runs every check CI runs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_ENV := DJANGO_SETTINGS_MODULE=tandem.test_settings
UV_VERSION := 0.13.8

.PHONY: install system demo test lint format test-sqlite test-postgres test-browser postgres chromium bench

install: system $(VENV)/.installed node_modules/.installed tandem/static/build/tandem.css

# WeasyPrint draws PDFs with Debian's Pango and HarfBuzz and needs a font; add any missing.
system:
	@ldconfig -p | grep -q libpangoft2-1.0 && ldconfig -p | grep -q libharfbuzz-subset && fc-list 2>/dev/null | grep -q DejaVuSans || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fontconfig >/dev/null)

$(VENV)/.installed: pyproject.toml uv.lock
	$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv==$(UV_VERSION)
	$(PYTHON) -m uv sync --frozen --python $(PYTHON)
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

tandem/static/build/tandem.css: assets/tandem.scss node_modules/.installed
	npm run --silent build

demo: export DEBUG = true
demo: export TASKS_BACKEND = django_tasks.backends.immediate.ImmediateBackend
demo: export MFA_REQUIRED = false
demo: install
	$(PY) manage.py migrate --verbosity 0
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: lint test-sqlite test-postgres test-browser

test-sqlite: install
	$(PY) -m pytest -m "not browser"

# The PostgreSQL server is expected at 127.0.0.1:5432 with trust auth; start it if it is down.
postgres:
	pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -n 1) main start
	pg_isready -h 127.0.0.1 -p 5432 -t 30

test-postgres: install postgres
	DATABASE_URL=$(PG_URL) $(PY) -m pytest -m "not browser"

# Playwright drives Debian's Chromium; it cannot download a browser of its own here.
chromium:
	command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

test-browser: install chromium
	$(PY) -m pytest -m browser

bench: install
	$(PY) bench/home_pages.py
	$(PY) bench/pathways.py
	$(PY) bench/scheduling.py
	@echo "bench/oversight.py needs the national data set in PostgreSQL: see bench/README.md"
