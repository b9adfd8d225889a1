# Two entry points for a fresh machine: `make build` and `make test`.
# Each sets itself up (idempotently, quickly when already done) before doing its job.

PY      := .venv/bin/python
VENV_OK := .venv/.installed
SYS_OK  := .venv/.system-ok
TEST_OK := .venv/.system-test-ok

.PHONY: build test setup lint typecheck score bench bench-script fuzz clean-build distclean docs

build: setup
	$(PY) -m publish build

test: setup $(TEST_OK)
	$(PY) -m ruff check publish tests scripts
	$(PY) -m ruff format --check publish tests scripts
	$(PY) -m mypy publish
	$(PY) -m pytest -q

setup: $(VENV_OK) $(SYS_OK)

$(VENV_OK): pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# System packages the outputs need: the CJK fonts (PDF), Pango (WeasyPrint), Java (EPUBCheck).
$(SYS_OK): scripts/setup-system.sh
	sh scripts/setup-system.sh
	@mkdir -p .venv && touch $@

# What only the tests need: poppler's pdftotext, headless Chromium.
$(TEST_OK): scripts/setup-system.sh
	sh scripts/setup-system.sh --test
	@mkdir -p .venv && touch $@

lint: setup
	$(PY) -m ruff check publish tests scripts
	$(PY) -m ruff format --check publish tests scripts

typecheck: setup
	$(PY) -m mypy publish

score: setup
	$(PY) scripts/score.py

# Long fuzzing run of the whole pipeline (400 generated issues); CI runs the fast profile.
fuzz: setup
	HYPOTHESIS_PROFILE=long $(PY) -m pytest -q tests/property/test_pipeline_fuzz.py

# The traditional-script benchmark: genuine traditional text, round trip, errors per 10,000.
bench-script: setup
	$(PY) scripts/script_bench.py

bench: setup bench-script
	command -v pandoc >/dev/null 2>&1 || apt-get install -y --no-install-recommends pandoc >/dev/null 2>&1 || true
	$(PY) scripts/bench.py

docs: setup
	$(PY) scripts/rule_catalogue.py --write

clean-build:
	rm -rf build

distclean: clean-build
	rm -rf .venv .mypy_cache .pytest_cache .ruff_cache .hypothesis
