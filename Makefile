# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint bench clean cloud validate

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

run: $(STAMP)
	$(BIN)/courseware

cloud: $(STAMP)
	$(BIN)/courseware cloud

lint: $(TEST_STAMP)
	$(BIN)/ruff check courseware tests bench
	$(BIN)/ruff format --check courseware tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

test: $(TEST_STAMP) lint
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(TEST_STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache
