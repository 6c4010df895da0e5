# Two commands set everything up on a fresh machine (see README.md):
#   make graph   installs kg and its English model into .venv, then builds seeds/ into out/
#   make test    also installs the test tools (Playwright, Chromium, Jupyter kernel, Oxigraph) and runs the suite
# Everything comes from PyPI and Debian's packages; nothing is downloaded at run time.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: graph test browser clean

graph: $(VENV)/.installed
	$(BIN)/kg build seeds -o out

test: $(VENV)/.installed-test browser
	$(BIN)/python -m pytest

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "kg needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	@echo "Installing kg and its dependencies into $(VENV) (spaCy, its English model, rdflib, networkx, …)"
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --progress-bar off -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	@echo "Installing the test tools into $(VENV) (pytest, Playwright, Jupyter kernel, Oxigraph, …)"
	$(BIN)/python -m pip install --progress-bar off -e '.[test]'
	touch $@

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; }

clean:
	rm -rf $(VENV) out build *.egg-info test-artifacts
