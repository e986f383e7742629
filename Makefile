# The same targets for people and CI. `make run` and `make test` install what they need
# into .venv first (Python 3.11), so each is one command on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint format bench install clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

run: install  ## serve the dashboard on http://127.0.0.1:8050 (demo data on first run)
	$(BIN)/python app.py

test: install  ## lint, then the whole suite (SQLite, PostgreSQL, Redis, headless chromium)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install  ## benchmarks; each prints its figures
	$(BIN)/python -m bench.load_border_office
	$(BIN)/python -m bench.load_contracts_registry
	$(BIN)/python -m bench.pages
	$(BIN)/python -m bench.exports
	$(BIN)/python -m bench.transfer

clean:
	rm -rf $(VENV) instance .pytest_cache
