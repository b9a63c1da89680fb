# Quick start: `make run` lints the bundled sample reports; `make test` runs the tests.
# Both create .venv and install the project into it on first use.

PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed

.PHONY: run test bench scaling clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/budgetlint check corpus/reports/ --exit-zero

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) bench/bench.py

# lint time of reports concatenated 8, 16 and 32 times; fails when it grows faster than linearly
scaling: $(STAMP)
	$(PY) bench/scaling.py --max-slope 1.05

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
