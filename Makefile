# Two commands: `make run` starts the dashboard on the local SQLite database with the sample data;
# `make test` runs the linters and the whole test suite. Only Python 3.11 and make are needed.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test format bench screenshots template clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	$(BIN)/python -m analytics init --sample-data  # first start: prints the demo admin's password once
	$(BIN)/streamlit run serve.py --server.port $(PORT)  # app.py, warmed before it answers

test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n auto

# Timings printed, not asserted: every benchmarks/<name>.py module runs in turn (imports: read, validate and
# store against openpyxl; pages: each page's script after a filter change, sample and national-scale data; browser:
# navigation to each page's content in Chromium against the real server).
# A module that fails does not stop the others: the failed ones are named at the end, and make exits non-zero.
bench: $(VENV)/.dev
	@failed=""; for module in $(basename $(notdir $(wildcard benchmarks/[a-z]*.py))); do \
		echo "== benchmarks.$$module"; $(BIN)/python -m benchmarks.$$module || failed="$$failed $$module"; \
	done; \
	if [ -n "$$failed" ]; then echo "== failed:$$failed"; exit 1; fi

# The README's screenshots, taken by the browser journeys (a plain test run writes them under build/), and two pages
# of the PDF report drawn by pypdfium2.
screenshots: $(VENV)/.dev
	SCREENSHOTS_DIR=docs/screenshots $(BIN)/python -m pytest tests/e2e
	$(BIN)/python -m benchmarks.reports --pages docs/screenshots

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

template: $(VENV)/.runtime
	$(BIN)/python -m analytics template --out mau_bao_cao.xlsx

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
