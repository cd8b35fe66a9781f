# Two commands do all the set-up on a fresh machine:
#   make build   create .venv, install provenance and Graphviz, build the #WalkAway case
#   make test    the same set-up and Chromium (for the report's browser test), then ruff,
#                mypy, the import contract and the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: build test quick coverage check lint typecheck imports schemas graphviz chromium clean

build: $(INSTALLED) graphviz
	$(BIN)/provenance build

test: $(INSTALLED) graphviz chromium lint typecheck imports
	$(BIN)/pytest

# The tests without the slow ones (real processes: killed builds, the browser, the
# benchmark, interpreters with other hash seeds): the loop to run while working.
quick: $(INSTALLED)
	$(BIN)/pytest -m "not slow"

# The whole suite under coverage, counting the build's and the check's worker processes
# and the interpreters the tests start ([tool.coverage.run] in pyproject.toml).
coverage: $(INSTALLED) graphviz chromium
	rm -f .coverage .coverage.*
	$(BIN)/coverage run -m pytest
	$(BIN)/coverage combine --quiet
	$(BIN)/coverage report

check: $(INSTALLED)
	$(BIN)/provenance check claims

lint: $(INSTALLED)
	$(BIN)/ruff check provenance tests benchmarks
	$(BIN)/ruff format --check provenance tests benchmarks

typecheck: $(INSTALLED)
	$(BIN)/mypy

# The import contract in pyproject.toml ([tool.importlinter]): the layers of the pipeline.
imports: $(INSTALLED)
	$(BIN)/lint-imports

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
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .import_linter_cache .coverage .coverage.*
	# The report: its links (index.html, one per case) and .provenance/, where the builds are.
	find output -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
	find tests/gold -name '*.actual.*' -delete
