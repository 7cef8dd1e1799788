# One way to do each thing: the README and CI call these targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= var/demo
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: run test bench lint format package clean

$(STAMP): pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "Cannot create a virtual environment: on Debian run 'sudo apt-get install python3-venv'" >&2; \
		exit 1; }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Creates a demo store on first run, prints the admin login, serves the appliance.
run: $(STAMP)
	$(BIN)/tiketnitsa demo-run --data-dir $(DATA) --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m pytest -q -s tests/bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The appliance as a wheel, and LiveViewer as one-file programs for this OS (PyInstaller does not
# cross-compile: build the Windows .exe on Windows).
package: $(STAMP)
	$(BIN)/pip install --quiet build pyinstaller
	$(BIN)/python -m build --wheel --outdir dist .
	$(BIN)/pyinstaller --clean --noconfirm --distpath dist --workpath build/pyinstaller \
		packaging/liveviewer/liveviewer.spec

clean:
	rm -rf $(VENV) var build dist *.egg-info
