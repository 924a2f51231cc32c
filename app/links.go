package app

import (
	"fmt"
	"net/url"

	"chronoscope/data"
)

// Opener hands a URL to the system (the browser or mail program). The app
// uses fyne.App.OpenURL; tests inject their own to see what would open.
type Opener func(*url.URL) error

// openLink opens raw with open only if data.CheckURL allows it (http or
// https with a host, or mailto:); anything else is refused with the reason
// and never reaches the system.
func openLink(open Opener, raw string) error {
	if err := data.CheckURL(raw); err != nil {
		return err
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("link %q: %w", raw, err)
	}
	return open(u)
}
