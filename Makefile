# One way to do each thing: the README and CI call these targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= var/demo
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: run test bench lint format package test-package clean

$(STAMP): pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "Cannot create a virtual environment: on Debian run 'sudo apt-get install python3-venv'" >&2; \
		exit 1; }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,build]'
	touch $(STAMP)

# Creates a demo store on first run, prints the admin login, serves the appliance.
run: $(STAMP)
	$(BIN)/tiketnitsa demo-run --data-dir $(DATA) --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto --maxprocesses 4 --dist loadscope --no-loadscope-reorder

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

# The office box's packages and LiveViewer, into dist/ (needs PyPI for the wheels):
#   tiketnitsa-<version>-linux-<arch>-cp311.tar.gz   the offline bundle (install.sh inside)
#   tiketnitsa_<version>_<arch>.deb                  the same as a Debian package
#   LiveViewer, liveviewer-cli                       one-file programs for this OS
# PyInstaller does not cross-compile: build the Windows .exe on Windows (packaging/liveviewer).
package: $(STAMP)
	packaging/appliance/build-bundle.sh --pip $(BIN)/pip --out dist --build build/bundle
	packaging/deb/build-deb.sh build/bundle/tiketnitsa-* --out dist
	$(BIN)/pyinstaller --clean --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/liveviewer/liveviewer.spec
	@ls -l dist/LiveViewer dist/liveviewer-cli | awk '{printf "liveviewer: %s (%.1f MiB)\n", $$9, $$5/1048576}'

# The bundle and the .deb installed for real in a throwaway root without network (as root;
# downloads the wheels, so not part of `make test`).
test-package: $(STAMP)
	$(BIN)/python -m pytest -q -s -m network tests/packaging

clean:
	rm -rf $(VENV) var build dist *.egg-info
