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

.DEFAULT_GOAL := help
.PHONY: help deps build test fmt-check vet staticcheck unit smoke-window bench fuzz demo demo-cli run screenshots windows clean

help:
	@echo "OpenIPU make targets:"
	@echo "  make demo     try it out: the OpenIPU window on a built-in simulated fleet, no real network"
	@echo "  make demo-cli the command-line tool against simulated cameras"
	@echo "  make test     install what is missing, then check formatting, vet, staticcheck, all tests (-race), build, window smoke test"
	@echo "  make build    build every command into bin/"
	@echo "  make run      the OpenIPU window on your real network"
	@echo "  make screenshots  redraw docs/screenshots/ (no display needed)"
	@echo "  make bench    benchmarks"
	@echo "  make fuzz     every fuzz target for FUZZTIME each (now $(FUZZTIME))"
	@echo "  make windows  cross-build the Windows command-line tool and simulator into bin/windows/"
	@echo "  make deps     install missing system packages and staticcheck"
	@echo "  make clean    remove bin/"

deps:
	@.ci/install-deps

build:
	@mkdir -p bin
	@if [ -z "$(COMMANDS)" ]; then echo "No commands under cmd/ yet."; else \
		echo "Building $(notdir $(COMMANDS)) into bin/"; \
		$(GO) build -o bin/ $(COMMANDS); fi

fmt-check:
	@unformatted=$$(find . -name '*.go' -not -path './.git/*' -not -path '*/testdata/*' -print0 | xargs -0 -r $(GOFMT) -l); \
	if [ -n "$$unformatted" ]; then \
		echo "These files are not gofmt-formatted (run gofmt -w on them):"; \
		echo "$$unformatted"; exit 1; fi

vet:
	$(GO) vet ./...

staticcheck:
	$(STATICCHECK) ./...

unit:
	$(GO) test -race ./...

test: deps fmt-check vet staticcheck unit build smoke-window

# The real window under a virtual display, built with Fyne's thread checks
# on: fails on a widget touched outside Fyne's goroutine, a crash or an
# early exit.
smoke-window:
	@.ci/smoke-window

bench:
	@echo "Benchmarks (no tests run; numbers vary with machine load, compare on one machine):"
	$(GO) test -run '^$$' -bench . -benchmem ./...
	@.ci/bench-window-start

fuzz:
	@FUZZTIME=$(FUZZTIME) .ci/fuzz

demo: deps
	@$(GO) build -o bin/ ./cmd/openipu
	@echo "Opening OpenIPU on a simulated fleet (nothing is sent to your network)."
	bin/openipu --demo

demo-cli: deps
	@$(GO) build -o bin/ ./cmd/camsim ./cmd/openipu-cli
	@.ci/demo

run: deps build
	bin/openipu

screenshots:
	@.ci/screenshots

windows:
	@mkdir -p bin/windows
	@echo "Cross-building the Windows command-line tool and simulator (pure Go, no MinGW needed)"
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $(GO) build -o bin/windows/ ./cmd/openipu-cli ./cmd/camsim
	@ls -l bin/windows/

clean:
	rm -rf bin/
