package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// interop is a fixture from ../shared/interop beside the project.
func interop(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "interop", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	return p
}

func countEvents(t *testing.T, path string) int {
	t.Helper()
	s, err := data.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.Count(data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	into := filepath.Join(dir, "women.chrono")
	_, errs, status := run("import", interop(t, "timelinejs/women_in_computing.json"), "--into", into)
	if status != 0 {
		t.Fatalf("import: %d %s", status, errs)
	}
	if !strings.Contains(errs, "imported 10 events") {
		t.Errorf("stderr = %q", errs)
	}
	if n := countEvents(t, into); n != 10 {
		t.Errorf("%d events, want 10", n)
	}
	out, _, _ := run("list", into, "--search", "Lovelace")
	if !strings.HasPrefix(out, "1815-12-10 – 1852-11-27\tAda Lovelace\t") {
		t.Errorf("list after import = %q", out)
	}
	// Several files of different formats go in together.
	other := filepath.Join(dir, "two.chrono")
	if _, errs, status := run("import", interop(t, "timelinejs/eras.json"), interop(t, "thetimelineproj/versions.timeline"), "--into", other); status != 0 {
		t.Fatalf("import of two files: %s", errs)
	}
	if n := countEvents(t, other); n != 20+59 {
		t.Errorf("two files gave %d events, want %d", n, 20+59)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"events": [{"start_date": {"year": "2014", "month": "13"}, "text": {"headline": "x"}}]}`), 0o644)
	// Into a new file: nothing is left behind.
	into := filepath.Join(dir, "new.chrono")
	_, errs, status := run("import", interop(t, "timelinejs/women_in_computing.json"), bad, "--into", into)
	if status != 1 || !strings.Contains(errs, "bad.json") {
		t.Errorf("status %d, stderr %q; want 1 naming bad.json", status, errs)
	}
	if _, err := os.Stat(into); !os.IsNotExist(err) {
		t.Errorf("a failed import into a new file left %s behind", into)
	}
	// Into an existing file: it keeps what it had.
	existing := datatest.DefaultFile(t)
	if _, _, status := run("import", interop(t, "timelinejs/women_in_computing.json"), bad, "--into", existing); status != 1 {
		t.Errorf("status %d, want 1", status)
	}
	if n := countEvents(t, existing); n != 18 {
		t.Errorf("the existing file has %d events after a failed import, want 18", n)
	}
	// A name whose format cannot be told is bad usage.
	if _, errs, status := run("import", filepath.Join(dir, "notes.txt"), "--into", into); status != 1 || !strings.Contains(errs, "--format") {
		t.Errorf("unknown extension: %d %q", status, errs)
	}
}

func TestExportCommand(t *testing.T) {
	path := datatest.DefaultFile(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		format string
		args   []string
		want   []string
	}{
		{"markdown", nil, []string{"North Korea drops off the internet", "[^1]:", "https://networkingnexus.net/page/3660"}},
		{"csv", []string{"--actor", "China"}, []string{"China says it needs evidence before drawing conclusions"}},
		{"ics", nil, []string{"BEGIN:VCALENDAR\r\n", "SUMMARY:North Korea drops off the internet"}},
		{"timelinejs", nil, []string{`"events"`, `"headline": "Obama promises a proportional response"`}},
		{"timelinejs-csv", nil, []string{"Year,Month,Day"}},
		{"json", nil, []string{`"format": "chronoscope"`}},
	} {
		t.Run(tc.format, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+tc.format)
			_, errs, status := run(append([]string{"export", path, "--format", tc.format, "-o", out}, tc.args...)...)
			if status != 0 {
				t.Fatalf("export: %d %s", status, errs)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !bytes.Contains(b, []byte(w)) {
					t.Errorf("%s export lacks %q", tc.format, w)
				}
			}
			if tc.format == "csv" && bytes.Contains(b, []byte("Hackers breach Sony Pictures")) {
				t.Error("the actor filter did not apply")
			}
		})
	}
	// Chronoscope JSON round trip: the re-imported chronology lists the same.
	again := filepath.Join(dir, "again.chrono")
	if _, errs, status := run("import", filepath.Join(dir, "out-json"), "--format", "json", "--into", again); status != 0 {
		t.Fatalf("re-import: %s", errs)
	}
	a, _, _ := run("list", path)
	b, _, _ := run("list", again)
	if a != b {
		t.Errorf("JSON round trip changed the chronology:\n%s\nvs\n%s", a, b)
	}
	// A failing export leaves an existing file as it was, and no temporary file.
	out := filepath.Join(dir, "keep.md")
	os.WriteFile(out, []byte("previous"), 0o644)
	if _, _, status := run("export", path, "--format", "markdown", "-o", out, "--actor", "Atlantis"); status != 1 {
		t.Errorf("status %d, want 1", status)
	}
	if b, _ := os.ReadFile(out); string(b) != "previous" {
		t.Errorf("a failed export changed %s", out)
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, ".*tmp")); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	// Formats that write the whole chronology refuse filters; unknown formats are bad usage.
	if _, _, status := run("export", path, "--format", "json", "-o", out, "--actor", "China"); status != 2 {
		t.Errorf("json with --actor: status %d, want 2", status)
	}
	if _, _, status := run("export", path, "--format", "pdf", "-o", out); status != 2 {
		t.Errorf("unknown format: status %d, want 2", status)
	}
}

func TestImportAndExportFromTheWindow(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	ui.importFile(interop(t, "timelinejs/women_in_computing.json"))
	if got, want := ui.filters.status.Text, "28 of 28 events"; got != want {
		t.Errorf("after importing, status = %q, want %q", got, want)
	}
	// The export follows the actor filters.
	if err := ui.filters.only([]string{"China"}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "china.md")
	ui.exportTo("markdown", out, data.Filter{Actors: ui.filters.visible()})
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("China says it needs evidence")) || bytes.Contains(b, []byte("Ada Lovelace")) {
		t.Errorf("the export does not hold China's events only:\n%s", b)
	}
	// A file that cannot be imported changes nothing and says why.
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("Year,Headline\n\"2014,unterminated\n"), 0o644)
	ui.importFile(bad)
	if ui.Window.Canvas().Overlays().Top() == nil {
		t.Error("no message for a bad import")
	}
	if n := countEvents(t, ui.store.Path()); n != 28 {
		t.Errorf("%d events after a failed import, want 28", n)
	}
}

// bigTimelineJS writes a TimelineJS JSON file of n events.
func bigTimelineJS(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`{"events":[`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"start_date":{"year":%d,"month":%d,"day":%d},"text":{"headline":"Event %d","text":"<p>Body of event %d</p>"},"group":"Group %d"}`,
			1900+i%100, 1+i%12, 1+i%28, i, i, i%7)
	}
	b.WriteString(`]}`)
	p := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestImportProgressAndCancel: an import reports how much it has read, up
// to the whole input; cancelled halfway — or before it starts — it imports
// nothing, says it was cancelled, and a file it created is gone.
func TestImportProgressAndCancel(t *testing.T) {
	src := bigTimelineJS(t, 20_000)
	st, _ := os.Stat(src)

	into := datatest.DefaultFile(t)
	var seen []importProgress
	stats, err := importFiles(context.Background(), into, []string{src}, "", func(p importProgress) { seen = append(seen, p) })
	if err != nil || stats.Events != 20_000 {
		t.Fatalf("import: %d events, %v", stats.Events, err)
	}
	if len(seen) < 2 {
		t.Fatalf("%d progress reports", len(seen))
	}
	for i, p := range seen {
		if p.Total != st.Size() || p.Read > p.Total || (i > 0 && (p.Read < seen[i-1].Read || p.Events < seen[i-1].Events)) {
			t.Fatalf("progress %d = %+v (before: %+v)", i, p, seen[max(i-1, 0)])
		}
	}

	into = datatest.DefaultFile(t)
	before, _ := os.ReadFile(into)
	ctx, cancel := context.WithCancel(context.Background())
	_, err = importFiles(ctx, into, []string{src}, "", func(p importProgress) {
		if p.Events >= 5000 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled import: %v", err)
	}
	if n := countEvents(t, into); n != 18 {
		t.Errorf("%d events after a cancelled import, want the 18 there were", n)
	}
	if after, _ := os.ReadFile(into); !bytes.Equal(before, after) {
		t.Error("a cancelled import changed the file")
	}

	fresh := filepath.Join(t.TempDir(), "new.chrono")
	_, err = importFiles(ctx, fresh, []string{src}, "", nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("import with a cancelled context: %v", err)
	}
	if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the file made for a cancelled import is left: %v", err)
	}
}

// TestImportWindowCancel: the import dialog's Cancel cancels and says so.
func TestImportWindowCancel(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	cancelled := false
	w := newImportWindow(ui.Window, "big.json", func() { cancelled = true })
	w.show(importProgress{File: "big.json", Events: 1200, Read: 25, Total: 100})
	if w.bar.Value != 0.25 || w.count.Text != "1,200 events read" {
		t.Errorf("progress shows %v and %q", w.bar.Value, w.count.Text)
	}
	test.Tap(w.cancel)
	if !cancelled || !w.cancel.Disabled() || !strings.HasPrefix(w.count.Text, "Cancelling") {
		t.Errorf("Cancel: called %v, button disabled %v, text %q", cancelled, w.cancel.Disabled(), w.count.Text)
	}
}

// TestCancelOpening: while a chronology's events are read, Cancel closes
// it and the window is left with no chronology open.
func TestCancelOpening(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	ui.timeline.clear() // as OpenFile does while it reads the events
	if !ui.timeline.loading.Visible() {
		t.Fatal("no loading view")
	}
	test.Tap(ui.timeline.cancelLoad)
	if ui.store != nil || ui.timeline.loading.Visible() {
		t.Errorf("after Cancel: store %v, loading shown %v", ui.store, ui.timeline.loading.Visible())
	}
	if got := ui.filters.status.Text; !strings.HasPrefix(got, "No chronology open") {
		t.Errorf("status = %q", got)
	}
}

// TestExportReplacesASymlinkInsteadOfFollowingIt: exporting to a path that
// is a symbolic link writes a new file at that path and leaves the file
// the link pointed at untouched.
func TestExportReplacesASymlinkInsteadOfFollowingIt(t *testing.T) {
	path := datatest.DefaultFile(t)
	dir := t.TempDir()
	target := filepath.Join(dir, "precious.txt")
	if err := os.WriteFile(target, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "out.md")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if _, errs, status := run("export", path, "--format", "markdown", "-o", link); status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	if b, _ := os.ReadFile(target); string(b) != "keep me" {
		t.Errorf("the link's target was written: %q", b)
	}
	st, err := os.Lstat(link)
	if err != nil || st.Mode()&os.ModeSymlink != 0 {
		t.Fatalf("the export is not a file of its own: %v %v", st.Mode(), err)
	}
	if b, _ := os.ReadFile(link); !bytes.Contains(b, []byte("Hackers breach Sony Pictures")) {
		t.Error("the export is not the chronology")
	}
}

// TestExportFileMode: a new export is readable by others like any
// document (not the temporary file's 0600); a replaced file keeps its mode.
func TestExportFileMode(t *testing.T) {
	path := datatest.DefaultFile(t)
	out := filepath.Join(t.TempDir(), "story.md")
	if _, errs, status := run("export", path, "--format", "markdown", "-o", out); status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("new export mode %v (%v), want 0644", st.Mode().Perm(), err)
	}
	if err := os.Chmod(out, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errs, status := run("export", path, "--format", "markdown", "-o", out); status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("replaced export mode %v (%v), want the 0600 it had", st.Mode().Perm(), err)
	}
}
