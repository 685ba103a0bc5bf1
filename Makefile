# Two commands: `make run` (install + the demo on the embedded default) and `make test` (install + every check).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck install clean bench chaos browser fuzz scale-out

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 behövs ($(PYTHON) saknas)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	BRYGGA_DATA_DIR=$${BRYGGA_DATA_DIR:-.brygga} $(BIN)/brygga demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src

typecheck: $(STAMP)
	$(BIN)/mypy src

# Debian's Chromium for tests/browser (Playwright drives it; it never downloads a browser).
browser:
	bash scripts/install-browser.sh

# The store and scenario tests run on SQLite and on PostgreSQL: a server of the tests' own (Debian's postgresql,
# initdb into a temporary folder, 127.0.0.1 only) is started before pytest and stopped after it, pass or fail.
# Two pytest workers (pytest-xdist): one per core of the CI machine. TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2

test: lint typecheck browser
	@echo "make test: PostgreSQL-testerna körs mot en egen server / the PostgreSQL tests run (scripts/postgres-test.sh)"
	@bash -c 'trap "bash scripts/postgres-test.sh stop" EXIT; bash scripts/postgres-test.sh start \
		&& set -a && . test-artifacts/postgres.env && set +a && $(BIN)/pytest -q -p no:cacheprovider -n $(TEST_WORKERS) --dist loadfile'

# brygga's CPU per object, peak RSS, calls per object and time against the rate-limit bound, measured apart from
# the emulators (benchmarks/bench.py: 1,000 objects per category, 300 in the 100 ms bound runs; 6.6 min on 2 shared
# cores, 13 min with b2534b0's slower brygga at load 8). BENCH_MEMORY=100000 runs the memory check
# instead (100,000 customers and 100,000 articles); BENCH_ARGS passes more options (--brygga-src PATH, --json).
BENCH_MEMORY ?=
BENCH_ARGS ?=

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py $(if $(BENCH_MEMORY),--memory $(BENCH_MEMORY)) $(BENCH_ARGS)

# 200 transfers killed with SIGKILL under faults, then counted through both emulators (README: Chaos run).
chaos: $(STAMP)
	$(BIN)/python benchmarks/chaos.py --runs 200 --seed 12

# 10,000 generated examples through mapping and order import (seed 12); prints the counts (benchmarks/fuzz.py).
fuzz: $(STAMP)
	$(BIN)/python benchmarks/fuzz.py

# 200 companies every 5 minutes on one PostgreSQL, 1, 2 and 4 brygga worker processes (README: Skala ut).
# Needs the test server: bash scripts/postgres-test.sh start (or SCALE_OUT_OWNER_URL / SCALE_OUT_APP_URL).
scale-out: $(STAMP)
	$(BIN)/python benchmarks/scale_out.py

clean:
	rm -rf $(VENV) .brygga .mypy_cache .ruff_cache .pytest_cache test-artifacts
