package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// plainCSV writes a spreadsheet of events that never saw TimelineJS.
func plainCSV(t *testing.T, dir, name, doc string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const bakeryCSV = "Source,When it happened,Who,Headline\n" +
	"ledger,1921-04-02,Ada Brandt,Bakery opens\n" +
	"photo,Jun 1934,Ada Brandt;Karl Brandt,Second oven\n" +
	"letter,1952,Karl Brandt,Shop handed down\n"

// chronoscope import reads a plain CSV from the columns given, or guesses
// them from the header's names; refusals name the file, line, column and
// value and import nothing.
func TestImportPlainCSVCommand(t *testing.T) {
	dir := t.TempDir()
	src := plainCSV(t, dir, "bakery.csv", bakeryCSV)
	into := filepath.Join(dir, "bakery.chrono")
	_, errs, status := run("import", src, "--into", into, "--date-column", "when it happened", "--title-column", "Headline", "--actor-column", "Who")
	if status != 0 {
		t.Fatalf("import: %d %s", status, errs)
	}
	if !strings.Contains(errs, "imported 3 events, 2 actors") || !strings.Contains(errs, `warning: `+src+`: line 1: columns not imported: "Source"`) {
		t.Errorf("stderr = %q", errs)
	}
	out, _, _ := run("list", into)
	for _, want := range []string{"1921-04-02\tBakery opens\tAda Brandt", "1934-06\tSecond oven\tAda Brandt, Karl Brandt", "1952\tShop handed down\tKarl Brandt"} {
		if !strings.Contains(out, want) {
			t.Errorf("list does not show %q:\n%s", want, out)
		}
	}

	// Header names such as When and What are enough.
	guessed := plainCSV(t, dir, "guessed.csv", "When,What\n2001-02-03,Something\n")
	if _, errs, status := run("import", guessed, "--into", filepath.Join(dir, "g.chrono")); status != 0 || !strings.Contains(errs, "imported 1 events") {
		t.Errorf("guessed columns: %d %s", status, errs)
	}

	// Columns that cannot be guessed are asked for, naming those there are.
	odd := plainCSV(t, dir, "odd.csv", "Colour,Size\nred,2\n")
	fresh := filepath.Join(dir, "odd.chrono")
	_, errs, status = run("import", odd, "--into", fresh)
	if status != exitUsage || !strings.Contains(errs, `which column holds the date and which the title? Give --date-column and --title-column (the columns are "Colour", "Size")`) {
		t.Errorf("unguessable columns: %d %q", status, errs)
	}
	if _, err := os.Stat(fresh); err == nil {
		t.Error("a chronology was made for an import that did not start")
	}

	// A bad row: nothing imported, the file, line, column and value named.
	bad := plainCSV(t, dir, "bad.csv", "When,What\n2001-02-03,Fine\n2001-02-30,Not a day\n")
	_, errs, status = run("import", bad, "--into", fresh)
	if status == 0 || !strings.Contains(errs, bad+`: line 3, column 1 (When): date "2001-02-30": day 30 does not exist in February 2001`) {
		t.Errorf("bad row: %d %q", status, errs)
	}
	if _, err := os.Stat(fresh); err == nil {
		t.Error("a refused import left a chronology behind")
	}

	// --day-first reads 03/04/2014 as 3 April.
	dm := plainCSV(t, dir, "dm.csv", "When,What\n03/04/2014,Fair\n")
	dmInto := filepath.Join(dir, "dm.chrono")
	if _, errs, status := run("import", dm, "--into", dmInto, "--day-first"); status != 0 {
		t.Fatalf("--day-first: %d %s", status, errs)
	}
	if out, _, _ := run("list", dmInto); !strings.HasPrefix(out, "2014-04-03\tFair") {
		t.Errorf("--day-first: list = %q", out)
	}
}

// previewDialog returns the CSV preview shown on top of ui's window: its
// selects (date, title, actors), its Import button and its texts.
func previewDialog(t *testing.T, ui *UI) (selects []*widget.Select, importB *widget.Button, top fyne.CanvasObject) {
	t.Helper()
	top = ui.Window.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no preview dialog is shown")
	}
	walk(top, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			selects = append(selects, s)
		}
	})
	if len(selects) != 3 {
		t.Fatalf("%d selects in the preview, want 3", len(selects))
	}
	return selects, findButton(t, top, "Import"), top
}

// Opening a plain CSV shows its first rows and the columns guessed from
// the header; the user may change them; Import makes a new chronology of
// it and shows it.
func TestOpenPlainCSVShowsPreview(t *testing.T) {
	t.Setenv("CHRONOSCOPE_DATA_DIR", t.TempDir())
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	dir := t.TempDir()
	src := plainCSV(t, dir, "bakery.csv", bakeryCSV)
	ui.OpenFile(src)
	selects, importB, top := previewDialog(t, ui)
	if got := []string{selects[0].Selected, selects[1].Selected, selects[2].Selected}; strings.Join(got, "|") != "When it happened|Headline|Who" {
		t.Errorf("guessed columns = %q, want When it happened, Headline, Who", got)
	}
	texts := drawn(top)
	for _, want := range []string{"When it happened (date)", "Headline (title)", "Who (actors)", "Source (not imported)", "Bakery opens", "Jun 1934", "The first 3 rows of bakery.csv"} {
		if !contains(texts, want) {
			t.Errorf("the preview does not show %q; it shows %q", want, texts)
		}
	}
	if ui.store.Path() == filepath.Join(dir, "bakery.chrono") {
		t.Fatal("the file was imported before the columns were confirmed")
	}

	// The same column twice: Import is off, and the dialog says why.
	selects[1].SetSelected("When it happened")
	if !importB.Disabled() || !contains(drawn(top), "The date, title and actors must come from different columns.") {
		t.Error("Import is on with the date and title from one column")
	}
	selects[1].SetSelected("Headline")
	selects[2].SetSelected(noActorColumn)
	if importB.Disabled() {
		t.Fatal("Import is off with good columns")
	}
	test.Tap(importB)
	want := filepath.Join(dir, "bakery.chrono")
	if ui.store == nil || ui.store.Path() != want {
		t.Fatalf("open chronology = %v, want %s", ui.store, want)
	}
	if got, want := ui.filters.status.Text, "bakery.csv imported as bakery.chrono with 1 warning · 3 of 3 events"; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	rows, err := ui.store.Window(data.Filter{})
	if err != nil || len(rows) != 3 || rows[1].Title != "Second oven" || rows[1].Start != data.MonthDate(1934, 6) || len(rows[1].Actors) != 0 {
		t.Errorf("rows = %+v, %v; want three, Second oven in June 1934 without actors", rows, err)
	}
}

// Cancelling the preview of a file given at start-up leaves the welcome
// screen, and nothing is imported.
func TestCancelPlainCSVPreviewAtStartShowsWelcome(t *testing.T) {
	t.Setenv("CHRONOSCOPE_DATA_DIR", t.TempDir())
	dir := t.TempDir()
	src := plainCSV(t, dir, "bakery.csv", bakeryCSV)
	ui, _ := newTestUI(t, src)
	_, _, top := previewDialog(t, ui)
	// Behind the preview stands the welcome screen, not an empty axis.
	assertWelcome(t, ui)
	test.Tap(findButton(t, top, "Cancel"))
	if ui.store != nil {
		t.Errorf("%s is open after Cancel", ui.store.Path())
	}
	assertWelcome(t, ui)
	if got := filesIn(t, dir); len(got) != 1 {
		t.Errorf("files beside it = %q, want only bakery.csv", got)
	}
}
