package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/canvas"

	"chronoscope/data/datatest"
)

// ferryTimeline writes a TimelineJS file with one slide the author gave a
// headline and one they did not.
func ferryTimeline(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "ferry.json")
	doc := `{"title": {"text": {"headline": "The ferry"}}, "events": [
		{"start_date": {"year": 1902, "month": 4}, "text": {"headline": "Ferry service begins"}},
		{"start_date": {"year": 1903, "month": 11}, "text": {"text": "<p>The ferry stops for the winter.</p>"}}]}`
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// drawnText returns the first visible canvas text under ui's window that
// reads text.
func drawnText(t *testing.T, ui *UI, text string) *canvas.Text {
	t.Helper()
	return find(t, ui.Window.Content(), func(c *canvas.Text) bool { return c.Text == text })
}

// A title made on import is shown as not the author's: in italics with a
// caption in the detail panel, in italics in the List tab; the author's
// own titles are upright and have no caption.
func TestDerivedTitleShownAsNotTheAuthors(t *testing.T) {
	t.Setenv("CHRONOSCOPE_DATA_DIR", t.TempDir())
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	ui.OpenFile(ferryTimeline(t))
	if ui.total != 2 {
		t.Fatalf("%d events shown, want 2", ui.total)
	}
	ui.tabs.SelectIndex(1)
	const derived, authored = "The ferry stops for the winter.", "Ferry service begins"
	rowOf := map[string]int{}
	for i := 0; i < ui.list.total; i++ {
		if r, ok := ui.list.row(i); ok {
			rowOf[r.Title] = i
		}
	}
	if _, ok := rowOf[derived]; !ok {
		t.Fatalf("list rows %v, want one titled %q", rowOf, derived)
	}
	if !drawnText(t, ui, derived).TextStyle.Italic {
		t.Error("the derived title is upright in the list")
	}
	if drawnText(t, ui, authored).TextStyle.Italic {
		t.Error("the author's title is in italics in the list")
	}

	ui.list.list.Select(rowOf[derived])
	texts := drawn(ui.detail.Object())
	if !contains(texts, derivedTitleCaption) {
		t.Errorf("the detail panel shows %q, without the caption %q", texts, derivedTitleCaption)
	}
	title := find(t, ui.detail.Object(), func(c *canvas.Text) bool { return c.Text == derived })
	if !title.TextStyle.Italic {
		t.Error("the derived title is upright in the detail panel")
	}

	ui.list.list.Select(rowOf[authored])
	if texts := drawn(ui.detail.Object()); contains(texts, derivedTitleCaption) {
		t.Errorf("the author's title has the caption: %q", texts)
	}
	title = find(t, ui.detail.Object(), func(c *canvas.Text) bool { return c.Text == authored })
	if title.TextStyle.Italic {
		t.Error("the author's title is in italics in the detail panel")
	}
}

// A derived title the user rewrites is theirs: upright, no caption.
func TestRewrittenDerivedTitleIsTheUsers(t *testing.T) {
	t.Setenv("CHRONOSCOPE_DATA_DIR", t.TempDir())
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	ui.OpenFile(ferryTimeline(t))
	ui.tabs.SelectIndex(1)
	for i := 0; i < ui.list.total; i++ {
		r, ok := ui.list.row(i)
		if !ok || r.Title != "The ferry stops for the winter." {
			continue
		}
		e, err := ui.store.Event(r.ID)
		if err != nil {
			t.Fatal(err)
		}
		e.Title = "Winter closure"
		if err := ui.store.UpdateEvent(e); err != nil {
			t.Fatal(err)
		}
	}
	ui.filterChanged()
	if drawnText(t, ui, "Winter closure").TextStyle.Italic {
		t.Error("a title the user wrote is in italics")
	}
}
