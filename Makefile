# OpenIPU build, test and demo targets. `make help` lists them.

SHELL := /bin/bash
GO := $(shell command -v go 2>/dev/null || echo /usr/local/go/bin/go)
GOFMT := $(shell $(GO) env GOROOT)/bin/gofmt
STATICCHECK := $(shell $(GO) env GOPATH)/bin/staticcheck
FUZZTIME ?= 20s

# Fyne logs a locale error at start-up under LANG=C.UTF-8; it only parses the
# variable, so the locale need not be installed.
export LANG := en_US.UTF-8
export GO

# Every main package under cmd/ is a command (today the window cmd/openipu,
# the command-line tool cmd/openipu-cli and the simulator cmd/camsim); new
# ones are picked up as they appear.
COMMANDS = $(shell $(GO) list -f '{{if eq .Name "main"}}{{.ImportPath}}{{end}}' ./cmd/... 2>/dev/null)

# The version every program is stamped with (About, --version): from git
# and FyneApp.toml, see .ci/version.
VERSION := $(shell .ci/version 2>/dev/null || echo devel)
STAMP := -X github.com/openipu/openipu/core/buildinfo.version=$(VERSION)
PREFIX ?= /usr/local

.DEFAULT_GOAL := help
.PHONY: help deps build test check-targets fmt-check vet staticcheck unit smoke-window test-package-linux test-windows bench fuzz demo demo-cli run screenshots windows package-linux package-macos install uninstall checksums version clean

help:
	@echo "OpenIPU make targets:"
	@echo "  make demo     try it out: the OpenIPU window on a built-in simulated fleet, no real network"
	@echo "  make demo-cli the command-line tool against simulated cameras"
	@echo "  make test     install what is missing, then check formatting, vet, staticcheck, all tests (-race), build,"
	@echo "                window smoke test, package check, and the Windows programs under Wine"
	@echo "  make build    build every command into bin/"
	@echo "  make run      the OpenIPU window on your real network"
	@echo "  make screenshots  redraw docs/screenshots/ (no display needed)"
	@echo "  make bench    benchmarks"
	@echo "  make fuzz     every fuzz target for FUZZTIME each (now $(FUZZTIME))"
	@echo "  make windows  cross-build the Windows program (OpenIPU.exe, openipu-cli.exe) and its zip in dist/"
	@echo "  make test-windows  the tests, the command-line tool and the window as Windows programs under Wine"
	@echo "                (part of make test; SKIP_WINDOWS=1 skips it)"
	@echo "  make package-linux  the Linux tarball in dist/ (binary, .desktop file, icon)"
	@echo "  make install  install the window on this Linux computer (PREFIX=$(PREFIX), DESTDIR=)"
	@echo "  make uninstall  remove what make install put there"
	@echo "  make package-macos  the macOS app, zipped, in dist/ (on a Mac only)"
	@echo "  make checksums  dist/SHA256SUMS for the packages in dist/"
	@echo "  make version  the version this build is stamped with"
	@echo "  make deps     install missing system packages and staticcheck"
	@echo "  make clean    remove bin/"

deps:
	@.ci/install-deps

build:
	@mkdir -p bin
	@if [ -z "$(COMMANDS)" ]; then echo "No commands under cmd/ yet."; else \
		echo "Building $(notdir $(COMMANDS)) into bin/"; \
		$(GO) build -ldflags "$(STAMP)" -o bin/ $(COMMANDS); fi

# Every make command the README, docs/ and help name exists (.ci/check-targets).
check-targets:
	@.ci/check-targets

fmt-check:
	@unformatted=$$(find . -name '*.go' -not -path './.git/*' -not -path '*/testdata/*' -print0 | xargs -0 -r $(GOFMT) -l); \
	if [ -n "$$unformatted" ]; then \
		echo "These files are not gofmt-formatted (run gofmt -w on them):"; \
		echo "$$unformatted"; exit 1; fi

# ./... leaves out dot-folders, hence the build checks under .ci/ by name.
vet:
	$(GO) vet ./... ./.ci/pecheck

staticcheck:
	$(STATICCHECK) ./... ./.ci/pecheck

unit:
	$(GO) test -race ./...

test: deps check-targets fmt-check vet staticcheck unit build smoke-window test-package-linux test-windows

# The real window under a virtual display, built with Fyne's thread checks
# on: fails on a widget touched outside Fyne's goroutine, a crash or an
# early exit.
smoke-window:
	@.ci/smoke-window

test-package-linux:
	@.ci/test-package-linux

bench:
	@echo "Benchmarks (no tests run; numbers vary with machine load, compare on one machine):"
	$(GO) test -run '^$$' -bench . -benchmem ./...
	@.ci/bench-window-start

fuzz:
	@FUZZTIME=$(FUZZTIME) .ci/fuzz

demo: deps
	@mkdir -p bin
	@$(GO) build -ldflags "$(STAMP)" -o bin/ ./cmd/openipu
	@echo "Opening OpenIPU on a simulated fleet (nothing is sent to your network)."
	bin/openipu --demo

demo-cli: deps
	@mkdir -p bin
	@$(GO) build -ldflags "$(STAMP)" -o bin/ ./cmd/camsim ./cmd/openipu-cli
	@.ci/demo

run: deps build
	bin/openipu

screenshots:
	@.ci/screenshots

# Windows programs under Wine: the core and command tests, the command-line
# tool against the simulator, and the window in demo mode (.ci/test-windows).
test-windows:
	@.ci/test-windows

# The Windows download: OpenIPU.exe and openipu-cli.exe in a zip (.ci/build-windows).
windows:
	@.ci/build-windows

package-linux:
	@.ci/package-linux

# Installs the window from the tarball package-linux writes: the program,
# its .desktop file and icon, under PREFIX (and DESTDIR, for packagers).
install:
	@.ci/install-linux install "$(DESTDIR)" "$(PREFIX)"

uninstall:
	@.ci/install-linux uninstall "$(DESTDIR)" "$(PREFIX)"

package-macos:
	@.ci/package-macos

checksums:
	@cd dist && ls *.zip *.tar.xz >/dev/null 2>&1 || { echo "checksums: nothing in dist/ yet (make windows, package-linux, package-macos)"; exit 1; }
	@cd dist && sha256sum *.zip *.tar.xz > SHA256SUMS && cat SHA256SUMS

version:
	@echo $(VERSION)

clean:
	rm -rf bin/ dist/
