package timeline

import "fyne.io/fyne/v2"

// HoldKeys makes the widget see mods held down until the returned func is
// called.
func HoldKeys(mods fyne.KeyModifier) (release func()) {
	before := keyModifiers
	keyModifiers = func() fyne.KeyModifier { return mods }
	return func() { keyModifiers = before }
}
