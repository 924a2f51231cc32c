package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

var (
	_ fyne.Shortcutable = (*keyEntry)(nil)
	_ fyne.Tabbable     = (*keyEntry)(nil)
	_ fyne.Focusable    = (*keySelect)(nil)
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
	// SelectOnFocus selects the text when the entry gains focus, so that
	// typing replaces it (a date to change, rather than to add to).
	SelectOnFocus bool
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

// AcceptsTab is false, so Tab and Shift+Tab walk a form's fields from a
// multi-line entry too, where Fyne would otherwise type a tab.
func (e *keyEntry) AcceptsTab() bool { return false }

// FocusGained selects the text if SelectOnFocus is set.
func (e *keyEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.SelectOnFocus {
		e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// keySelect is a choice whose keys its form sees first, as keyEntry's.
type keySelect struct {
	widget.Select
	OnKey func(*fyne.KeyEvent) bool
}

func newKeySelect(options []string, placeholder string) *keySelect {
	s := &keySelect{}
	s.Options, s.PlaceHolder = options, placeholder
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey gives the key to OnKey, then to the choice.
func (s *keySelect) TypedKey(ev *fyne.KeyEvent) {
	if s.OnKey != nil && s.OnKey(ev) {
		return
	}
	s.Select.TypedKey(ev)
}

// isSaveShortcut reports whether s is Ctrl+Enter (Cmd+Enter on a Mac),
// which saves a form from a field where Enter starts a new line.
func isSaveShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	return ok && (cs.KeyName == fyne.KeyReturn || cs.KeyName == fyne.KeyEnter) &&
		cs.Modifier == fyne.KeyModifierShortcutDefault
}

// formKeys gives a form its keys: Enter saves (Ctrl+Enter from a
// multi-line field), Escape cancels, asking first when something was
// typed.
type formKeys struct {
	save, cancel func()
	// ask shows "Discard what you typed?" and calls discard if the user
	// says yes.
	ask func(discard func())
	// values read each field; initial is what they held when attached.
	values  []func() string
	initial []string
}

// key answers Escape and, outside multi-line fields, Enter.
func (k *formKeys) key(multiLine bool) func(*fyne.KeyEvent) bool {
	return func(ev *fyne.KeyEvent) bool {
		switch ev.Name {
		case fyne.KeyEscape:
			k.escape()
			return true
		case fyne.KeyReturn, fyne.KeyEnter:
			if !multiLine {
				k.save()
				return true
			}
		}
		return false
	}
}

func (k *formKeys) shortcut(s fyne.Shortcut) bool {
	if isSaveShortcut(s) {
		k.save()
		return true
	}
	return false
}

// escape cancels the form, asking first if anything was typed.
func (k *formKeys) escape() {
	if k.changed() && k.ask != nil {
		k.ask(k.cancel)
		return
	}
	k.cancel()
}

// changed reports whether any field differs from when it was attached.
func (k *formKeys) changed() bool {
	for i, v := range k.values {
		if v() != k.initial[i] {
			return true
		}
	}
	return false
}

func (k *formKeys) watch(value func() string) {
	k.values = append(k.values, value)
	k.initial = append(k.initial, value())
}

// entry attaches the form's keys to e and watches its text.
func (k *formKeys) entry(e *keyEntry) {
	k.bind(e)
	k.watch(func() string { return e.Text })
}

// bind attaches the form's keys to e; keys e already answers (a
// completion's Up, Down and Enter) come first.
func (k *formKeys) bind(e *keyEntry) {
	own, ownShortcut := e.OnKey, e.OnShortcut
	formKey := k.key(e.MultiLine)
	e.OnKey = func(ev *fyne.KeyEvent) bool { return (own != nil && own(ev)) || formKey(ev) }
	e.OnShortcut = func(s fyne.Shortcut) bool { return (ownShortcut != nil && ownShortcut(s)) || k.shortcut(s) }
}

// choice attaches the form's keys to s.
func (k *formKeys) choice(s *keySelect) {
	s.OnKey = k.key(false)
	k.watch(func() string { return s.Selected })
}
