
# --- Added by Chronoscope's `make package` (from assets/linux/install.mk) ---
# Fyne's rules above (renamed fyne-*) install the program, its .desktop file
# and one icon. These rules also install the .chrono file type (a
# shared-mime-info package) and the icon at every size of the hicolor theme,
# then refresh the desktop's caches so that double-clicking a .chrono file
# opens Chronoscope (the .desktop file says MimeType=application/x-chronoscope
# and Exec=chronoscope %f).
#
#   sudo make install             to PREFIX (default /usr/local)
#   make install DESTDIR=/stage   staged, for packagers: the caches are not
#                                 refreshed, run update-mime-database and
#                                 update-desktop-database after installing
#   make user-install             to ~/.local (make sure ~/.local/bin is on PATH)
#   make uninstall, make user-uninstall

STAGE := @STAGE@
MimeXML := org.chronoscope.Chronoscope.xml
HicolorIcons := $(shell cd $(STAGE)/share/icons && find hicolor -type f | sort)

# refresh-caches DIR: updates the MIME, .desktop and icon caches under DIR
# (a share folder) with the tools that are installed, unless DESTDIR is set.
define refresh-caches
@if [ -n "$(DESTDIR)" ]; then \
	echo "Staged in $(DESTDIR): run update-mime-database and update-desktop-database once installed."; \
else \
	if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$(1)/mime"; \
	else echo "update-mime-database not found: install shared-mime-info, then run: update-mime-database $(1)/mime"; fi; \
	if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$(1)/applications" || true; fi; \
	if [ -f "$(1)/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then \
		gtk-update-icon-cache -q -t -f "$(1)/icons/hicolor" || true; fi; \
fi
endef

install: fyne-install
	install -Dm00644 $(STAGE)/share/mime/packages/$(MimeXML) $(DESTDIR)$(PREFIX)/share/mime/packages/$(MimeXML)
	for f in $(HicolorIcons); do install -Dm00644 $(STAGE)/share/icons/$$f $(DESTDIR)$(PREFIX)/share/icons/$$f; done
	$(call refresh-caches,$(DESTDIR)$(PREFIX)/share)

uninstall: fyne-uninstall
	-rm -f $(DESTDIR)$(PREFIX)/share/mime/packages/$(MimeXML)
	-for f in $(HicolorIcons); do rm -f $(DESTDIR)$(PREFIX)/share/icons/$$f; done
	$(call refresh-caches,$(DESTDIR)$(PREFIX)/share)

user-install: fyne-user-install
	install -Dm00644 $(STAGE)/share/mime/packages/$(MimeXML) $(DESTDIR)$(HOME)/.local/share/mime/packages/$(MimeXML)
	for f in $(HicolorIcons); do install -Dm00644 $(STAGE)/share/icons/$$f $(DESTDIR)$(HOME)/.local/share/icons/$$f; done
	$(call refresh-caches,$(DESTDIR)$(HOME)/.local/share)

user-uninstall: fyne-user-uninstall
	-rm -f $(DESTDIR)$(HOME)/.local/share/mime/packages/$(MimeXML)
	-for f in $(HicolorIcons); do rm -f $(DESTDIR)$(HOME)/.local/share/icons/$$f; done
	$(call refresh-caches,$(DESTDIR)$(HOME)/.local/share)

.PHONY: default install uninstall user-install user-uninstall fyne-install fyne-uninstall fyne-user-install fyne-user-uninstall
