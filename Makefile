# rijkspers — the README names two commands: `make all` and `make test`.
# Both set up a fresh Debian machine by themselves (system packages only when missing, then npm ci).

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -euo pipefail -c

# Browsers and binaries come from Debian; an install-time download fails on our machines.
export PUPPETEER_SKIP_DOWNLOAD := 1
export PUPPETEER_EXECUTABLE_PATH := /usr/bin/chromium
export NODE_OPTIONS :=

INPUTS := $(sort $(wildcard input/*.txt input/*.docx))
OUT := output
SRC := $(shell find src -name '*.ts' 2>/dev/null) tsconfig.json tsconfig.build.json
# command → Debian package that provides it
SYSTEM_DEPS := /usr/bin/chromium:chromium \
               /usr/bin/java:default-jre-headless \
               /usr/share/java/epubcheck.jar:epubcheck \
               /usr/bin/pdftoppm:poppler-utils \
               /usr/bin/qpdf:qpdf

.PHONY: all test e2e-full fuzz bench setup system-deps typecheck clean

all: setup dist/.built
	@node bin/rijkspers.js build $(INPUTS) --out $(OUT)

# dist/ first: the installed-command and interrupt tests run bin/rijkspers.js as users do.
test: setup dist/.built
	@echo "test: type-check, then vitest"
	npx tsc --noEmit -p .
	npx vitest run

# The end-to-end run with every edition of both house styles through every checker (make test
# checks a set of them in full and the rest's PDFs: test/e2e/publish.ts says which and why).
e2e-full: setup dist/.built
	RIJKSPERS_E2E=full npx vitest run --project e2e test/e2e/run.test.ts

# The long fuzz run (test/fuzz/): FUZZ_RUNS cases over all properties, a new seed unless FUZZ_SEED is
# set. Shrunk failures are saved under test/fixtures/fuzz/, where `make test` keeps running them.
FUZZ_RUNS ?= 10000
fuzz: setup
	@seed="$${FUZZ_SEED:-$$(( $$(od -An -N4 -tu4 /dev/urandom) & 0x7fffffff ))}"
	figures="$$(mktemp)"
	trap 'rm -f "$$figures"' EXIT
	echo "fuzz: $(FUZZ_RUNS) cases, seed $$seed (set FUZZ_RUNS and FUZZ_SEED to change)"
	start=$$(date +%s)
	status=0
	FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_SEED=$$seed FUZZ_FIGURES="$$figures" npx vitest run test/fuzz || status=$$?
	node test/fuzz/print-figures.mjs "$$figures" "$$(( $$(date +%s) - start ))"
	exit $$status

# Where the time goes: timings, ratios and goals side by side; refreshes bench/RESULTS.md.
# Uses hyperfine, WeasyPrint, pandoc and GNU time when installed (it never installs them).
# BENCH_QUICK=1 skips the slow parts; see bench/README.md.
bench: setup dist/.built
	@node bench/run.mjs

setup: system-deps node_modules/.rijkspers-installed

system-deps:
	@missing=()
	for dep in $(SYSTEM_DEPS); do
	  [ -e "$${dep%%:*}" ] || missing+=("$${dep##*:}")
	done
	if [ $${#missing[@]} -eq 0 ]; then echo "setup: Debian packages present (chromium, java, epubcheck, poppler-utils, qpdf)"; exit 0; fi
	echo "setup: installing Debian packages: $${missing[*]}"
	sudo=""
	if [ "$$(id -u)" -ne 0 ]; then
	  command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install $${missing[*]}" >&2; exit 1; }
	  sudo=sudo
	fi
	$$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq "$${missing[@]}"
	echo "setup: installed $${missing[*]}"

node_modules/.rijkspers-installed: package.json package-lock.json
	@echo "setup: npm ci (packages from package-lock.json; no browser download)"
	npm ci --no-audit --no-fund
	touch $@

dist/.built: node_modules/.rijkspers-installed $(SRC)
	@echo "build: compiling src/ to dist/"
	rm -rf dist
	npx tsc -p tsconfig.build.json
	touch $@

typecheck: setup
	npx tsc --noEmit -p .

clean:
	rm -rf dist $(OUT)/*.html $(OUT)/*.pdf $(OUT)/*.epub $(OUT)/*.report.json
