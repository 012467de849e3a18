# Rapport — `make run` opens the app, `make test` runs every test, `make lint` runs ruff and
# mypy (its files and strictness are in pyproject.toml). All set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed

.PHONY: run test lint bench bench-large bench-deps setup clean printer-test-deps

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Rapport needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(RUNTIME): requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(DEV): requirements.txt requirements-dev.txt $(RUNTIME)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

setup: $(DEV)

run: $(RUNTIME)
	$(PY) main.py $(ARGS)

test: $(DEV)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(DEV)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

bench: $(DEV)
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.bench.run

# The printer tests (tests/cups_server.py) start their own cupsd, as root; skipped without it.
printer-test-deps:
	apt-get install -y cups cups-filters poppler-utils

# The same suite at 200,000 customers (a day's cards and the notebook to JSON and back among
# it; the notebook is generated once into out/, ~430 MB); the plot then shows both sizes.
bench-large: $(DEV)
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.bench.run --customers 200000

# gLabels 3 (Debian's glabels), the rival of the card benchmark; without it that row is skipped.
bench-deps:
	@if command -v glabels-3-batch >/dev/null 2>&1; then echo "glabels-3-batch is installed."; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y glabels; \
	else echo "bench-deps installs gLabels with apt-get as root: sudo make bench-deps" \
	     "(or: sudo apt-get install glabels)"; exit 1; fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
