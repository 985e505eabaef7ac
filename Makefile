# The two commands the README promises: `make run` and `make test`, on a fresh machine with
# Python 3.11, Java 17 and Maven. Everything else they need is installed here.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck unit neo4j bench clean help browser

help:
	@echo "make run   - local Neo4j + demo data + API and web UI at http://127.0.0.1:8000"
	@echo "make test  - install everything, lint, type-check and run all tests against a real Neo4j"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

neo4j: $(STAMP)
	$(PY) -m graph fetch

run: $(STAMP) neo4j
	$(PY) -m api serve --demo

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy graph ingest queries api bench

test: lint typecheck neo4j browser
	$(PY) -m pytest -q

bench: $(STAMP) neo4j
	$(PY) -m bench

clean:
	rm -rf $(VENV) .cache var test-output .mypy_cache .ruff_cache .pytest_cache

# Headless Chromium for the web pages' end-to-end tests: Debian's package, never Playwright's download.
# A no-op when it is already there; CI runs as root on a fresh machine.
browser:
	@command -v /usr/bin/chromium >/dev/null 2>&1 || \
		(apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium)
