# Two commands do all the set-up on a fresh machine:
#   make build   create .venv, install provenance and Graphviz, build the #WalkAway case
#   make test    the same set-up and Chromium (for the report's browser test), then ruff,
#                mypy and the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: build test check lint typecheck schemas graphviz chromium clean

build: $(INSTALLED) graphviz
	$(BIN)/provenance build

test: $(INSTALLED) graphviz chromium lint typecheck
	$(BIN)/pytest

check: $(INSTALLED)
	$(BIN)/provenance check claims

lint: $(INSTALLED)
	$(BIN)/ruff check provenance tests benchmarks
	$(BIN)/ruff format --check provenance tests benchmarks

typecheck: $(INSTALLED)
	$(BIN)/mypy

# Regenerate the committed JSON Schemas after changing provenance/model.py.
schemas: $(INSTALLED)
	$(BIN)/provenance schema --output-dir schemas

graphviz:
	@sh scripts/ensure-graphviz

chromium:
	@sh scripts/ensure-chromium

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) output/*/ output/index.html .mypy_cache .pytest_cache .ruff_cache
