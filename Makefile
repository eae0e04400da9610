# dibao: the two quick-start commands are `make report` and `make test`; both install what they
# need first (Debian packages through apt-get, as root or with sudo).

SWIFT      ?= swift
DIBAO      := .build/release/dibao
APT_PACKAGES := libopenblas-dev liblapacke-dev
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build release report check test lint format clean

all: report

## Install the Debian packages the build needs, only when some are missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get -o DPkg::Lock::Timeout=600 install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product dibao

## The main result: check every bundled scenario against its targets.
report: release
	$(DIBAO) check scenarios/

## Every bundled scenario, as CI runs it (exit 1 on an unexpected outcome).
check: release
	$(DIBAO) check scenarios/ --junit .build/junit-scenarios.xml

## Unit, policy and command-line tests, the formatter's lint, and the bundled scenarios.
test: deps
	$(SWIFT) format lint --strict -r Sources Tests Package.swift
	$(SWIFT) build --build-tests
	$(SWIFT) run dibao check scenarios/
	$(SWIFT) test

lint:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift

format:
	$(SWIFT) format format -i -r Sources Tests Package.swift

clean:
	rm -rf .build
