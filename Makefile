# SCN Pathways Portal. `make run` serves the portal with demo content; `make test` runs every test.
# Both set up everything they need: the virtualenv, front-end packages and (when DATABASE_URL is
# unset) a private PostgreSQL cluster in .pgdata/.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NHSUK := node_modules/nhsuk-frontend/dist/nhsuk
HOST ?= 127.0.0.1
PORT ?= 8000
# Extra arguments for pytest, for example: make test ARGS="-k networks -x"
ARGS ?=

ifeq ($(strip $(DATABASE_URL)),)
PRIVATE_DB := 1
export DATABASE_URL := $(shell $(PYTHON) scripts/devdb.py url)
endif

export DJANGO_SETTINGS_MODULE := scn_portal.settings

# Development values for `make run` only; production reads its own environment (see README).
# Links in e-mail point at the address being served, unless PORTAL_BASE_URL says otherwise.
RUN_ENV := DEBUG=1 SECRET_KEY=$${SECRET_KEY:-development-only-not-secret} \
	PORTAL_BASE_URL=$${PORTAL_BASE_URL:-http://$(HOST):$(PORT)}
# Tests run with DEBUG off, as production does.
TEST_ENV := DEBUG=0 SECRET_KEY=test-only-not-secret ALLOWED_HOSTS=localhost,127.0.0.1

.PHONY: bench bench-wagtail lint help install assets db-start db-stop db-destroy migrate collectstatic run test backup restore loadtest run-packages test-packages

# Debian packages each command needs, as package:probe (a command, or a path that must exist);
# scripts/ensure-debian-packages installs the missing ones (with sudo when not root).
RUN_PACKAGES := "postgresql:/usr/lib/postgresql/*/bin/initdb" npm:npm
TEST_PACKAGES := $(RUN_PACKAGES) chromium:/usr/bin/chromium nginx:/usr/sbin/nginx openssl:openssl

# pg_dump/pg_restore from the same PostgreSQL installation as the server.
PG_BIN = $(shell $(PYTHON) scripts/devdb.py bindir)
BACKUP ?= backups/scn_portal-$(shell date +%Y%m%d-%H%M%S).dump

help:
	@echo "make run         set up, load demo content and serve http://$(HOST):$(PORT)"
	@echo "make test        set up and run the whole test suite (browser tests included)"
	@echo "make db-stop     stop the private PostgreSQL cluster"
	@echo "make db-destroy  stop it and delete its data"
	@echo "make bench       the benchmark at scale (not part of make test); writes bench/results/latest.md"
	@echo "make bench-wagtail  the pathway page beside Wagtail serving it; writes bench/results/wagtail.md"
	@echo "make lint        ruff: style and common mistakes"
	@echo "make loadtest    public pages and the review flow against gunicorn on loopback"
	@echo "make backup      dump the database to backups/ (or BACKUP=file)"
	@echo "make restore BACKUP=file  replace the database's contents with a dump"

$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# NHS.UK frontend built into the static tree (git-ignored): its CSS compiled from
# static/scss/nhsuk.scss, its JavaScript and images copied from the npm package.
static/nhsuk/.built: node_modules/.package-lock.json static/scss/nhsuk.scss
	rm -rf static/nhsuk && mkdir -p static/nhsuk
	node_modules/.bin/sass --quiet-deps --load-path=node_modules --style=compressed --no-source-map \
		static/scss/nhsuk.scss static/nhsuk/nhsuk-frontend.css
	cp $(NHSUK)/nhsuk-frontend.min.js $(NHSUK)/nhsuk-frontend.min.js.map static/nhsuk/
	cp -r $(NHSUK)/assets static/nhsuk/assets
	@touch $@

install: $(BIN)/.installed

run-packages:
	@scripts/ensure-debian-packages $(RUN_PACKAGES)

test-packages:
	@scripts/ensure-debian-packages $(TEST_PACKAGES)

assets: static/nhsuk/.built

db-start:
ifdef PRIVATE_DB
	@$(PYTHON) scripts/devdb.py start
endif

db-stop:
	@$(PYTHON) scripts/devdb.py stop

db-destroy: db-stop
	rm -rf "$$($(PYTHON) scripts/devdb.py path)"

migrate: install db-start
	$(RUN_ENV) $(BIN)/python manage.py migrate --verbosity 0

collectstatic: install assets
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --noinput --clear --verbosity 0

run: run-packages install assets migrate
	$(RUN_ENV) $(BIN)/python manage.py load_demo
	@echo "Serving the portal at http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: test-packages install assets db-start collectstatic
	$(TEST_ENV) $(BIN)/pytest $(ARGS)

backup: run-packages db-start
	@mkdir -p $(dir $(BACKUP))
	$(PG_BIN)/pg_dump --format=custom --no-owner --no-privileges --file "$(BACKUP)" "$$DATABASE_URL"
	@echo "Backed up to $(BACKUP)"

restore: run-packages db-start
	@test -f "$(BACKUP)" || { echo "Set BACKUP to a dump made by make backup"; exit 1; }
	$(PG_BIN)/pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error \
		--single-transaction --dbname "$$DATABASE_URL" "$(BACKUP)"
	@echo "Restored $(BACKUP)"

# Bounded (LOADTEST_SECONDS, default 20) and on loopback only; uses its own throwaway database.
loadtest: run-packages install assets db-start collectstatic
	$(BIN)/python -m bench.loadtest

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

# Not part of `make test`: seeds its own database, needs wrk (Debian's package) and a few minutes.
bench: run-packages install assets db-start collectstatic
	@scripts/ensure-debian-packages wrk:wrk
	$(BIN)/python -m bench.run

# Not part of `make test` either: the same page served by a pinned Wagtail from PyPI, in its own
# virtualenv in .bench-wagtail/ (kept between runs) and its own databases; a few minutes.
bench-wagtail: run-packages install assets db-start collectstatic
	@scripts/ensure-debian-packages wrk:wrk
	$(BIN)/python -m bench.wagtail_compare
