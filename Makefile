# Every target bootstraps .venv itself: `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export LIBYA_NEWS_HOME ?= $(CURDIR)/var

.PHONY: demo crawl test lint format bench outlets clean system-deps

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Full crawl of all outlets against the bundled offline replicas (no network needed).
demo: $(BIN)/.installed
	$(BIN)/scrapy crawlall --replica

# Full crawl of the live sites, for real users.
crawl: $(BIN)/.installed
	$(BIN)/scrapy crawlall

system-deps:
	@bash .ci/system-deps

test: $(BIN)/.installed system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -q

lint: $(BIN)/.installed
	$(BIN)/ruff check .

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

outlets: $(BIN)/.installed
	$(BIN)/python -m libya_news.outlets_table

# Each prints ratios against a baseline measured in the same run (see bench/*.py).
bench: $(BIN)/.installed system-deps
	$(BIN)/python -m bench.extraction
	$(BIN)/python -m bench.calibrate_dedup
	$(BIN)/python -m bench.dedup
	$(BIN)/python -m bench.runs
	$(BIN)/python -m bench.render
	$(BIN)/python -m bench.workers

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
