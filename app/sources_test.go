package app

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

const (
	sourceTitlePlaceholder = "the article's or document's title"
	article                = "China not Eager to Help US Punish North Korea" // cited 11 times by events, 9 times by story links; no address
	articleListed          = "China not Eager to Help"                       // as the Sources window shows it, cut short
)

func sourceID(t *testing.T, s *data.Store, title string) int64 {
	t.Helper()
	sources, _ := s.Sources()
	for _, src := range sources {
		if src.Title == title {
			return src.ID
		}
	}
	t.Fatalf("no source %q", title)
	return 0
}

func TestCreateSourceInTheForm(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	original := snapshot(t, ui.store)
	w := ui.showSources()
	for _, want := range []string{"Title", "Publisher", "Published", "Citations", articleListed, "PrivacySavvy", "2014-12", "20", "11 sources"} {
		if !contains(drawn(top(t, ui)), want) {
			t.Errorf("the Sources window does not show %q", want)
		}
	}
	tapButton(t, ui, "Add…")
	title, link := entry(t, ui, sourceTitlePlaceholder), entry(t, ui, "https://…")
	published := entry(t, ui, "2014-12-23, Dec 2014…")
	test.Type(title, "China probes the Sony hack")
	test.Type(entry(t, ui, "newspaper, agency, site"), "The Washington Post")
	test.Type(link, "javascript:alert(1)")
	tapButton(t, ui, "Save")
	wantFieldError(t, ui, link, "only http, https and mailto links are opened")
	retype(link, "https://www.washingtonpost.com/world/china-probe")
	test.Type(published, "2014-13-01")
	tapButton(t, ui, "Save")
	wantFieldError(t, ui, published, "month 13")
	if l := fieldError(t, ui, link); l.Visible() {
		t.Errorf("the link still shows %q", l.Text)
	}
	if snapshot(t, ui.store) != original {
		t.Fatal("a refused source changed the file")
	}

	retype(published, "Dec 2014")
	tapButton(t, ui, "Save")
	id := sourceID(t, ui.store, "China probes the Sony hack")
	src, _ := ui.store.Source(id)
	if want := (data.Source{ID: id, Title: "China probes the Sony hack", Publisher: "The Washington Post",
		URL: "https://www.washingtonpost.com/world/china-probe", Published: data.MonthDate(2014, 12)}); src != want {
		t.Errorf("stored source = %+v\nwant %+v", src, want)
	}
	if !contains(drawn(top(t, ui)), "China probes the Sony hack") || !contains(drawn(top(t, ui)), "12 sources") || w.selected != id {
		t.Error("the Sources window does not list and select the new source")
	}
	ui.Undo()
	if snapshot(t, ui.store) != original {
		t.Error("undo did not remove the new source")
	}
	if contains(drawn(top(t, ui)), "China probes") {
		t.Error("the undone source is still listed")
	}
	ui.Redo()
	if got, err := ui.store.Source(id); err != nil || got != src {
		t.Errorf("redo gave %+v, %v; want %+v under the same id", got, err, src)
	}
}

func TestEditSourceFromTheDetailPanel(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	original := snapshot(t, ui.store)
	rows, _ := ui.store.Window(data.Filter{Text: "inquiry"}) // cites the article
	ui.timeline.tl.Select(rows[0].ID)
	ui.selectEvent(rows[0].ID)
	if !contains(drawn(ui.detail.Object()), article) {
		t.Fatal("the detail panel does not show the cited source")
	}
	test.Tap(find(t, ui.detail.Object(), func(b *widget.Button) bool { return b.Text == "Edit source" }))
	title, link := entry(t, ui, sourceTitlePlaceholder), entry(t, ui, "https://…")
	if title.Text != article || link.Text != "" {
		t.Fatalf("the form shows %q, %q", title.Text, link.Text)
	}
	retype(title, "China not eager to help the US punish North Korea")
	retype(link, "javascript:alert(1)")
	tapButton(t, ui, "Save")
	wantFieldError(t, ui, link, "only http, https and mailto links are opened")
	if snapshot(t, ui.store) != original {
		t.Fatal("a refused edit changed the file")
	}
	retype(link, "https://example.org/china/")
	retype(entry(t, ui, "https://web.archive.org/…"), "file:///etc/passwd")
	tapButton(t, ui, "Save")
	wantFieldError(t, ui, entry(t, ui, "https://web.archive.org/…"), "only http, https and mailto")
	retype(entry(t, ui, "https://web.archive.org/…"), "")
	tapButton(t, ui, "Save")

	id := sourceID(t, ui.store, "China not eager to help the US punish North Korea")
	if src, _ := ui.store.Source(id); src.URL != "https://example.org/china/" || src.Publisher != "PrivacySavvy" {
		t.Errorf("stored source = %+v", src)
	}
	detail := drawn(ui.detail.Object())
	if !contains(detail, "China not eager to help the US punish North Korea") || contains(detail, article) {
		t.Errorf("the detail panel shows %q", detail)
	}
	ui.Undo()
	if snapshot(t, ui.store) != original {
		t.Error("undo did not restore the source")
	}
	if !contains(drawn(ui.detail.Object()), article) {
		t.Error("after undo the detail panel does not show the old title")
	}
}

func TestDeleteSourceUndoRestoresItsCitations(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	before := readStoreState(t, ui.store)
	id := sourceID(t, ui.store, article)
	rows, _ := ui.store.Window(data.Filter{Text: "inquiry"})
	ui.timeline.tl.Select(rows[0].ID)
	ui.selectEvent(rows[0].ID)

	w := ui.showSources()
	w.list.Select(rowIndex(t, w, id))
	tapButton(t, ui, "Delete…")
	if !contains(drawn(top(t, ui)), "Its 20 citations go with it") {
		t.Errorf("the question does not say how many citations go: %q", drawn(top(t, ui)))
	}
	tapButton(t, ui, "Delete")
	if _, err := ui.store.Source(id); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("the source is still stored: %v", err)
	}
	deleted := readStoreState(t, ui.store)
	n := 0
	for _, cits := range deleted.Citations {
		for _, c := range cits {
			if c.SourceID == id {
				t.Errorf("citation %d of the deleted source is left", c.ID)
			}
		}
		n += len(cits)
	}
	if total := func() (n int) {
		for _, cits := range before.Citations {
			n += len(cits)
		}
		return n
	}(); n != total-11 {
		t.Errorf("%d citations after the delete, want %d", n, total-11)
	}
	if contains(drawn(ui.detail.Object()), article) {
		t.Error("the detail panel still shows the deleted source")
	}
	if contains(drawn(top(t, ui)), articleListed) || !contains(drawn(top(t, ui)), "10 sources") {
		t.Error("the Sources window still lists the deleted source")
	}

	ui.Undo()
	sameState(t, "after undo", readStoreState(t, ui.store), before)
	if n, _ := ui.store.Count(data.Filter{Text: "inquiry"}); n != 1 {
		t.Error("after undo the restored quotes are not searchable")
	}
	if !contains(drawn(ui.detail.Object()), article) || !contains(drawn(top(t, ui)), articleListed) {
		t.Error("after undo the source is not shown again")
	}
	ui.Redo()
	sameState(t, "after redo", readStoreState(t, ui.store), deleted)
}

func TestSourceFormsNeedAWritableFile(t *testing.T) {
	ui, _ := newTestUI(t, readOnlyFile(t))
	ui.Window.Canvas().Overlays().Remove(top(t, ui))
	ui.EditSource(sourceID(t, ui.store, article))
	if has(top(t, ui), func(e *keyEntry) bool { return e.PlaceHolder == sourceTitlePlaceholder }) || !contains(drawn(top(t, ui)), "read-only") {
		t.Error("the source form opened on a read-only file")
	}
}
