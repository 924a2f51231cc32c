# Chronoscope — the two commands users need:
#   make run    set up what is missing, build, and open the app on the default chronology
#   make test   set up what is missing (Xvfb too), then vet, staticcheck, every test with -race,
#               and a real-window smoke test
# Also: make build, make bench, make smoke, make memory, make fuzz, make clean.
# Packaging (README, "Install and package"): make package (Linux .tar.xz),
# make windows (Windows .exe, cross-compiled), make windows-test (data/ tests
# of the Windows build under Wine), make icons.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

BIN := ./chronoscope
GO ?= go
# Every build, test and package leaves out Fyne's bundled colour-emoji font
# (theme/bundled-emoji.go): Fyne parses that 4 MB font once for each text
# style a window uses, which cost about 20 MiB of the window's memory (see
# README, "Performance"). Emoji in a chronology are drawn from a system font
# that has them, as Fyne does for any character its fonts lack.
TAGS := no_emoji
export GOFLAGS += -tags=$(TAGS)
BENCHTIME ?= 2s
BENCHCOUNT ?= 3
# Stamp binaries with the git commit for `chronoscope --version`, also where
# GOFLAGS says -buildvcs=false (auto leaves it out outside a git checkout).
VCSFLAG := -buildvcs=auto
# The build date for `chronoscope --version` (UTC, set at link time).
BUILD_DATE := $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
DATEFLAG := -X=chronoscope/app.buildDate=$(BUILD_DATE)

# Packages Fyne needs to compile (cgo, OpenGL, X11), per package manager.
# The tests also need the PostgreSQL server programs (initdb, pg_ctl,
# postgres): data/pgsync/pgtest starts a throwaway server of its own for
# them and never uses a server that is already running.
APT_BUILD := gcc pkg-config libgl1-mesa-dev xorg-dev
APT_TEST  := xvfb xdotool imagemagick chromium postgresql curl
DNF_BUILD := gcc pkgconf-pkg-config libXcursor-devel libXrandr-devel mesa-libGL-devel libXi-devel libXinerama-devel libXxf86vm-devel
DNF_TEST  := xorg-x11-server-Xvfb xdotool ImageMagick chromium postgresql-server curl
PAC_BUILD := gcc pkgconf libxcursor libxrandr libxinerama libxi mesa libxxf86vm
PAC_TEST  := xorg-server-xvfb xdotool imagemagick chromium postgresql curl

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

.PHONY: run build test bench smoke memory html-check timelinejs-check fuzz prereqs prereqs-test check-go clean
.PHONY: package windows windows-test prereqs-windows prereqs-wine icons check-version

# Go itself: go.mod asks for Go 1.26; any Go from 1.21 on fetches it through
# the module proxy (GOTOOLCHAIN=auto).
check-go:
	@command -v $(GO) >/dev/null 2>&1 || { echo "Go is not installed: install Go 1.26 or later from https://go.dev/dl/ (or your package manager) and run make again." >&2; exit 1; }

prereqs: check-go
	@$(call install-packages,$(APT_BUILD),$(DNF_BUILD),$(PAC_BUILD))

prereqs-test: prereqs
	@$(call install-packages,$(APT_TEST),$(DNF_TEST),$(PAC_TEST))

build: prereqs
	$(GO) build $(VCSFLAG) -ldflags '$(DATEFLAG)' -o $(BIN) .

# Opens the app on the default chronology (written to the user's data
# folder on first run). Pass a file with: make run FILE=path.chrono
run: build
	$(BIN) $(FILE)

test: prereqs-test
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	# The app's tests take about 4 minutes with -race on 2 idle cores and
	# twice that on a busy machine: more than go test's default 10-minute
	# limit leaves room for.
	$(GO) test -race -count=1 -timeout 30m ./...
	$(GO) test -count=1 -run '^TestCrash' ./data
	$(MAKE) --no-print-directory fuzz FUZZSCALE=1
	$(MAKE) --no-print-directory smoke
	$(MAKE) --no-print-directory html-check
	$(MAKE) --no-print-directory timelinejs-check

# The offline HTML export opened in headless Chromium: its script builds
# the timeline (one element per event) and the page is not blank.
html-check: build prereqs-test
	bash .ci/html-check $(BIN)

# The TimelineJS export opened in Knight Lab's TimelineJS library itself
# (fetched once from the npm registry, checksum pinned), in headless
# Chromium: a slide and a marker a event, no error.
timelinejs-check: build prereqs-test
	bash .ci/timelinejs-check $(BIN)

# The window's resident memory with a generated million-event file, driven
# under Xvfb (a few minutes; see .ci/memory).
memory: build prereqs-test
	bash .ci/memory $(BIN)

# A real window under Xvfb: start, screenshot, untick an actor, close.
smoke: prereqs-test
	bash .ci/smoke

# Every fuzz target in turn (go test -fuzz takes one target of one package
# at a time). Budgets are counts of inputs, not durations: Go 1.26's fuzz
# coordinator can fail a -fuzztime=5s run with a bare "context deadline
# exceeded" when a worker is still busy at the deadline (golang/go#75804,
# fixed in Go 1.27), which is a race, not a finding. Each count is about
# 5 s of fuzzing here; make test runs FUZZSCALE=1, make fuzz 12 times that.
FUZZSCALE ?= 12
# A new interesting input is minimized before fuzzing goes on (for up to
# 60 s by default, with no progress shown): bound that by a count too.
FUZZMIN := -fuzzminimizetime 2000x
fuzz: check-go
	$(GO) test -run '^$$' -fuzz '^FuzzParseDate$$' -fuzztime $$((100000 * $(FUZZSCALE)))x $(FUZZMIN) ./data
	$(GO) test -run '^$$' -fuzz '^FuzzReadJSON$$' -fuzztime $$((15000 * $(FUZZSCALE)))x $(FUZZMIN) ./data
	$(GO) test -run '^$$' -fuzz '^FuzzDisarmLinks$$' -fuzztime $$((40000 * $(FUZZSCALE)))x $(FUZZMIN) ./data/markup
	$(GO) test -run '^$$' -fuzz '^FuzzHTML$$' -fuzztime $$((20000 * $(FUZZSCALE)))x $(FUZZMIN) ./data/markup
	$(GO) test -run '^$$' -fuzz '^FuzzEscape$$' -fuzztime $$((20000 * $(FUZZSCALE)))x $(FUZZMIN) ./data/markup
	$(GO) test -run '^$$' -fuzz '^FuzzRichDescription$$' -fuzztime $$((10000 * $(FUZZSCALE)))x $(FUZZMIN) ./app
	$(GO) test -run '^$$' -fuzz '^FuzzSlideTextLinks$$' -fuzztime $$((20000 * $(FUZZSCALE)))x $(FUZZMIN) ./data/timelinejs
	$(GO) test -run '^$$' -fuzz '^FuzzImportTimelineJSON$$' -fuzztime $$((10000 * $(FUZZSCALE)))x $(FUZZMIN) ./data/timelinejs
	$(GO) test -run '^$$' -fuzz '^FuzzImportTimelineCSV$$' -fuzztime $$((6000 * $(FUZZSCALE)))x $(FUZZMIN) ./data/timelinejs
	$(GO) test -run '^$$' -fuzz '^FuzzImportTimelineProj$$' -fuzztime $$((8000 * $(FUZZSCALE)))x $(FUZZMIN) ./data/timelineproj

bench: prereqs-test
	$(GO) test -run '^$$' -bench . -benchtime $(BENCHTIME) -count $(BENCHCOUNT) ./data ./timeline ./app
	$(GO) test -run '^$$' -bench . -benchtime 1x -count $(BENCHCOUNT) ./data/timelinejs ./data/pgsync

clean:
	rm -f $(BIN)
	rm -rf $(DIST)
	rm -f $(WIN_SYSO)

# ---------------------------------------------------------------------------
# Packaging; see README, "Install and package". Everything goes to dist/.
#   make package        Linux: dist/chronoscope-VERSION-linux-ARCH.tar.xz, made by
#                       `fyne package -os linux` and completed with the .chrono file type
#   make windows        Windows amd64, cross-compiled with mingw-w64:
#                       dist/windows-amd64/chronoscope.exe (the app) and chronoscope-cli.exe
#                       (the same program as a console program, for the command line)
#   make windows-test   the data/ tests of the Windows build, run under Wine
#   make icons          re-render assets/icons/ and assets/windows/chronoscope.ico from the SVGs

DIST := dist
# Fyne's packager, pinned. `go run pkg@version` builds it outside this module:
# as a `tool` line in go.mod it would raise fyne.io/fyne/v2 to the version
# fyne.io/tools needs.
FYNE ?= $(GO) run fyne.io/tools/cmd/fyne@v1.7.4

# Name, id, version and build number come from FyneApp.toml.
toml = $(shell sed -n 's/^[[:space:]]*$(1)[[:space:]]*=[[:space:]]*"\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$$/\1/p' FyneApp.toml | head -n 1)
APP_NAME = $(call toml,Name)
APP_ID = $(call toml,ID)
APP_VERSION = $(call toml,Version)
APP_BUILD = $(call toml,Build)
# 0.1.0 and build 1 → 0.1.0.1 (Windows wants four numbers)
APP_VERSION4 = $(shell echo '$(APP_VERSION)' | awk -F. '{ printf "%d.%d.%d", $$1, $$2, $$3 }').$(APP_BUILD)

# The version in FyneApp.toml (packages) and in app/version.go (--version) must agree.
check-version:
	@v='$(APP_VERSION)'; \
	if [ -z "$$v" ] || [ -z '$(APP_BUILD)' ]; then echo "FyneApp.toml has no Version or Build under [Details]." >&2; exit 1; fi; \
	grep -q "^const Version = \"$$v\"" app/version.go || { \
		echo "FyneApp.toml says version $$v but app/version.go says $$(sed -n 's/^const Version = //p' app/version.go): make them the same." >&2; exit 1; }

# --- Linux -------------------------------------------------------------------
# fyne package builds the binary (release mode, with FyneApp.toml's metadata)
# and makes NAME.tar.xz: chronoscope/{Makefile,usr/local/{bin,share/applications,
# share/pixmaps}}. Fyne 1.7.4's .desktop file has no MimeType and runs the app
# without %f, and its Makefile installs only those three files, so the tarball
# is then unpacked and completed: Exec=chronoscope %f and
# MimeType=application/x-chronoscope in the .desktop file, the shared-mime-info
# package for *.chrono, the icon at each hicolor size, and install rules for
# them (assets/linux/install.mk, appended to fyne's Makefile, whose install,
# uninstall, user-install and user-uninstall become fyne-*). Each step checks
# it did what it should, so a newer fyne that lays things out differently
# stops the build rather than making a package without the file type.
PKG_DIR := $(DIST)/linux
PKG_TARBALL = $(DIST)/chronoscope-$(APP_VERSION)-linux-$(shell $(GO) env GOARCH).tar.xz
HICOLOR_SIZES := 16 24 32 48 64 128 256 512
MIME_TYPE := application/x-chronoscope

package: prereqs check-version
	@[ "$$(uname -s)" = Linux ] || { echo "make package makes the Linux package, on Linux. For macOS see the README." >&2; exit 1; }
	rm -rf $(PKG_DIR) $(PKG_TARBALL)
	mkdir -p $(PKG_DIR)
	@# fyne package rewrites FyneApp.toml with Build+1 when it is done; the
	@# trap puts the file back, so the build number stays the file's. While
	@# it builds, fyne adds fyne_metadata_init.go to this folder: the git
	@# excludes file keeps Go's VCS stamp from calling the tree modified
	@# (--version would say +changes) because of it.
	cp FyneApp.toml $(PKG_DIR)/FyneApp.toml.orig
	printf '/fyne_metadata_init.go\n' > $(PKG_DIR)/git-exclude
	trap 'cmp -s $(PKG_DIR)/FyneApp.toml.orig FyneApp.toml || cp $(PKG_DIR)/FyneApp.toml.orig FyneApp.toml' EXIT; \
	GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.excludesFile GIT_CONFIG_VALUE_0="$(CURDIR)/$(PKG_DIR)/git-exclude" \
	GOFLAGS="$$($(GO) env GOFLAGS) $(VCSFLAG) -ldflags=$(DATEFLAG)" \
	$(FYNE) package -os linux --release --tags $(TAGS) --exe "$(CURDIR)/$(PKG_DIR)/chronoscope"
	mv "$(APP_NAME).tar.xz" $(PKG_DIR)/fyne.tar.xz
	root=$(PKG_DIR)/root; top=$$root/chronoscope; \
	mkdir -p $$root && tar -C $$root -xJf $(PKG_DIR)/fyne.tar.xz; \
	fail() { echo "make package: $$*; fyne's tarball is in $(PKG_DIR)/fyne.tar.xz" >&2; exit 1; }; \
	[ -f $$top/Makefile ] || fail "no chronoscope/Makefile in fyne's tarball"; \
	if [ -x $$top/usr/local/bin/chronoscope ]; then stage=usr/local; \
	elif [ -x $$top/usr/bin/chronoscope ]; then stage=usr; \
	else fail "no usr/local/bin/chronoscope in fyne's tarball"; fi; \
	desktop=$$top/$$stage/share/applications/$(APP_ID).desktop; \
	[ -f $$desktop ] || fail "no $(APP_ID).desktop in fyne's tarball"; \
	sed -i -e '/^MimeType=/d' -e 's|^Exec=chronoscope\b.*|Exec=chronoscope %f\nMimeType=$(MIME_TYPE);|' $$desktop; \
	grep -qx 'Exec=chronoscope %f' $$desktop && grep -qx 'MimeType=$(MIME_TYPE);' $$desktop || fail "could not set Exec and MimeType in $$desktop"; \
	if command -v desktop-file-validate >/dev/null 2>&1; then desktop-file-validate $$desktop || fail "the .desktop file is not valid"; fi; \
	install -Dm644 assets/linux/org.chronoscope.Chronoscope.xml $$top/$$stage/share/mime/packages/org.chronoscope.Chronoscope.xml; \
	for s in $(HICOLOR_SIZES); do install -Dm644 assets/icons/icon-$$s.png $$top/$$stage/share/icons/hicolor/$${s}x$$s/apps/$(APP_ID).png; done; \
	install -Dm644 assets/icon.svg $$top/$$stage/share/icons/hicolor/scalable/apps/$(APP_ID).svg; \
	n=$$(grep -cE '^(install|uninstall|user-install|user-uninstall):' $$top/Makefile || true); \
	[ "$$n" = 4 ] || fail "fyne's Makefile does not have the 4 install rules expected (found $$n)"; \
	sed -i -E 's/^(install|uninstall|user-install|user-uninstall):/fyne-\1:/' $$top/Makefile; \
	sed "s|@STAGE@|$$stage|" assets/linux/install.mk >> $$top/Makefile; \
	tar --sort=name --owner=0 --group=0 --numeric-owner -C $$root -cJf $(PKG_TARBALL) chronoscope
	@# Check the result: install it into a scratch folder and run it.
	d=$$(mktemp -d); trap 'rm -rf "$$d"' EXIT; \
	tar -C $$d -xJf $(PKG_TARBALL); \
	MAKEFLAGS= MAKELEVEL= make --no-print-directory -s -C $$d/chronoscope install DESTDIR=$$d/root PREFIX=/usr/local >/dev/null; \
	for f in bin/chronoscope share/applications/$(APP_ID).desktop share/pixmaps/$(APP_ID).png \
		share/mime/packages/org.chronoscope.Chronoscope.xml share/icons/hicolor/16x16/apps/$(APP_ID).png \
		share/icons/hicolor/scalable/apps/$(APP_ID).svg; do \
		[ -f $$d/root/usr/local/$$f ] || { echo "make package: make install did not install $$f" >&2; exit 1; }; \
	done; \
	echo "$(PKG_TARBALL): $$($$d/root/usr/local/bin/chronoscope --version)"
	rm -rf $(PKG_DIR)
	tar -tvJf $(PKG_TARBALL)

# --- Windows -----------------------------------------------------------------
# Cross-compiled with mingw-w64 (cgo: SQLite and GLFW are C). The icon (all
# sizes), version information and manifest are compiled by windres from
# assets/windows/ into a .syso that go build links in; the _windows_amd64
# suffix keeps other builds from ever picking it up, and it is deleted after
# the build. The build matches fyne package's release build: tags release,
# migrated_fynedo (FyneApp.toml [Migrations]) and $(TAGS), stripped,
# -H=windowsgui for the app. chronoscope-cli.exe is the same program
# without -H=windowsgui: Windows gives a GUI program no console, so
# `chronoscope.exe --version` or `list` print nothing in cmd.exe;
# chronoscope-cli.exe prints.
MINGW_CC ?= x86_64-w64-mingw32-gcc
WINDRES ?= x86_64-w64-mingw32-windres
WIN_DIR := $(DIST)/windows-amd64
WIN_ENV = CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=$(MINGW_CC)
WIN_SYSO := chronoscope_windows_amd64.syso
WIN_TAGS := release,migrated_fynedo,$(TAGS)

prereqs-windows: check-go
	@$(call install-packages,gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64,mingw64-gcc mingw64-binutils,mingw-w64-gcc mingw-w64-binutils)
	@command -v $(MINGW_CC) >/dev/null 2>&1 && command -v $(WINDRES) >/dev/null 2>&1 || { \
		echo "Install the mingw-w64 cross compiler ($(MINGW_CC) and $(WINDRES); on macOS: brew install mingw-w64)." >&2; exit 1; }

windows: prereqs-windows check-version
	rm -rf $(WIN_DIR)/chronoscope.exe $(WIN_DIR)/chronoscope-cli.exe $(WIN_DIR)/res
	mkdir -p $(WIN_DIR)/res
	trap 'rm -f $(WIN_SYSO)' EXIT; \
	exe() { \
		for f in chronoscope.rc chronoscope.exe.manifest; do \
			sed -e "s|@NAME@|$$1|g" -e "s|@DESCRIPTION@|$$2|g" -e "s|@MANIFEST@|$$1.exe.manifest|g" \
				-e 's|@VERSION@|$(APP_VERSION)|g' -e 's|@VERSION4@|$(APP_VERSION4)|g' \
				-e 's|@VERSION_COMMAS@|$(subst .,$(comma),$(APP_VERSION4))|g' \
				assets/windows/$$f.in > $(WIN_DIR)/res/$${f/chronoscope/$$1}; \
		done; \
		$(WINDRES) -O coff -I $(WIN_DIR)/res -I assets/windows -i $(WIN_DIR)/res/$$1.rc -o $(WIN_SYSO); \
		$(WIN_ENV) $(GO) build $(VCSFLAG) -trimpath -tags $(WIN_TAGS) -ldflags "$$3" -o $(WIN_DIR)/$$1.exe .; \
	}; \
	exe chronoscope "Chronoscope" "-s -w -H=windowsgui $(DATEFLAG)"; \
	exe chronoscope-cli "Chronoscope (command line)" "-s -w $(DATEFLAG)"
	rm -rf $(WIN_DIR)/res
	@for f in $(WIN_DIR)/chronoscope.exe $(WIN_DIR)/chronoscope-cli.exe; do \
		file $$f; \
		x86_64-w64-mingw32-objdump -h $$f | grep -q ' \.rsrc ' || { echo "make windows: $$f has no resources" >&2; exit 1; }; \
	done

comma := ,

# --- Windows tests under Wine ------------------------------------------------
# Builds the data/ tests for Windows and runs them with Wine in its own
# prefix (WINE_PREFIX). Debian 12's Wine 8 lacks bcryptprimitives.dll, which
# Go's Windows runtime needs from the first instruction, so a stand-in
# (assets/windows/wine-bcryptprimitives.c) is put in that prefix when Wine has
# none. Wine 8 also makes every t.TempDir cleanup fail ("Invalid function"):
# assets/windows/wine-test.awk counts those apart and fails only on real
# failures. The full log is dist/windows-amd64/test/data.log.
WINE ?= wine
WINE_PREFIX ?= $(HOME)/.cache/chronoscope/wine

prereqs-wine: prereqs-windows
	@$(call install-packages,wine wine64,wine,wine)

windows-test: prereqs-wine
	mkdir -p $(WIN_DIR)/test
	$(WIN_ENV) $(GO) test -c -o $(WIN_DIR)/test/data.test.exe ./data
	export WINEPREFIX="$(WINE_PREFIX)" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="; \
	mkdir -p "$$WINEPREFIX"; \
	[ -d "$$WINEPREFIX/drive_c/windows/system32" ] || $(WINE) wineboot --init >/dev/null 2>&1 || true; \
	dll="$$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"; \
	if [ ! -f "$$dll" ]; then \
		echo "Wine has no bcryptprimitives.dll: adding the stand-in from assets/windows/wine-bcryptprimitives.c"; \
		$(MINGW_CC) -O2 -shared -s -o "$$dll" assets/windows/wine-bcryptprimitives.c; \
	fi; \
	cd data && { $(WINE) ../$(WIN_DIR)/test/data.test.exe -test.v -test.count=1 > ../$(WIN_DIR)/test/data.log 2>&1 || true; }; \
	cd .. && awk -f assets/windows/wine-test.awk $(WIN_DIR)/test/data.log || { \
		grep -vE 'TempDir RemoveAll cleanup|^=== |--- PASS' $(WIN_DIR)/test/data.log | tail -n 40 >&2; exit 1; }

# --- Icons -------------------------------------------------------------------
# assets/icon.svg is the icon; assets/icon-small.svg is its simplified form
# drawn on a 16-pixel grid for 16, 24 and 32 px. assets/icon.png (what the app
# and fyne use) is the same picture as assets/icons/icon-512.png.
icons:
	@$(call install-packages,librsvg2-bin imagemagick,librsvg2-tools ImageMagick,librsvg imagemagick)
	mkdir -p assets/icons
	for s in 16 24 32; do rsvg-convert -w $$s -h $$s assets/icon-small.svg -o assets/icons/icon-$$s.png; done
	for s in 48 64 128 256 512 1024; do rsvg-convert -w $$s -h $$s assets/icon.svg -o assets/icons/icon-$$s.png; done
	convert assets/icons/icon-{16,24,32,48,64,256}.png assets/windows/chronoscope.ico
