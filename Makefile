# Quick start: `make run` lints the bundled sample reports; `make test` runs the tests.
# Both create .venv and install the project into it on first use.

PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed

.PHONY: run test lint bench scaling mutations clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/budgetlint check corpus/reports/ --exit-zero

test: lint
	$(PY) -m pytest

# ruff (lint and format check) and the import contracts of [tool.importlinter], checked on the
# installed layout that tests/test_architecture.py assembles; every check runs, any failure fails.
lint: $(STAMP)
	@status=0; \
	echo "ruff check ."; $(VENV)/bin/ruff check . || status=1; \
	echo "ruff format --check ."; $(VENV)/bin/ruff format --check . || status=1; \
	echo "lint-imports"; $(PY) tests/test_architecture.py --no-logo || status=1; \
	exit $$status

bench: $(STAMP)
	$(PY) bench/bench.py

# lint time of reports concatenated 8, 16 and 32 times; fails when it grows faster than linearly
scaling: $(STAMP)
	$(PY) bench/scaling.py --max-slope 1.05

# planted number errors: one prose amount or percentage changed per mutant, and the share caught
mutations: $(STAMP)
	$(PY) bench/mutations.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
