# termloc — everything runs inside .venv, which the first target creates.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= out

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all render test lint typecheck pytest tools fuzz bench screenshots clean

all: render

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "termloc needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# The main job: the article in every Chinese variant and every locale with a catalog in locales/
# (Markdown, text, HTML), and an index, under $(OUT)/.
render: $(STAMP)
	$(BIN)/termloc render --all --out-dir $(OUT)/

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

typecheck: $(STAMP)
	$(BIN)/mypy

# Debian's Chromium (the HTML tests), gettext (msgfmt --check on the
# catalogs) and the Noto CJK fonts (Chinese and Korean in the screenshots,
# not boxes), installed when missing.
tools:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	[ -n "$$(fc-list :lang=zh 2>/dev/null)" ] || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian's$$missing for the tests"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

pytest: $(STAMP) tools
	$(BIN)/pytest -q -n auto

test: lint typecheck pytest

# The properties (hypothesis) run longer than in 'make test': FUZZ_SCALE times their examples
# (about 10 minutes on two cores), then how many inputs each saw and what failed.
FUZZ_SCALE ?= 15
fuzz: $(STAMP)
	TERMLOC_FUZZ_SCALE=$(FUZZ_SCALE) $(BIN)/pytest -q -p no:cacheprovider --hypothesis-show-statistics \
	  tests/test_properties.py tests/test_fuzz.py tests/test_fuzz_files.py

bench: $(STAMP)
	$(BIN)/python bench/convert.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/lookup.py
	$(BIN)/python bench/reference.py
	$(BIN)/python bench/devset.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/explain.py
	$(BIN)/python bench/corpus.py
	$(BIN)/python bench/serve.py

# The README's pictures of termloc serve, taken in Chromium (docs/screenshots/*.png).
screenshots: $(STAMP) tools
	$(BIN)/python tools/screenshots.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
