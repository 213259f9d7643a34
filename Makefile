# Two commands matter: `make run` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LIBRARY ?= articles

.PHONY: run test lint typecheck pytest bench clean

# The environment, built from pyproject.toml and rebuilt when it changes.
$(VENV): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)

run: $(VENV)
	$(BIN)/readingroom --library $(LIBRARY)

lint: $(VENV)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(VENV)
	$(BIN)/mypy

# Two workers (the CI machine has two cores); worksteal keeps both busy to the end, where
# plain load scheduling left one worker holding most of the slow Pilot tests.
pytest: $(VENV)
	$(BIN)/pytest -n 2 --dist worksteal

test: lint typecheck pytest

bench: $(VENV)
	$(BIN)/python benchmarks/startup.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
