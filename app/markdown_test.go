package app

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// leafSegments returns the segments of rt that are drawn, those in lists
// and paragraphs included.
func leafSegments(segs []widget.RichTextSegment) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	for _, s := range segs {
		switch s := s.(type) {
		case *widget.ListSegment:
			out = append(out, leafSegments(s.Items)...)
		case *widget.ParagraphSegment:
			out = append(out, leafSegments(s.Texts)...)
		default:
			out = append(out, s)
		}
	}
	return out
}

// checkShownLinks checks the description shown under obj: no link to an
// address data.CheckURL refuses, each such address shown as text after
// its label, no image loaded, and a click on every link that is drawn
// reaches the app's opener with a safe address only.
func checkShownLinks(t *testing.T, obj fyne.CanvasObject, opened *openedURLs) {
	t.Helper()
	text := func(rt *widget.RichText) string {
		var b strings.Builder
		for _, s := range leafSegments(rt.Segments) {
			b.WriteString(s.Textual())
		}
		return b.String()
	}
	rt := find(t, obj, func(rt *widget.RichText) bool { return strings.Contains(text(rt), "inline 0") })
	shown := text(rt)
	for _, s := range leafSegments(rt.Segments) {
		switch s := s.(type) {
		case *widget.HyperlinkSegment:
			if s.URL == nil || data.CheckURL(s.URL.String()) != nil {
				t.Errorf("link %q to %.60v, which may not be opened", s.Text, s.URL)
			}
			if s.OnTapped == nil {
				t.Errorf("link %q opens through Fyne, not the app's checked opener", s.Text)
			}
		case *widget.ImageSegment:
			t.Errorf("an image is loaded from %v", s.Source)
		}
	}
	for i, u := range datatest.HostileURLs {
		if len(u) > maxWord {
			u = u[:maxWord] + "…" // shown cut short
		}
		t.Run(u[:min(len(u), 30)], func(t *testing.T) {
			if want := fmt.Sprintf("inline %d (%s)", i, u); !strings.Contains(shown, want) {
				t.Errorf("%.80q is not shown", want)
			}
			if want := fmt.Sprintf("reference %d (%s)", i, u); !strings.Contains(shown, want) {
				t.Errorf("%.80q is not shown", want)
			}
		})
	}
	*opened = nil
	var links []*widget.Hyperlink
	walk(rt, func(o fyne.CanvasObject) {
		if h, ok := o.(*widget.Hyperlink); ok {
			links = append(links, h)
		}
	})
	for _, h := range links {
		test.TapAt(h, fyne.NewPos(h.Size().Width/2, h.Size().Height/2))
	}
	want := []string{datatest.SafeURLs[0], datatest.SafeURLs[1], "https://example.org/p.png"}
	if got := []string(*opened); !slices.Equal(got, want) {
		t.Errorf("clicks on the %d links drawn opened %.100q, want %q", len(links), got, want)
	}
}

// describe sets the description and notes of the event titled title.
func describe(t *testing.T, ui *UI, title, md string) int64 {
	t.Helper()
	rows, err := ui.store.Window(data.Filter{Text: title})
	if err != nil || len(rows) == 0 {
		t.Fatalf("no event %q: %v", title, err)
	}
	e, err := ui.store.Event(rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	e.Description, e.Notes = md, md
	if err := ui.store.Update(func(tx *data.Tx) error { return tx.UpdateEvent(e) }); err != nil {
		t.Fatalf("the store refused the description: %v", err)
	}
	return e.ID
}

func TestDetailPanelChecksDescriptionLinks(t *testing.T) {
	ui, opened := newTestUI(t, datatest.DefaultFile(t))
	id := describe(t, ui, "FBI blames", datatest.HostileMarkdown(datatest.HostileURLs))
	ui.selectEvent(id)
	checkShownLinks(t, ui.detail.Object(), opened)
}

func TestPresentationChecksDescriptionLinks(t *testing.T) {
	ui, p := startPresentation(t, fyne.NewSize(1280, 720), false)
	opened := &openedURLs{}
	ui.open = opened.open
	id := describe(t, ui, "FBI blames", datatest.HostileMarkdown(datatest.HostileURLs))
	for i, s := range p.steps {
		if s.ID == id {
			p.show(i)
		}
	}
	checkShownLinks(t, p.card, opened)

	// The presenter's notes are plain text: shown as written, no link.
	// (A label wraps a 64 KB word no faster than a description, so the
	// notes leave the longest address out.)
	var urls []string
	for _, u := range datatest.HostileURLs {
		if len(u) <= maxWord {
			urls = append(urls, u)
		}
	}
	notes := datatest.HostileMarkdown(urls)
	describe(t, ui, "FBI blames", notes)
	p.show(p.index)
	typeRunes(ui, "n")
	if p.notes == nil {
		t.Fatal("N did not open the presenter's notes")
	}
	content := p.notes.Content()
	if has(content, func(*widget.Hyperlink) bool { return true }) {
		t.Error("the presenter's notes hold a link")
	}
	find(t, content, func(l *widget.Label) bool { return l.Text == notes })
}
