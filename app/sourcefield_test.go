package app

import (
	"testing"

	"fyne.io/fyne/v2"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// TestEventFormPastesASource cites sources from the New event form by
// pasting: a link already in the chronology finds its source, text pasted
// after it becomes the quote; a new link makes a source published by its
// host, titled in place; a link that may not be opened is refused beside
// the field, which gets the cursor.
func TestEventFormPastesASource(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	kb := &keyboard{t: t, w: ui.Window}
	c := ui.Window.Canvas()
	clip := fyne.CurrentApp().Clipboard()
	toLink := func() {
		for c.Focused() != ui.form.source.link {
			kb.key(fyne.KeyTab)
			if kb.strokes > 500 {
				t.Fatal("Tab never reached the source")
			}
		}
	}

	kb.shortcut(fyne.KeyE, 0)
	kb.typeText("Wikipedia sums it up")
	toLink()
	clip.SetContent("https://en.wikipedia.org/wiki/2014_Sony_Pictures_hack")
	kb.shortcut(fyne.KeyV, 0)
	f := ui.form
	if f.source.found == nil || f.source.found.ID == 0 || f.source.title.Text != "2014 Sony Pictures hack" || !f.source.title.Disabled() {
		t.Fatalf("pasting a known link: found %+v, title %q", f.source.found, f.source.title.Text)
	}
	clip.SetContent("  the largest hack of a company on American soil ")
	kb.shortcut(fyne.KeyV, 0)
	if f.source.quote.Text != "the largest hack of a company on American soil" || f.source.link.Text != "https://en.wikipedia.org/wiki/2014_Sony_Pictures_hack" {
		t.Fatalf("pasting a quote after the link: quote %q, link %q", f.source.quote.Text, f.source.link.Text)
	}
	kb.key(fyne.KeyReturn)
	e := datatest.EventTitled(t, ui.store, "Wikipedia sums it up")
	cits, _ := ui.store.Citations(e.ID)
	if len(cits) != 1 || cits[0].SourceID != f.source.found.ID || cits[0].Quote != "the largest hack of a company on American soil" {
		t.Fatalf("citations %+v", cits)
	}

	kb.shortcut(fyne.KeyE, 0)
	f = ui.form
	kb.typeText("A new article")
	toLink()
	clip.SetContent("javascript:alert(1)")
	kb.shortcut(fyne.KeyV, 0)
	kb.key(fyne.KeyReturn)
	if !f.errs["source_url"].Visible() || c.Focused() != f.source.link {
		t.Fatalf("a hostile link: error shown %v, focus on %T", f.errs["source_url"].Visible(), c.Focused())
	}
	kb.shortcut(fyne.KeyA, 0)
	clip.SetContent("https://www.reuters.com/article/sony-hack")
	kb.shortcut(fyne.KeyV, 0)
	if f.source.found == nil || f.source.found.ID != 0 || f.source.title.Text != "reuters.com" {
		t.Fatalf("pasting a new link: found %+v, title %q, link %q", f.source.found, f.source.title.Text, f.source.link.Text)
	}
	if c.Focused() != f.source.title {
		t.Fatalf("after pasting a new link the focus is on %T, not its title", c.Focused())
	}
	kb.typeText("Sony hack: what we know")
	kb.key(fyne.KeyReturn)
	e = datatest.EventTitled(t, ui.store, "A new article")
	cits, _ = ui.store.Citations(e.ID)
	if len(cits) != 1 {
		t.Fatalf("%d citations", len(cits))
	}
	src, _ := ui.store.Source(cits[0].SourceID)
	want := data.Source{ID: src.ID, Title: "Sony hack: what we know", Publisher: "reuters.com", URL: "https://www.reuters.com/article/sony-hack"}
	if src != want {
		t.Errorf("new source %+v, want %+v", src, want)
	}
}
