# samrad — two commands: `make run` and `make test`. Everything else is set-up they do for you.
PYTHON ?= python3.11
VENV   ?= .venv
BIN     = $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install install-test system browser-deps messages lint ruff mypy audit clean

run: install system
	$(BIN)/samrad demo --host $(HOST) --port $(PORT)

test: install-test system browser-deps
	$(BIN)/samrad compilemessages --ignore=.venv --ignore=node_modules >/dev/null
	$(BIN)/pytest $(PYTEST_ARGS)

# --- set-up -----------------------------------------------------------------------------------------
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade "pip==25.3"

$(VENV)/.base: $(BIN)/python requirements/base.lock pyproject.toml
	$(BIN)/pip install -q -r requirements/base.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.test: $(VENV)/.base requirements/test.lock
	$(BIN)/pip install -q -r requirements/test.lock
	touch $@

install: $(VENV)/.base
	$(BIN)/samrad compilemessages --ignore=.venv --ignore=node_modules >/dev/null

install-test: $(VENV)/.test

# System packages: the Swedish hunspell dictionary (synthesis) and Chromium (browser tests).
system:
	bash scripts/install-system-deps.sh

# axe-core for accessibility checks, from npm, pinned in package-lock.json.
browser-deps: node_modules/axe-core/axe.min.js
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

messages: install
	bash scripts/messages.sh

# ruff everywhere; mypy where types are kept strict: core, the two engines, and publication once it exists.
MYPY_PATHS = src/samrad/core src/samrad/grouping src/samrad/synthesis $(wildcard src/samrad/publication)

lint: install-test
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy $(MYPY_PATHS)

# The same checks without the set-up, for the pre-commit hooks (.pre-commit-config.yaml).
ruff:
	$(BIN)/ruff check src tests bench scripts
mypy:
	$(BIN)/mypy $(MYPY_PATHS)

# pip-audit, plus PyPI's project JSON where pip-audit cannot reach PyPI's vulnerability data; it lists what it
# could not audit instead of passing silently (SAMRAD_AUDIT_STRICT=1 makes that fail).
audit: install-test
	$(BIN)/python scripts/audit_dependencies.py requirements/test.lock requirements/e5.lock

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
