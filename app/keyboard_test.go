package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// keyboard drives a window with keys only, as the desktop driver hands
// them out: menu shortcuts first, then the focused widget's; Tab and
// Shift+Tab move the focus; other keys go to the focused widget, or to
// the window when none has focus. It counts the keystrokes (a character
// is one, a shortcut is one).
type keyboard struct {
	t       *testing.T
	w       fyne.Window
	strokes int
}

// typeText types s into the focused widget.
func (k *keyboard) typeText(s string) {
	k.t.Helper()
	if k.w.Canvas().Focused() == nil {
		k.t.Fatalf("typing %q with nothing focused", s)
	}
	test.Type(k.w.Canvas().Focused(), s)
	k.strokes += len([]rune(s))
}

// key presses a key without modifiers (Tab, Enter, Escape, arrows…).
func (k *keyboard) key(name fyne.KeyName) {
	k.strokes++
	c := k.w.Canvas()
	if name == fyne.KeyTab {
		if tab, ok := c.Focused().(fyne.Tabbable); !ok || !tab.AcceptsTab() {
			c.FocusNext()
			return
		}
	}
	if f := c.Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: name})
	} else if on := c.OnTypedKey(); on != nil {
		on(&fyne.KeyEvent{Name: name})
	}
}

// shiftTab moves the focus back.
func (k *keyboard) shiftTab() {
	k.strokes++
	k.w.Canvas().FocusPrevious()
}

// shortcut presses Ctrl (Cmd on a Mac) with name and the extra modifiers.
func (k *keyboard) shortcut(name fyne.KeyName, extra fyne.KeyModifier) {
	k.strokes++
	var s fyne.Shortcut = &desktop.CustomShortcut{KeyName: name, Modifier: fyne.KeyModifierShortcutDefault | extra}
	if extra == 0 { // the shortcuts the driver names, as it does
		switch name {
		case fyne.KeyV:
			s = &fyne.ShortcutPaste{Clipboard: fyne.CurrentApp().Clipboard()}
		case fyne.KeyC:
			s = &fyne.ShortcutCopy{Clipboard: fyne.CurrentApp().Clipboard()}
		case fyne.KeyX:
			s = &fyne.ShortcutCut{Clipboard: fyne.CurrentApp().Clipboard()}
		case fyne.KeyA:
			s = &fyne.ShortcutSelectAll{}
		case fyne.KeyZ:
			s = &fyne.ShortcutUndo{}
		case fyne.KeyY:
			s = &fyne.ShortcutRedo{}
		}
	}
	if m := k.w.MainMenu(); m != nil {
		for _, menu := range m.Items {
			if runMenuShortcut(menu, s) {
				return
			}
		}
	}
	if f, ok := k.w.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	k.w.Canvas().(fyne.Shortcutable).TypedShortcut(s)
}

func runMenuShortcut(m *fyne.Menu, s fyne.Shortcut) bool {
	for _, it := range m.Items {
		if it.Shortcut != nil && it.Shortcut.ShortcutName() == s.ShortcutName() && it.Action != nil {
			it.Action()
			return true
		}
		if it.ChildMenu != nil && runMenuShortcut(it.ChildMenu, s) {
			return true
		}
	}
	return false
}
