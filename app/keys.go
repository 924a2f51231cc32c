package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

var (
	_ fyne.Shortcutable = (*keyEntry)(nil)
)

// keyEntry is an entry whose keys and shortcuts its form sees first: Fyne
// hands every key to the focused widget, so a form's Escape and Ctrl+Enter
// have to be answered by its fields.
type keyEntry struct {
	widget.Entry
	// OnKey, if set, sees each key first and returns true when it used it.
	OnKey func(*fyne.KeyEvent) bool
	// OnShortcut, if set, sees each shortcut first (Ctrl+Enter, paste) and
	// returns true when it used it.
	OnShortcut func(fyne.Shortcut) bool
}

func newKeyEntry(multiLine bool) *keyEntry {
	e := &keyEntry{}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey gives the key to OnKey, then to the entry.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.OnKey != nil && e.OnKey(ev) {
		return
	}
	e.Entry.TypedKey(ev)
}

// TypedShortcut gives the shortcut to OnShortcut, then to the entry.
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if e.OnShortcut != nil && e.OnShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}
