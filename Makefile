SHELL := /bin/bash
# dibao: the two quick-start commands are `make report` and `make test`; both install what they
# need first (Debian packages through apt-get, as root or with sudo).

SWIFT      ?= swift
DIBAO      := .build/release/dibao
## Release builds link the Swift runtime and Foundation statically: about 6 ms less at every start
## (about 1,900 symbol bindings at load instead of 9,400 across libswiftCore, Foundation and ICU).
## Every release build here uses the same flags, since changing them rebuilds everything.
RELEASE    := -c release --static-swift-stdlib
APT_PACKAGES := libopenblas-dev liblapacke-dev libxlsxwriter-dev librsvg2-dev fonts-noto-cjk
## What the tests open the Word document with (LibreOffice, without its desktop parts) and read the PDF with.
TEST_APT_PACKAGES := libreoffice-writer-nogui poppler-utils chromium
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps test-deps python-deps serve bench-serve build release report report-screenshot reports-fresh check test lint format fuzz fuzz-ci bench bench-10m bench-roster bench-montecarlo bench-shards bench-report clean

all: report

## Install the Debian packages the build needs, only when some are missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get -o DPkg::Lock::Timeout=600 install -y -qq $$missing; \
	fi

## The document checkers, only when missing (no recommended packages: no desktop).
test-deps:
	@missing=""; for p in $(TEST_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $$missing; \
	fi

## openpyxl (PyPI): the independent reader the tests read workbooks back with; Playwright (its
## wheel brings its driver; it drives Debian's chromium, no browser download) for the workbench's
## browser test; openapi-spec-validator for docs/openapi.yaml; Dask for the sharded-run test
## (deploy/dask_shards.py).
python-deps:
	@python3 -c "import openpyxl" 2>/dev/null || python3 -m pip install -q openpyxl
	@python3 -c "import playwright.sync_api" 2>/dev/null || python3 -m pip install -q playwright
	@python3 -c "import openapi_spec_validator, yaml" 2>/dev/null || python3 -m pip install -q openapi-spec-validator pyyaml
	@python3 -c "import distributed" 2>/dev/null || python3 -m pip install -q "dask[distributed]"

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE) --product dibao

# The bundled scenarios, the county's plan first (it is the report's primary scenario).
SCENARIOS := scenarios/shangrao-2017-plan.yaml scenarios/ --actuals data/ledger/shangrao-actuals.csv

## The main result: the annual target report for the bundled scenarios, in reports/.
report: release
	$(DIBAO) report $(SCENARIOS) --out reports

## The web workbench over scenarios/ at http://127.0.0.1:8017 (Ctrl-C stops it).
serve: release
	$(DIBAO) serve scenarios

## The workbench's latency (aggregate plan < 50 ms, household scenario < 300 ms, end to end over
## loopback HTTP) and a load test of 50 clients × 200 requests, on the release build.
bench-serve: release
	python3 scripts/bench_serve.py $(DIBAO)
	python3 scripts/load_test.py $(DIBAO) --clients 50 --requests 200

## Render reports/index.html in headless Chromium and check the picture (installs chromium).
report-screenshot:
	scripts/report-screenshot.sh reports .build/report-screenshot.png

## Fail when the committed reports/ differ from what the current code and scenarios produce. The
## pictures and the Word document are drawn with the machine's fonts: they must exist with the
## same names, and check_docx.sh opens the document; their bytes are not compared.
reports-fresh: deps
	$(SWIFT) run dibao report $(SCENARIOS) --out .build/reports-check > /dev/null
	@diff <(ls reports) <(ls .build/reports-check) > .build/reports-diff.txt \
		&& diff -r -x '*.png' -x 'report.docx' reports .build/reports-check >> .build/reports-diff.txt \
		|| { echo "reports/ is stale: run 'make report' and commit the result"; head -40 .build/reports-diff.txt; exit 1; }

## Every bundled scenario, as CI runs it (exit 1 on an unexpected outcome).
check: release
	$(DIBAO) check scenarios/ --junit .build/junit-scenarios.xml

## Unit, policy and command-line tests, the formatter's lint, the bundled scenarios, and the web
## workbench: its API document, a real browser (Playwright on chromium) and a loopback load test.
test: deps test-deps python-deps
	$(SWIFT) format lint --strict -r Sources Tests Benchmarks Fuzz Package.swift
	$(SWIFT) build --build-tests
	$(SWIFT) run dibao check scenarios/
	$(MAKE) --no-print-directory reports-fresh
	python3 scripts/check_xlsx.py .build/debug/dibao
	scripts/check_docx.sh .build/debug/dibao
	scripts/check_shards.sh .build/debug/dibao
	python3 scripts/check_openapi.py .build/debug/dibao
	python3 scripts/browser_test.py .build/debug/dibao
	python3 scripts/load_test.py .build/debug/dibao --clients 50 --requests 20 --time-limit 300
	$(SWIFT) test

## Fuzz every reader and the report writers with libFuzzer for FUZZ_SECONDS on every core.
FUZZ_SECONDS ?= 600
fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

## The deterministic slice CI runs: 20,000 inputs from seed 1.
fuzz-ci: deps
	scripts/fuzz.sh --runs 20000

lint:
	$(SWIFT) format lint --strict -r Sources Tests Benchmarks Fuzz Package.swift

format:
	$(SWIFT) format format -i -r Sources Tests Benchmarks Fuzz Package.swift

SHARED ?= ../shared

## Microsim v1 against ../shared/bench/ref_numpy.py on 1,000,000 households: ratios and memory;
## then the whole `dibao run` against numpy's whole script (start, YAML, CSV, compute, output).
bench: release
	$(SWIFT) build $(RELEASE) --product dibao-bench
	python3 Benchmarks/microsim_bench.py --shared $(SHARED)
	python3 Benchmarks/whole_run_bench.py --shared $(SHARED) --dibao $(DIBAO)

## The same, plus 10,000,000 households through dibao-bench (a 200 MB file; about a minute).
bench-10m: deps
	$(SWIFT) build $(RELEASE) --product dibao-bench
	python3 Benchmarks/microsim_bench.py --shared $(SHARED) --ten-million

## Two synthetic rosters of about 1,000,000 rows each: dibao roster compare, phase by phase and end to end.
bench-roster: release
	$(SWIFT) build $(RELEASE) --product dibao-bench
	@[ -f .build/bench/rosters-1m/dibao.csv ] || .build/release/dibao roster example --out .build/bench/rosters-1m --persons 1430000 --seed 7
	.build/release/dibao-bench roster .build/bench/rosters-1m/dibao.csv .build/bench/rosters-1m/registered.csv --repeat 5
	@command -v hyperfine >/dev/null || $(SUDO) apt-get -o DPkg::Lock::Timeout=600 install -y -qq hyperfine
	hyperfine --warmup 1 --runs 5 '.build/release/dibao roster compare .build/bench/rosters-1m/dibao.csv .build/bench/rosters-1m/registered.csv --out .build/bench/roster-comparison'

## Monte Carlo against a vectorised numpy implementation of the same model (Benchmarks/montecarlo_numpy.py),
## whole processes side by side at 100,000 and 1,000,000 draws (11 interleaved runs of each, medians),
## results checked to agree; then 1,000,000 households × 1,000 draws.
bench-montecarlo: release
	python3 Benchmarks/montecarlo_bench.py --dibao $(DIBAO) --runs 11
	python3 Benchmarks/households_montecarlo_bench.py --shared $(SHARED) --dibao $(DIBAO)

## A sharded 1,000,000-draw run on a local Dask cluster of 1 and 2 workers (deploy/dask_shards.py).
bench-shards: release python-deps
	@for w in 1 2; do python3 deploy/dask_shards.py Benchmarks/montecarlo-bench.yaml --draws 1000000 --seed 2017 \
		--workers $$w --shards 4 --dibao $(DIBAO) --out .build/bench-shards-$$w.json; done
	$(DIBAO) run Benchmarks/montecarlo-bench.yaml --draws 1000000 --seed 2017 --format json | cmp - .build/bench-shards-2.json
	@echo "the sharded runs equal the single run"

## Time `dibao report` on the bundled scenarios (release build, hyperfine from Debian).
bench-report: release
	@command -v hyperfine >/dev/null || $(SUDO) apt-get -o DPkg::Lock::Timeout=600 install -y -qq hyperfine
	hyperfine --warmup 3 --runs 30 '$(DIBAO) report $(SCENARIOS) --out .build/bench-reports'

clean:
	rm -rf .build
