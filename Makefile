# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# pytest-xdist workers for `make test` (each has its own embedded cloud; files stay whole).
TEST_WORKERS ?= 2
# The AWS SDK for JavaScript v3, which Lambda's Node.js runtimes include, for Node.js handlers.
NODE_SDK := $(VENV)/lambda-node-sdk
NODE_SDK_PACKAGES := @aws-sdk/client-dynamodb @aws-sdk/lib-dynamodb @aws-sdk/client-sqs @aws-sdk/client-s3 @aws-sdk/client-sns @aws-sdk/client-lambda

.PHONY: run test lint wheel-test bench clean cloud validate node-sdk

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@$(MAKE) --no-print-directory node-sdk
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@$(MAKE) --no-print-directory node-sdk
	touch $@ $(STAMP)

node-sdk:
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --prefix $(NODE_SDK) --no-audit --no-fund --loglevel=error $(NODE_SDK_PACKAGES) \
	    || echo "warning: could not install the AWS SDK for JavaScript; Node.js handlers run without it"; \
	else echo "note: npm not found; Node.js Lambda handlers will run without the AWS SDK"; fi

run: $(STAMP)
	$(BIN)/courseware

cloud: $(STAMP)
	$(BIN)/courseware cloud

lint: $(TEST_STAMP)
	$(BIN)/ruff check courseware tests bench
	$(BIN)/ruff format --check courseware tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

# The built wheel must carry the course and run outside the checkout (pipx / uv tool / pip).
wheel-test: $(TEST_STAMP)
	PYTHON=$(BIN)/python bash .ci/wheel-check

test: $(TEST_STAMP) lint wheel-test
	$(BIN)/python -m pytest -q -p no:cacheprovider -n $(TEST_WORKERS) --dist loadfile

bench: $(TEST_STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache
