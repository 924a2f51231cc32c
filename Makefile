# Chronoscope — the two commands users need:
#   make run    set up what is missing, build, and open the app on the default chronology
#   make test   set up what is missing (Xvfb too), then vet, staticcheck, every test with -race,
#               and a real-window smoke test
# Also: make build, make bench, make smoke, make clean.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

BIN := ./chronoscope
GO ?= go
BENCHTIME ?= 2s
BENCHCOUNT ?= 3

# Packages Fyne needs to compile (cgo, OpenGL, X11), per package manager.
APT_BUILD := gcc pkg-config libgl1-mesa-dev xorg-dev
APT_TEST  := xvfb xdotool imagemagick
DNF_BUILD := gcc pkgconf-pkg-config libXcursor-devel libXrandr-devel mesa-libGL-devel libXi-devel libXinerama-devel libXxf86vm-devel
DNF_TEST  := xorg-x11-server-Xvfb xdotool ImageMagick
PAC_BUILD := gcc pkgconf libxcursor libxrandr libxinerama libxi mesa libxxf86vm
PAC_TEST  := xorg-server-xvfb xdotool imagemagick

# install-packages LIST-OF-APT LIST-OF-DNF LIST-OF-PACMAN: installs the
# packages of this system's package manager that are missing, with sudo
# when not root; on macOS checks for the Xcode command-line tools;
# elsewhere says exactly what to install.
define install-packages
	sudo=""; if [ "$$(id -u)" != 0 ]; then sudo=sudo; fi; \
	case "$$(uname -s)" in \
	Darwin) \
		xcode-select -p >/dev/null 2>&1 || { echo "Install the Xcode command-line tools first: xcode-select --install" >&2; exit 1; } ;; \
	Linux) \
		if command -v apt-get >/dev/null 2>&1; then \
			missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
			if [ -n "$$missing" ]; then \
				echo "Installing:$$missing"; \
				$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
			fi; \
		elif command -v dnf >/dev/null 2>&1; then \
			missing=""; for p in $(2); do rpm -q $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
			if [ -n "$$missing" ]; then echo "Installing:$$missing"; $$sudo dnf install -y $$missing; fi; \
		elif command -v pacman >/dev/null 2>&1; then \
			missing=""; for p in $(3); do pacman -Qi $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
			if [ -n "$$missing" ]; then echo "Installing:$$missing"; $$sudo pacman -S --noconfirm --needed $$missing; fi; \
		else \
			echo "Unknown package manager. Install a C compiler, pkg-config, and the OpenGL and X11 development" >&2; \
			echo "headers (Debian names: $(1))." >&2; exit 1; \
		fi ;; \
	*) \
		echo "On $$(uname -s), install a C compiler and OpenGL headers as described at https://docs.fyne.io/started/" >&2 ;; \
	esac
endef

.PHONY: run build test bench smoke prereqs prereqs-test check-go clean

# Go itself: go.mod asks for Go 1.26; any Go from 1.21 on fetches it through
# the module proxy (GOTOOLCHAIN=auto).
check-go:
	@command -v $(GO) >/dev/null 2>&1 || { echo "Go is not installed: install Go 1.26 or later from https://go.dev/dl/ (or your package manager) and run make again." >&2; exit 1; }

prereqs: check-go
	@$(call install-packages,$(APT_BUILD),$(DNF_BUILD),$(PAC_BUILD))

prereqs-test: prereqs
	@$(call install-packages,$(APT_TEST),$(DNF_TEST),$(PAC_TEST))

build: prereqs
	$(GO) build -o $(BIN) .

# Opens the app on the default chronology (written to the user's data
# folder on first run). Pass a file with: make run FILE=path.chrono
run: build
	$(BIN) $(FILE)

test: prereqs-test
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	$(GO) test -race -count=1 ./...
	$(MAKE) --no-print-directory smoke

# A real window under Xvfb: start, screenshot, untick an actor, close.
smoke: prereqs-test
	bash .ci/smoke

bench: prereqs
	$(GO) test -run '^$$' -bench . -benchtime $(BENCHTIME) -count $(BENCHCOUNT) ./data ./timeline

clean:
	rm -f $(BIN)
