package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data/datatest"
)

// sheetWithUnknownColumns writes a TimelineJS sheet with two columns
// TimelineJS does not know (Mood, Reviewer) into dir.
func sheetWithUnknownColumns(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "harbour.csv")
	doc := "Year,Month,Day,Headline,Mood,Text,Reviewer\n" +
		"1901,5,4,Quay opened,glad,<p>The new quay takes its first ship.</p>,ana\n" +
		"1903,,,Crane added,,,\n"
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// dialogText is every label's text in the window's top overlay.
func dialogText(t *testing.T, ui *UI) string {
	t.Helper()
	top := ui.Window.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	var text []string
	walk(top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			text = append(text, l.Text)
		}
	})
	return strings.Join(text, " ")
}

// chronoscope import prints an import's warnings to stderr, naming the
// file and the columns, and still imports the file.
func TestImportCommandPrintsWarnings(t *testing.T) {
	dir := t.TempDir()
	src := sheetWithUnknownColumns(t, dir)
	into := filepath.Join(dir, "harbour.chrono")
	_, errs, status := run("import", src, "--into", into)
	if status != 0 {
		t.Fatalf("import: %d %s", status, errs)
	}
	var warning string
	for _, l := range strings.Split(errs, "\n") {
		if strings.HasPrefix(l, "warning: ") {
			warning = l
		}
	}
	for _, want := range []string{src, "line 1", `"Mood"`, `"Reviewer"`} {
		if !strings.Contains(warning, want) {
			t.Errorf("warning line %q does not name %s (stderr %q)", warning, want, errs)
		}
	}
	if !strings.Contains(errs, "imported 2 events") {
		t.Errorf("stderr = %q, want 2 events imported", errs)
	}
	if n := countEvents(t, into); n != 2 {
		t.Errorf("%d events, want 2", n)
	}
}

// File › Import's summary lists the warnings under the counts.
func TestImportDialogShowsWarnings(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	src := sheetWithUnknownColumns(t, t.TempDir())
	ui.importFile(src)
	text := dialogText(t, ui)
	for _, want := range []string{"2 events, 0 actors and 0 sources from harbour.csv", "Not imported or changed on the way", `"Mood"`, `"Reviewer"`} {
		if !strings.Contains(text, want) {
			t.Errorf("the summary %q does not say %s", text, want)
		}
	}
	if ui.total != 20 {
		t.Errorf("the window shows %d events, want 18 + 2", ui.total)
	}
}

// Opening a foreign file with warnings says so in the status bar and lists
// them in a dialog; without warnings no dialog is shown.
func TestOpenForeignFileShowsWarnings(t *testing.T) {
	t.Setenv("CHRONOSCOPE_DATA_DIR", t.TempDir())
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	src := sheetWithUnknownColumns(t, t.TempDir())
	ui.OpenFile(src)
	if got, want := ui.filters.status.Text, "harbour.csv imported as harbour.chrono with 1 warning · 2 of 2 events"; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	if text := dialogText(t, ui); !strings.Contains(text, `"Mood"`) || !strings.Contains(text, "harbour.csv") {
		t.Errorf("the dialog says %q, want the unknown columns", text)
	}

	clean, _ := newTestUI(t, datatest.DefaultFile(t))
	clean.OpenFile(copyTo(t, interop(t, "timelinejs/eras.json"), t.TempDir()))
	if top := clean.Window.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a dialog is shown after an import without warnings: %q", drawn(top))
	}
}

// A summary lists a dozen warnings at most and counts the rest.
func TestImportSummaryBoundsWarnings(t *testing.T) {
	r := importResult{}
	r.Events = 3
	for i := range 30 {
		r.Warnings = append(r.Warnings, "w"+strings.Repeat("x", i))
	}
	s := r.summary("/tmp/a.json")
	if got := strings.Count(s, "• "); got != maxWarningsShown {
		t.Errorf("%d lines of warnings, want %d", got, maxWarningsShown)
	}
	if !strings.Contains(s, "… and 19 more warnings") {
		t.Errorf("summary %q does not count the rest", s)
	}
}

// What a Timeline Project file holds that Chronoscope has no place for is
// listed in the import summary, and in the CLI's warnings.
func TestImportTimelineProjectListsWhatIsLeftOut(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "garden.timeline")
	doc := `<?xml version="1.0" encoding="utf-8"?>
<timeline>
  <version>1.9.0</version>
  <timetype>gregoriantime</timetype>
  <categories>
    <category><name>Beds</name><color>90,160,60</color></category>
  </categories>
  <events>
    <event><start>2020-04-01 00:00:00</start><end>2020-04-01 00:00:00</end><text>Beds dug</text><locked>True</locked><category>Beds</category></event>
    <event><start>2020-05-01 00:00:00</start><end>2020-06-01 00:00:00</end><text>Beans sown</text><progress>50</progress><category>Beds</category></event>
  </events>
  <view><hidden_categories/></view>
</timeline>
`
	if err := os.WriteFile(src, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, status := run("import", src, "--into", filepath.Join(dir, "garden.chrono"))
	if status != 0 {
		t.Fatalf("import: %d %s", status, errs)
	}
	for _, want := range []string{
		"warning: " + src + ": locked events can be moved: Chronoscope has no lock (1 event, at line 9)",
		"warning: " + src + ": progress (per cent done) has no place in Chronoscope: kept as a line of the event's notes (1 event, at line 10)",
		"imported 2 events",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr %q does not say %q", errs, want)
		}
	}

	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	ui.importFile(src)
	if text := dialogText(t, ui); !strings.Contains(text, "locked events can be moved") || !strings.Contains(text, "progress (per cent done)") {
		t.Errorf("the summary %q does not list what was left out", text)
	}
}
