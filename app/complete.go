package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// maxChoices is how many completions show under an entry.
const maxChoices = 6

// completion offers, under an entry, the choices that match what is
// typed: Up and Down move through them, Enter takes the one marked,
// Escape puts them away. The list is part of the form, not a pop-up, so
// the entry keeps the keyboard.
type completion struct {
	entry   *keyEntry
	list    *fyne.Container
	choices func(text string) []string
	pick    func(choice string)
	shown   []string
	at      int // the marked choice
}

// newCompletion completes entry from choices (called with the text as
// typed); pick receives the choice taken.
func newCompletion(entry *keyEntry, choices func(string) []string, pick func(string)) *completion {
	c := &completion{entry: entry, list: container.NewVBox(), choices: choices, pick: pick}
	c.list.Hide()
	changed := entry.OnChanged
	entry.OnChanged = func(s string) {
		if changed != nil {
			changed(s)
		}
		c.update()
	}
	own := entry.OnKey
	entry.OnKey = func(ev *fyne.KeyEvent) bool { return c.key(ev) || (own != nil && own(ev)) }
	return c
}

// object is the entry with its list of choices under it.
func (c *completion) object() fyne.CanvasObject { return container.NewVBox(c.entry, c.list) }

// update lists the choices for the text now in the entry.
func (c *completion) update() {
	c.shown = c.choices(c.entry.Text)
	if len(c.shown) > maxChoices {
		c.shown = c.shown[:maxChoices]
	}
	c.at = 0
	c.draw()
}

func (c *completion) draw() {
	if len(c.shown) == 0 {
		c.list.Hide()
		return
	}
	for len(c.list.Objects) < len(c.shown) {
		c.list.Add(widget.NewLabel(""))
	}
	for i, o := range c.list.Objects {
		l := o.(*widget.Label)
		if i >= len(c.shown) {
			l.Hide()
			continue
		}
		l.Text = c.shown[i]
		l.TextStyle.Bold = i == c.at
		l.Importance = widget.MediumImportance
		if i == c.at {
			l.Text = "› " + l.Text
			l.Importance = widget.HighImportance
		}
		l.Show()
		l.Refresh()
	}
	c.list.Show()
}

// key answers Up, Down, Enter and Escape while choices are shown.
func (c *completion) key(ev *fyne.KeyEvent) bool {
	if !c.list.Visible() || len(c.shown) == 0 {
		return false
	}
	switch ev.Name {
	case fyne.KeyDown:
		c.at = (c.at + 1) % len(c.shown)
		c.draw()
	case fyne.KeyUp:
		c.at = (c.at + len(c.shown) - 1) % len(c.shown)
		c.draw()
	case fyne.KeyReturn, fyne.KeyEnter:
		choice := c.shown[c.at]
		c.shown = nil
		c.list.Hide()
		c.pick(choice)
	case fyne.KeyEscape:
		c.shown = nil
		c.list.Hide()
	default:
		return false
	}
	return true
}

// matching returns the options that contain text (ignoring case), those
// that begin with it first, leaving out an exact match and those in skip.
func matching(options []string, text string, skip func(string) bool) []string {
	text = strings.ToLower(strings.TrimSpace(text))
	if text == "" {
		return nil
	}
	var starts, inside []string
	for _, o := range options {
		lo := strings.ToLower(o)
		switch {
		case lo == text || (skip != nil && skip(o)):
		case strings.HasPrefix(lo, text):
			starts = append(starts, o)
		case strings.Contains(lo, text):
			inside = append(inside, o)
		}
	}
	return append(starts, inside...)
}

// setTextAtEnd puts text in e with the cursor after it, to type on.
func setTextAtEnd(e *keyEntry, text string) {
	e.SetText(text)
	e.CursorRow, e.CursorColumn = 0, len([]rune(text))
	e.Refresh()
}
