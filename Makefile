# termloc — everything runs inside .venv, which the first target creates.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= out

.PHONY: all render test lint typecheck pytest bench clean

all: render

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "termloc needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# The main job: the article in every Chinese variant, under $(OUT)/.
render: $(STAMP)
	@mkdir -p $(OUT)
	@for v in zh-Hans zh-Hant zh-CN zh-SG zh-MY zh-TW zh-HK zh-MO; do \
	  $(BIN)/termloc convert --to $$v articles/dprk-russia-relations.zhwiki.txt -o $(OUT)/$$v.txt || exit 1; \
	  echo "wrote $(OUT)/$$v.txt"; \
	done

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q tests README.md --doctest-glob=README.md

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python bench/convert.py
	$(BIN)/python bench/startup.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
