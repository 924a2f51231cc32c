package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
)

// sourceField cites a source from the event form by its link: pasting (or
// typing) a link finds the chronology's source with that link, or makes
// one with the link's host as publisher and a title to type in place (the
// cursor goes there after a paste); text pasted into the link field once
// it holds a link becomes the quote. No network is used.
type sourceField struct {
	link, title, quote *keyEntry
	status             *widget.Label
	sources            []data.Source // the chronology's
	found              *data.Source  // the source the link names; ID 0 when new
}

func newSourceField() *sourceField {
	s := &sourceField{link: newKeyEntry(false), title: newKeyEntry(false), quote: newKeyEntry(true), status: widget.NewLabel("")}
	s.link.SetPlaceHolder("paste a link to cite its source")
	s.title.SetPlaceHolder("the article's title")
	s.title.SelectOnFocus = true
	s.title.Disable()
	s.quote.SetPlaceHolder("the words that back the event (paste them into the link field or here)")
	s.quote.SetMinRowsVisible(2)
	s.status.Wrapping = fyne.TextWrapWord
	s.status.Importance = widget.LowImportance
	s.status.Hide()
	s.link.OnChanged = func(string) { s.resolve() }
	s.link.OnShortcut = func(sc fyne.Shortcut) bool {
		paste, ok := sc.(*fyne.ShortcutPaste)
		if !ok || paste.Clipboard == nil {
			return false
		}
		text := strings.TrimSpace(paste.Clipboard.Content())
		switch {
		case isLink(text):
			// A pasted link replaces the one there; a new source's title
			// is next to type.
			setTextAtEnd(s.link, text)
			if s.found != nil && s.found.ID == 0 {
				if c := fyne.CurrentApp().Driver().CanvasForObject(s.link); c != nil {
					c.Focus(s.title)
				}
			}
			return true
		case text != "" && s.found != nil:
			setTextAtEnd(s.quote, text)
			return true
		}
		return false
	}
	return s
}

// isLink reports whether text is a web link a source may have.
func isLink(text string) bool {
	return (strings.HasPrefix(text, "https://") || strings.HasPrefix(text, "http://")) && data.CheckURL(text) == nil
}

// resolve finds the source the link names, or prepares a new one.
func (s *sourceField) resolve() {
	link := strings.TrimSpace(s.link.Text)
	if !isLink(link) {
		s.found = nil
		s.title.SetText("")
		s.title.Disable()
		s.status.Hide()
		return
	}
	if s.found != nil && s.found.URL == link {
		return
	}
	for _, src := range s.sources {
		if src.URL == link {
			found := src
			s.found = &found
			s.title.SetText(src.Title)
			s.title.Disable()
			s.status.SetText("Cites " + src.Publisher + "’s “" + src.Title + "”, already in the chronology")
			s.status.Show()
			return
		}
	}
	host := linkHost(link)
	s.found = &data.Source{URL: link, Publisher: host}
	s.title.Enable()
	s.title.SetText(host)
	s.status.SetText("A new source published by " + host + ": give it its title")
	s.status.Show()
}

// citation is the citation the field describes (nil when no link is
// given); a *data.FieldError names source_url or source_title.
func (s *sourceField) citation() (*newCitation, error) {
	link := strings.TrimSpace(s.link.Text)
	if link == "" {
		return nil, nil
	}
	if err := data.CheckURL(link); err != nil {
		return nil, &data.FieldError{Field: "source_url", Msg: err.Error()}
	}
	if s.found == nil {
		return nil, &data.FieldError{Field: "source_url", Msg: "a source's link starts with https:// or http://"}
	}
	src := *s.found
	if src.ID == 0 {
		if src.Title = strings.TrimSpace(s.title.Text); src.Title == "" {
			return nil, &data.FieldError{Field: "source_title", Msg: "must not be empty"}
		}
		if err := src.Validate(); err != nil {
			return nil, err
		}
	}
	return &newCitation{src: &src, c: &data.Citation{Quote: strings.TrimSpace(s.quote.Text)}}, nil
}
