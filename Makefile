# Shiftwise: `make run` starts it with demo data on SQLite; `make test` checks everything.
# Needs only Python 3.11+ (and Node 20 when frontend/package.json exists).

SHELL := /bin/bash
.DEFAULT_GOAL := help

ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BACKEND := $(ROOT)/backend
FRONTEND := $(ROOT)/frontend
PYTHON ?= python3
# uv from PATH, else the copy `pip install uv` puts beside the interpreter.
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")
HOST ?= 127.0.0.1
PORT ?= 8000
SHIFTWISE := cd $(BACKEND) && $(UV) run --no-sync shiftwise

.PHONY: help run serve install uv sync frontend-deps frontend-build frontend-check migrate \
	demo test lint format typecheck test-postgresql test-sqlite services-check bench \
	bench-solver

help:
	@echo "make run      install, migrate var/shiftwise.db, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test     lint, format check, mypy --strict, tests on PostgreSQL and SQLite (+ frontend)"
	@echo "make lint | format | migrate | demo | bench | frontend-check"

## ---- running -----------------------------------------------------------------

run: install migrate demo
	$(SHIFTWISE) serve --host $(HOST) --port $(PORT)

serve: sync
	$(SHIFTWISE) serve --host $(HOST) --port $(PORT)

install: sync
	@if [ -f $(FRONTEND)/package.json ]; then $(MAKE) --no-print-directory frontend-build; fi

uv:
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 \
		|| $(PYTHON) -m pip install --quiet uv

sync: uv
	cd $(BACKEND) && $(UV) sync

# npm ci when node_modules is missing or older than the lock file.
frontend-deps:
	cd $(FRONTEND) && if [ ! node_modules/.package-lock.json -nt package-lock.json ]; then \
		npm ci; fi

frontend-build: frontend-deps
	cd $(FRONTEND) && npm run build

migrate: sync
	$(SHIFTWISE) migrate

# Loads "Harbourview Care" once (later runs reuse it) and prints the demo sign-ins.
demo: sync
	$(SHIFTWISE) demo

## ---- checking ----------------------------------------------------------------

test: lint typecheck services-check
	cd $(BACKEND) && SHIFTWISE_TEST_DB=postgresql $(UV) run --no-sync pytest -q
	cd $(BACKEND) && SHIFTWISE_TEST_DB=sqlite $(UV) run --no-sync pytest -q
	@if [ -f $(FRONTEND)/package.json ]; then $(MAKE) --no-print-directory frontend-check; fi
	@if [ -f $(FRONTEND)/package.json ]; then $(MAKE) --no-print-directory frontend-e2e; fi

lint: sync
	cd $(BACKEND) && $(UV) run --no-sync ruff check .
	cd $(BACKEND) && $(UV) run --no-sync ruff format --check .

format: sync
	cd $(BACKEND) && $(UV) run --no-sync ruff check --fix .
	cd $(BACKEND) && $(UV) run --no-sync ruff format .

typecheck: sync
	cd $(BACKEND) && $(UV) run --no-sync mypy --strict shiftwise tests bench

# Under CI=true a missing service fails the run (PostgreSQL: tests/fixtures/database.py).
services-check: sync
	@if [ "$$CI" = "true" ]; then \
		cd $(BACKEND) && $(UV) run --no-sync python -c 'import os, redis, sys; \
url = os.environ.get("SHIFTWISE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0"); \
sys.exit(0 if redis.Redis.from_url(url, socket_connect_timeout=5).ping() else 1)' \
		|| { echo "CI=true: Redis does not answer PING" >&2; exit 1; }; \
	fi

test-postgresql: sync
	cd $(BACKEND) && SHIFTWISE_TEST_DB=postgresql $(UV) run --no-sync pytest -q

test-sqlite: sync
	cd $(BACKEND) && SHIFTWISE_TEST_DB=sqlite $(UV) run --no-sync pytest -q

frontend-check:
	cd $(FRONTEND) && { [ -d node_modules ] || npm ci; } && npm run check

.PHONY: client frontend-e2e

# Regenerate frontend/src/client from the backend's OpenAPI spec (no server needed).
client: sync frontend-deps
	cd $(FRONTEND) && npm run client

# Browser tests: the real server on a fresh SQLite database with demo data, in Debian's
# Chromium (playwright-core drives it; no browser is downloaded).
frontend-e2e: sync frontend-deps
	@if [ ! -x /usr/bin/chromium ]; then apt-get update && apt-get install -y chromium; fi
	cd $(FRONTEND) && npm run e2e

## ---- measuring ---------------------------------------------------------------

# 1,000 people and 20,000 shifts; measures the API on SQLite and PostgreSQL and
# writes backend/bench/README.md.
bench: sync
	cd $(BACKEND) && $(UV) run --no-sync python -m bench

# The 24 Curtois & Qu instances through the product's own solver; TIME_LIMIT seconds each.
TIME_LIMIT ?= 60
INSTANCES ?= 1-24
bench-solver: sync
	cd $(BACKEND) && $(UV) run --no-sync python -m bench.curtois --time-limit $(TIME_LIMIT) \
		--instances $(INSTANCES)

# The week grid in Debian's Chromium: navigation to a usable grid of 300 people × 7 days, and
# frame times while scrolling it (frontend/bench/grid.bench.mjs; figures in frontend/README.md).
.PHONY: bench-grid
bench-grid: sync frontend-deps
	@if [ ! -x /usr/bin/chromium ]; then apt-get update && apt-get install -y chromium; fi
	cd $(FRONTEND) && npm run bench:grid
