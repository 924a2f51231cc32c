package app

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/timeline"
)

// openedURLs records what the UI hands to the system.
type openedURLs []string

func (o *openedURLs) open(u *url.URL) error {
	*o = append(*o, u.String())
	return nil
}

// newTestUI opens path in a UI on Fyne's test driver; background work runs
// synchronously so the test sees its results at once.
func newTestUI(t *testing.T, path string) (*UI, *openedURLs) {
	t.Helper()
	a := test.NewTempApp(t)
	opened := &openedURLs{}
	ui := NewUI(a, opened.open)
	ui.async = func(work func()) { work() }
	ui.after = func(_ time.Duration, f func()) { f() }
	ui.Window.Resize(fyne.NewSize(1280, 800))
	ui.OpenFile(path)
	t.Cleanup(func() {
		ui.Window.Close()
		ui.closeStore()
	})
	return ui, opened
}

// walk calls fn for obj and every visible object under it, as drawn.
func walk(obj fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if obj == nil || !obj.Visible() {
		return
	}
	fn(obj)
	switch v := obj.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			walk(c, fn)
		}
	}
}

// drawn returns the texts of every visible object under obj, as drawn.
func drawn(obj fyne.CanvasObject) []string {
	var out []string
	walk(obj, func(o fyne.CanvasObject) {
		if t, ok := o.(*canvas.Text); ok && t.Text != "" {
			out = append(out, t.Text)
		}
	})
	return out
}

// find returns the first visible T under obj for which match is true.
func find[T fyne.CanvasObject](t *testing.T, obj fyne.CanvasObject, match func(T) bool) T {
	t.Helper()
	var found T
	done := false
	walk(obj, func(o fyne.CanvasObject) {
		if v, ok := o.(T); ok && !done && match(v) {
			found, done = v, true
		}
	})
	if !done {
		t.Fatalf("no matching %T", found)
	}
	return found
}

// contains reports whether part is drawn; text wrapped over several lines
// counts as one run of words.
func contains(texts []string, part string) bool {
	return strings.Contains(strings.Join(texts, " "), part)
}

func TestUIShowsTheChronology(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	// The timeline tab: a lane per actor, the events drawn.
	tlTexts := drawn(ui.timeline.Object())
	for _, want := range []string{"United States", "Shen Yi", "December 2014", "Hackers breach Sony Pictures"} {
		if !contains(tlTexts, want) {
			t.Errorf("the timeline does not show %q", want)
		}
	}
	if got := len(ui.timeline.tl.Lanes()); got != 10 {
		t.Errorf("%d lanes, want 10", got)
	}
	ui.tabs.SelectIndex(1)
	if got, want := ui.Window.Title(), "Chronoscope — The Sony Pictures hack and its aftermath, 2014"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got, want := ui.filters.status.Text, "18 of 18 events"; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	texts := drawn(ui.Window.Content())
	for _, want := range []string{"Hackers breach Sony Pictures", "2014-11-24", "confirmed",
		"Guardians of Peace · Sony Pictures Entertainment", "Wikipedia", "North Korea", "13"} {
		if !contains(texts, want) {
			t.Errorf("the window does not show %q", want)
		}
	}
}

func TestUntickingAnActorFiltersTheList(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	var nk int64
	for _, a := range ui.actors {
		if a.Name == "North Korea" {
			nk = a.ID
		}
	}
	ui.tabs.SelectIndex(1) // the List tab
	ui.list.list.ScrollToBottom()
	if !contains(drawn(ui.list.Object()), "Another outage of about two hours") {
		t.Fatal("the last event is not shown before filtering")
	}
	test.Tap(ui.filters.checks[nk])
	// The three events with North Korea as their only actor leave.
	if got, want := ui.filters.status.Text, "15 of 18 events"; got != want {
		t.Errorf("status after unticking North Korea = %q, want %q", got, want)
	}
	if got := ui.list.total; got != 15 {
		t.Errorf("list length = %d, want 15", got)
	}
	ui.list.list.ScrollToBottom()
	texts := drawn(ui.list.Object())
	for _, gone := range []string{"North Korea drops off the internet", "Another outage of about two hours", "North Korea's connection collapses again"} {
		if contains(texts, gone) {
			t.Errorf("%q still shown after unticking North Korea", gone)
		}
	}
	if !contains(texts, "North Korea blames the US for its outages") {
		t.Error("an event with North Korea and a ticked actor vanished")
	}
	// The timeline loses North Korea's lane and keeps the others.
	lanes := ui.timeline.tl.Lanes()
	if len(lanes) != 9 || slices.ContainsFunc(lanes, func(l timeline.Lane) bool { return l.ID == nk }) {
		t.Errorf("timeline lanes after unticking North Korea: %v", lanes)
	}

	test.Tap(findButton(t, ui.filters.Object(), "None"))
	if got, want := ui.filters.status.Text, "0 of 18 events"; got != want {
		t.Errorf("status after None = %q, want %q", got, want)
	}
	test.Tap(findButton(t, ui.filters.Object(), "All"))
	if got, want := ui.filters.status.Text, "18 of 18 events"; got != want {
		t.Errorf("status after All = %q, want %q", got, want)
	}
}

// TestStatusWhileCounting: while a filter's count is still being read, the
// status says so once countingAfter has passed, instead of the old count;
// then it shows the new count. A count that arrives first is shown as is.
func TestStatusWhileCounting(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	var queued []func()
	var timers []func()
	ui.async = func(work func()) { queued = append(queued, work) }
	ui.after = func(d time.Duration, f func()) {
		if d != countingAfter {
			t.Fatalf("after(%v)", d)
		}
		timers = append(timers, f)
	}
	run := func(fs *[]func()) {
		for len(*fs) > 0 {
			f := (*fs)[0]
			*fs = (*fs)[1:]
			f()
		}
	}
	var check *widget.Check
	for _, a := range ui.actors {
		if a.Name == "North Korea" { // the only actor of 3 events
			check = ui.filters.checks[a.ID]
		}
	}
	test.Tap(check)
	if got, want := ui.filters.status.Text, "18 of 18 events"; got != want {
		t.Fatalf("status before countingAfter = %q, want %q", got, want)
	}
	run(&timers)
	if got, want := ui.filters.status.Text, "Counting… of 18 events"; got != want {
		t.Fatalf("status while counting = %q, want %q", got, want)
	}
	run(&queued)
	if got, want := ui.filters.status.Text, "15 of 18 events"; got != want {
		t.Fatalf("status after the count = %q, want %q", got, want)
	}
	// Counted before the timer fires: the timer changes nothing.
	test.Tap(check)
	run(&queued)
	run(&timers)
	if got, want := ui.filters.status.Text, "18 of 18 events"; got != want {
		t.Fatalf("status after a quick count = %q, want %q", got, want)
	}
	// Two changes in a row: only the last one's count is shown.
	test.Tap(check)
	test.Tap(check)
	run(&timers)
	run(&queued)
	if got, want := ui.filters.status.Text, "18 of 18 events"; got != want {
		t.Fatalf("status after two changes = %q, want %q", got, want)
	}
}

func findButton(t *testing.T, obj fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	return find(t, obj, func(b *widget.Button) bool { return b.Text == text })
}

func TestSelectingAnEventShowsItsSources(t *testing.T) {
	ui, opened := newTestUI(t, datatest.DefaultFile(t))
	ui.tabs.SelectIndex(1)
	idx := -1
	for i := 0; i < ui.list.total; i++ {
		if r, ok := ui.list.row(i); ok && r.Title == "China says it needs evidence before drawing conclusions" {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatal("China's statement is not in the list")
	}
	ui.list.list.Select(idx)
	row, _ := ui.list.row(idx)
	if id, ok := ui.timeline.tl.Selected(); !ok || id != row.ID {
		t.Errorf("timeline selection = %d, %v; want the list's %d", id, ok, row.ID)
	}
	texts := drawn(ui.detail.Object())
	for _, want := range []string{
		"China says it needs evidence before drawing conclusions",
		"Sources (2)",
		"China Daily USA report of 23 December 2014 on China's response to the Sony hack",
		"China not Eager to Help US Punish North Korea",
		"“This kind of reporting has no factual basis. It is speculative and pure assumption.”",
		"Sources disagree on the date — China Daily USA: 2014-12-22; PrivacySavvy: 2014-12-23",
		"China (sceptic) United States (accuser) North Korea (accused)",
	} {
		if !contains(texts, want) {
			t.Errorf("detail does not show %q; it shows %q", want, texts)
		}
	}
	// Tapping a source's link hands exactly its address to the system.
	link := findHyperlink(t, ui.detail.Object(), "China Daily USA report of 23 December 2014 on China's response to the Sony hack")
	test.TapAt(link, fyne.NewPos(link.Size().Width/2, link.Size().Height/2))
	if got, want := []string(*opened), []string{"https://usa.chinadaily.com.cn/us/2014-12/23/content_19143547.htm"}; !slices.Equal(got, want) {
		t.Errorf("opened %q, want %q", got, want)
	}
	// The article has no address (neither it nor SOURCES.md gives one): its
	// title is text, not a link.
	walk(ui.detail.Object(), func(o fyne.CanvasObject) {
		if h, ok := o.(*widget.Hyperlink); ok && h.Text == "China not Eager to Help US Punish North Korea" {
			t.Errorf("the article is a link to %v", h.URL)
		}
	})
}

func findHyperlink(t *testing.T, obj fyne.CanvasObject, text string) *widget.Hyperlink {
	t.Helper()
	return find(t, obj, func(h *widget.Hyperlink) bool { return h.Text == text })
}

func TestHostileLinksNeverReachTheSystem(t *testing.T) {
	ui, opened := newTestUI(t, datatest.DefaultFile(t))
	for _, raw := range []string{"javascript:alert(1)", "file:///etc/passwd", "ms-msdt:/id PCWDiagnostic /skip force",
		"search-ms:query=calc", `\\attacker\share\x.exe`, "https:evil.com", "-https://example.org", "https://exa\"mple.org/&calc",
		"https://example.org/" + strings.Repeat("a", 64<<10)} {
		ui.openURL(raw)
		if top := ui.Window.Canvas().Overlays().Top(); top == nil {
			t.Errorf("no message shown for %.40q", raw)
		} else {
			ui.Window.Canvas().Overlays().Remove(top)
		}
	}
	if len(*opened) != 0 {
		t.Errorf("hostile links reached the system: %q", *opened)
	}
	ui.openURL("mailto:editor@example.org")
	ui.openURL("https://example.org/a?b=1&c=2")
	if got, want := []string(*opened), []string{"mailto:editor@example.org", "https://example.org/a?b=1&c=2"}; !slices.Equal(got, want) {
		t.Errorf("opened %q, want %q", got, want)
	}
}

func TestOpeningABadFileKeepsTheWindow(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	ui.OpenFile("/nonexistent/file.chrono")
	if ui.Window.Canvas().Overlays().Top() == nil {
		t.Error("no error dialog for a missing file")
	}
	if got := ui.filters.status.Text; got != "18 of 18 events" {
		t.Errorf("the open chronology was lost: status %q", got)
	}
}

func TestTimelineSelectionShowsInTheList(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	rows, _ := ui.store.Window(data.Filter{Text: "Pyongyang"})
	outage := rows[0]
	ui.timeline.tl.OnSelected(outage.ID) // as a click on the timeline does
	if ui.list.selected < 0 {
		t.Fatal("the list selected nothing")
	}
	ui.list.row(ui.list.selected) // loads its page
	if r, _ := ui.list.row(ui.list.selected); r.ID != outage.ID {
		t.Errorf("the list selected %q, want %q", r.Title, outage.Title)
	}
	if !contains(drawn(ui.detail.Object()), "Someone Disconnects North Korea") {
		t.Error("the detail panel does not show the outage's sources")
	}
}

func TestDetailActorsSoloAndCopyCitation(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	rows, _ := ui.store.Window(data.Filter{Text: "sufficient evidence"})
	ui.selectEvent(rows[0].ID)
	cp := find(t, ui.detail.Object(), func(b *widget.Button) bool { return b.Text == "Copy citation" })
	test.Tap(cp)
	if got, want := ui.App.Clipboard().Content(), "China Daily USA, “China Daily USA report of 23 December 2014 on China's response to the Sony hack”, 2014-12-23, https://usa.chinadaily.com.cn/us/2014-12/23/content_19143547.htm"; got != want {
		t.Errorf("copied %q\nwant   %q", got, want)
	}
	test.Tap(findButton(t, ui.detail.Object(), "China (sceptic)"))
	if got, want := ui.filters.status.Text, "6 of 18 events"; got != want {
		t.Errorf("after soloing China from the detail panel, status = %q, want %q", got, want)
	}
	if got := len(ui.timeline.tl.Lanes()); got != 1 {
		t.Errorf("%d timeline lanes, want China's alone", got)
	}
}

func TestCertaintyFilter(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	test.Tap(ui.filters.certainty[data.Confirmed])
	if got, want := ui.filters.status.Text, "11 of 18 events"; got != want {
		t.Errorf("without confirmed events, status = %q, want %q", got, want)
	}
	// The timeline drops them too.
	items, total := ui.timeline.data.src.Items(nil, -1e12, 1e12, nil, 100)
	if total != 11 {
		t.Errorf("the timeline holds %d events, want 11", total)
	}
	for _, it := range items {
		if it.Certainty == timeline.Confirmed {
			t.Errorf("confirmed event %q still on the timeline", it.Title)
		}
	}
	test.Tap(ui.filters.certainty[data.Confirmed])
	if got := ui.filters.status.Text; got != "18 of 18 events" {
		t.Errorf("status = %q after ticking confirmed again", got)
	}
}

func TestSearchFiltersMarksAndSteps(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	ui.runSearch("pyongyang")
	if got, want := ui.filters.status.Text, "1 of 18 events"; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	if got := ui.hitsLabel.Text; got != "1 hit" {
		t.Errorf("hits label = %q", got)
	}
	rows, _ := ui.store.Window(data.Filter{Text: "pyongyang"})
	outage := rows[0].ID
	if !ui.timeline.tl.Marked(outage) {
		t.Error("the hit is not marked on the timeline")
	}
	ui.nextHit()
	if id, ok := ui.timeline.tl.Selected(); !ok || id != outage {
		t.Error("Enter did not select the hit on the timeline")
	}
	if !contains(drawn(ui.detail.Object()), "Someone Disconnects North Korea") {
		t.Error("Enter did not show the hit's sources")
	}
	// A quote is found too, and Enter steps through the hits in date order.
	ui.runSearch("evidence")
	if len(ui.hits) != 2 {
		t.Fatalf("%d hits for evidence, want 2 (the FBI's claim and China's answer)", len(ui.hits))
	}
	var seen []int64
	for range ui.hits {
		ui.nextHit()
		id, _ := ui.timeline.tl.Selected()
		seen = append(seen, id)
	}
	if !slices.Equal(seen, ui.hits) {
		t.Errorf("Enter visited %v, want the hits %v", seen, ui.hits)
	}
	ui.runSearch("")
	if got := ui.filters.status.Text; got != "18 of 18 events" || ui.timeline.tl.Marked(outage) {
		t.Errorf("clearing the search: status %q, marks left %v", got, ui.timeline.tl.Marked(outage))
	}
}
