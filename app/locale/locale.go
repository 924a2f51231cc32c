// Package locale settles the user's language before Fyne reads it. Fyne
// logs an error at start-up when the locale is "C" or "POSIX" (common in
// containers and minimal installs); this package, initialised before
// Fyne's (its import path sorts first and it imports nothing of Fyne's),
// says "en" instead in that case and leaves any real locale alone.
package locale

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		if base, _, _ := strings.Cut(v, "."); base != "C" && base != "POSIX" {
			return // a real locale: Fyne reads it as it is
		}
		break
	}
	os.Setenv("LANGUAGE", "en")
}
