# Two commands: `make run` serves the demo site, `make test` runs the suite. Both build .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
FLASK  := $(BIN)/flask --app wsgi
PYTEST_ARGS ?=
CATALOGUE := translations/en/LC_MESSAGES/messages

.PHONY: run test lint install install-test translations bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt requirements.txt tests/tools/package-lock.json | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@# The Nu Html Checker (vnu.jar) from npm; without npm its tests skip (under CI=true they fail).
	@if command -v npm >/dev/null; then npm ci --prefix tests/tools --ignore-scripts --no-audit --no-fund --silent; \
	else echo "npm not found: the HTML checker's tests will be skipped"; fi
	touch $@ $(VENV)/.runtime

install: $(VENV)/.runtime
install-test: $(VENV)/.test

# The English catalogue: the .po is committed, the .mo is built from it (Vietnamese needs none).
translations: $(CATALOGUE).mo

$(CATALOGUE).mo: $(CATALOGUE).po | $(VENV)/.runtime
	$(BIN)/pybabel compile -d translations

run: export PORTAL_CONFIG ?= development
run: $(VENV)/.runtime translations
	@# A busy port is said plainly (which program holds it, how to pick another) before anything starts.
	@$(BIN)/python -m portal.devserver $(PORT)
	$(FLASK) db upgrade
	$(FLASK) seed-demo
	@$(FLASK) demo-accounts
	@echo "Trang web / site: http://127.0.0.1:$(PORT)  (Ctrl+C để dừng / to stop)"
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

lint: $(VENV)/.test
	$(BIN)/ruff check .

test: $(VENV)/.test lint translations
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.runtime
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
