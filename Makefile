# The two commands: `make site` builds the site into site/, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test golden check bench clean

$(BIN)/explainer: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/explainer requirements-test.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# Publishable site: fails on any untranslated or fuzzy segment, then proves no text was lost.
site: $(BIN)/explainer
	$(BIN)/explainer build --strict
	$(BIN)/mkdocs build --strict
	$(BIN)/explainer verify

# Draft preview at http://127.0.0.1:8000, rebuilt when content/ changes.
serve: $(BIN)/explainer
	$(BIN)/explainer build
	$(BIN)/mkdocs serve --config-file mkdocs.serve.yml --dev-addr 127.0.0.1:8000

check: $(BIN)/explainer
	$(BIN)/explainer check

test: $(VENV)/.test-deps
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	$(BIN)/python -m pytest

# Rewrite the golden files from the current output; review them with `git diff tests/golden`.
golden: $(VENV)/.test-deps
	$(BIN)/python -m pytest tests/test_golden.py --update-golden

# Benchmark: sites of 1, 10, 100 and 500 synthetic articles; the pipeline's build against MkDocs'.
# Takes a few minutes; not part of `make test`. The README keeps the last table.
bench: $(BIN)/explainer
	$(BIN)/python benchmarks/bench.py --sizes 1 10 100 500

clean:
	rm -rf site build docs/articles docs/index.md
