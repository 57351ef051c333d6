# Two commands: `make run` serves the app on SQLite, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test setup assets db lint format clean bench paket-sistem

# Debian system packages first, before minutes of pip and npm (scripts/paket_sistem.sh):
# `make test` needs poppler-utils and Chromium on top of what `make run` needs (WeasyPrint's
# libraries and fonts). Silent when all are there; installs them as root; else stops at once
# with the command to run.
PAKET_PROFIL := $(if $(filter test,$(MAKECMDGOALS)),test,run)

paket-sistem:
	@scripts/paket_sistem.sh $(PAKET_PROFIL)

$(VENV)/.installed: requirements.txt requirements-dev.txt | paket-sistem
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json | paket-sistem
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed

assets: node_modules/.installed

# The local SQLite database with the seed documents, the demo accounts and the sample
# measurement of Lebak 2024 (PK published, TW I entered and submitted); idempotent.
db: setup
	mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py muat_fixture
	DEBUG=1 $(PY) manage.py seed_demo_users
	DEBUG=1 $(PY) manage.py init_pki
	DEBUG=1 $(PY) manage.py muat_contoh_pengukuran

run: db
	DEBUG=1 $(PY) manage.py runserver $(HOST)

# PostgreSQL when DATABASE_URL is set or a server answers at 127.0.0.1:5432, else SQLite.
test: setup
	@if [ -n "$$DATABASE_URL" ]; then \
	  echo "Tests run on the database in DATABASE_URL."; \
	elif pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
	  echo "Tests run on PostgreSQL at 127.0.0.1:5432."; \
	else \
	  echo "Tests run on SQLite (no PostgreSQL at 127.0.0.1:5432)."; \
	fi
	@if [ -z "$$DATABASE_URL" ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
	  export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kpu_kinerja; \
	fi; \
	DEBUG=0 SECRET_KEY=test-only SECURE_SSL_REDIRECT=0 $(PY) -m pytest

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format:
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules var staticfiles

# Benchmarks on PostgreSQL with the national dataset (docs/performance.md). Creates the database
# $(BENCH_DB) on first use (generate_national takes ~10 s); later runs reuse it.
BENCH_DB ?= kpu_bench
BENCH_URL := postgres://postgres@127.0.0.1:5432/$(BENCH_DB)

bench: setup
	@command -v wrk >/dev/null || { apt-get install -y -qq wrk || (apt-get update -qq && apt-get install -y -qq wrk); }
	@psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$(BENCH_DB)'" | grep -q 1 \
	  || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $(BENCH_DB)"
	DATABASE_URL=$(BENCH_URL) DEBUG=1 $(PY) manage.py migrate --no-input -v0
	DATABASE_URL=$(BENCH_URL) DEBUG=1 $(PY) manage.py muat_fixture
	DATABASE_URL=$(BENCH_URL) DEBUG=1 $(PY) manage.py generate_national --years 3
	DATABASE_URL=$(BENCH_URL) DEBUG=1 $(PY) bench/akun.py
	@# Every benchmark runs and prints its figures; the target fails at the end if one missed.
	@status=0; \
	DATABASE_URL=$(BENCH_URL) SECURE_SSL_REDIRECT=0 $(PY) bench/web.py || status=1; \
	DATABASE_URL=$(BENCH_URL) DEBUG=1 $(PY) bench/pdf.py || status=1; \
	DATABASE_URL=$(BENCH_URL) DEBUG=1 $(PY) bench/xlsx.py || status=1; \
	DATABASE_URL=$(BENCH_URL) DEBUG=1 $(PY) bench/impor.py || status=1; \
	DATABASE_URL=$(BENCH_URL) $(PY) bench/ekspor.py || status=1; \
	DATABASE_URL=$(BENCH_URL) $(PY) bench/capaian.py || status=1; \
	DATABASE_URL=$(BENCH_URL) SECURE_SSL_REDIRECT=0 $(PY) bench/pengukuran.py || status=1; \
	DATABASE_URL=$(BENCH_URL) $(PY) bench/impor_satker.py || status=1; \
	exit $$status
