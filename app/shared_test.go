package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/pgsync"
)

// postQueue stands for fyne.Do in the shared tests: what the client's
// goroutine posts waits until the test goroutine drains it, as the app's
// UI goroutine would run it.
type postQueue struct {
	mu sync.Mutex
	fs []func()
}

func (q *postQueue) post(f func()) {
	q.mu.Lock()
	q.fs = append(q.fs, f)
	q.mu.Unlock()
}

func (q *postQueue) drain() {
	q.mu.Lock()
	fs := q.fs
	q.fs = nil
	q.mu.Unlock()
	for _, f := range fs {
		f()
	}
}

// publishDefault publishes the default chronology, as Ana, to a fresh
// database and returns the database's URL and the shared chronology's.
func publishDefault(t *testing.T) (url, shared string) {
	t.Helper()
	url = newPGDatabase(t)
	out, errs, status := run("publish", datatest.DefaultFile(t), "--to", url, "--author", "Ana")
	if status != 0 {
		t.Fatalf("publish: %q", errs)
	}
	return url, strings.Fields(out[strings.Index(out, "chronoscope postgres"):])[1]
}

// sharedTestUI is a window on Fyne's test driver for the shared tests:
// background work runs inline, the client's news wait in the returned
// queue (see eventually), and author, when not "", is the author's name
// already chosen.
func sharedTestUI(t *testing.T, author string) (*UI, *postQueue) {
	t.Helper()
	a := test.NewTempApp(t)
	if author != "" {
		a.Preferences().SetString(prefAuthor, author)
	}
	ui := NewUI(a, (&openedURLs{}).open)
	ui.async = func(work func()) { work() }
	ui.after = func(_ time.Duration, f func()) { f() }
	q := &postQueue{}
	ui.post = q.post
	ui.Window.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() {
		ui.Window.Close()
		ui.closeStore()
	})
	return ui, q
}

// eventually polls cond for up to 15 s, running what the client posted
// to the UI first.
func eventually(t *testing.T, q *postQueue, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		q.drain()
		if cond() {
			return
		}
	}
	t.Fatalf("after 15 s: %s", what)
}

// TestSharedChronologyInTheWindow: the window opens a shared chronology
// (a local copy in the cache folder), shows another editor's change,
// sends its own, says who is connected, and stops sharing when another
// file is opened; opened again, it reuses its copy.
func TestSharedChronologyInTheWindow(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	_, shared := publishDefault(t)

	ui, q := sharedTestUI(t, "Ana")
	ui.OpenShared(shared)
	if ui.shared == nil || ui.total != 18 {
		t.Fatalf("shared session %v, %d events, want 18", ui.shared, ui.total)
	}
	copyPath := ui.shared.path
	if !strings.HasPrefix(copyPath, os.Getenv("XDG_CACHE_HOME")) {
		t.Errorf("the copy is at %s, not in the cache folder", copyPath)
	}
	if r := ui.recent(); len(r) == 0 || r[0] != shared {
		t.Errorf("Open Recent holds %q, want the URL %q first", r, shared)
	}
	eventually(t, q, "the status says Shared", func() bool {
		ui.updateSharedStatus()
		return ui.sharedStatus.Visible() && strings.HasPrefix(ui.sharedStatus.Text, "Shared")
	})

	// Ben, elsewhere, retitles an event.
	tgt, _ := pgsync.ParseTarget(shared)
	ben, err := pgsync.Clone(context.Background(), tgt, "", filepath.Join(t.TempDir(), "ben.chrono"))
	if err != nil {
		t.Fatal(err)
	}
	defer ben.Close()
	bc, err := pgsync.NewClient(ben, "", "Ben")
	if err != nil {
		t.Fatal(err)
	}
	defer bc.Close()
	var ev *data.Event
	ben.View(func(tx *data.Tx) error {
		return tx.EachEvent(data.Filter{}, func(e *data.Event) error {
			if e.Title == "Hackers breach Sony Pictures" {
				ev = e
			}
			return nil
		})
	})
	ev.Title = "Hackers breach Sony Pictures (Ben)"
	if err := ben.UpdateEvent(ev); err != nil {
		t.Fatal(err)
	}
	if err := bc.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	eventually(t, q, "Ben's title in the window", func() bool {
		ui.checkElsewhere()
		rows, _ := ui.store.Window(data.Filter{Text: "(Ben)"})
		_, drawnTitle := ui.timeline.data.src.Item(rows0(rows))
		return len(rows) == 1 && drawnTitle
	})
	// The panel says who added the event and who changed it.
	benRows, _ := ui.store.Window(data.Filter{Text: "(Ben)"})
	d, err := loadDetail(ui.store, rows0(benRows))
	if err != nil {
		t.Fatal(err)
	}
	ui.detail.show(d, ui.actorMap)
	if got := strings.Join(drawn(ui.detail.Object()), "|"); !strings.Contains(got, "Added by Ana · last changed by Ben") {
		t.Errorf("the detail panel shows %q, want who added and changed the event", got)
	}
	eventually(t, q, "the status names Ben", func() bool {
		ui.updateSharedStatus()
		return strings.Contains(ui.sharedStatus.Text, "with Ben") && strings.Contains(ui.sharedStatus.Text, "last change")
	})

	// Ana's edit in the window reaches Ben.
	e := data.Event{Title: "Added in Ana's window", Start: data.DayDate(2014, 12, 24), Certainty: data.Reported, Importance: 3}
	if err := ui.store.CreateEvent(&e); err != nil {
		t.Fatal(err)
	}
	eventually(t, q, "Ana's event at Ben's", func() bool {
		bc.Sync(context.Background())
		n, _ := ben.Count(data.Filter{})
		return n == 19
	})

	// Another file: sharing stops.
	ui.OpenFile(datatest.DefaultFile(t))
	if ui.shared != nil || ui.sharedStatus.Visible() {
		t.Error("still sharing after opening a file")
	}
	// Opened again: the same copy, up to date.
	ui.OpenShared(shared)
	if ui.shared == nil || ui.shared.path != copyPath || ui.total != 19 {
		t.Errorf("reopened: session %v, %d events, want the copy %s with 19", ui.shared, ui.total, copyPath)
	}
}

func rows0(rows []data.EventRow) int64 {
	if len(rows) == 0 {
		return 0
	}
	return rows[0].ID
}

func TestSharedStatusText(t *testing.T) {
	now := time.Date(2026, 12, 4, 15, 0, 0, 0, time.Local)
	for _, tt := range []struct {
		s    pgsync.Status
		want string
	}{
		{pgsync.Status{Online: true}, "Shared"},
		{pgsync.Status{Online: false, Pending: 12}, "Offline — 12 changes to send"},
		{pgsync.Status{Online: false, Pending: 1}, "Offline — 1 change to send"},
		{pgsync.Status{Online: true, Pending: 3, Others: []string{"Ben", "Cy"}}, "Shared — sending 3 changes · with Ben, Cy"},
		{pgsync.Status{Online: true, ReadOnly: true, LastChange: now}, "Shared · read-only · last change 15:00:00"},
	} {
		if got := sharedStatusText(tt.s, now); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.s, got, tt.want)
		}
	}
}

// TestSharedReadOnlyRole: a role that may only read gets a read-only
// window that still shows others' changes; the password is not kept in
// Open Recent.
func TestSharedReadOnlyRole(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	url := newPGDatabase(t)
	if _, errs, status := run("publish", datatest.DefaultFile(t), "--to", url, "--author", "Ana"); status != 0 {
		t.Fatalf("publish: %q", errs)
	}
	admin, err := pgsync.Connect(context.Background(), pgsync.Target{URL: url}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(context.Background())
	teacher := pgRole("teacher")
	if err := pgServer.s.CreateRole(teacher, "projector-42"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"GRANT USAGE ON SCHEMA chronoscope TO " + teacher, "GRANT SELECT ON ALL TABLES IN SCHEMA chronoscope TO " + teacher} {
		if _, err := admin.Exec(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
	db := url[strings.LastIndex(url, "/")+1:]
	db, _, _ = strings.Cut(db, "?")
	ro := pgServer.s.UserURL(db, teacher, "projector-42")

	ui, q := sharedTestUI(t, "Teacher")
	ui.OpenShared(ro)
	if ui.shared == nil || ui.store == nil || !ui.store.ReadOnly() || ui.total != 18 {
		t.Fatalf("read-only role: session %v, store read-only %v, %d events", ui.shared, ui.store != nil && ui.store.ReadOnly(), ui.total)
	}
	if !strings.HasSuffix(ui.Window.Title(), "(read-only)") {
		t.Errorf("title %q", ui.Window.Title())
	}
	for _, r := range ui.recent() {
		if strings.Contains(r, "projector-42") {
			t.Errorf("Open Recent keeps the password: %q", r)
		}
	}
	// Ana's change still shows.
	tgt, _ := pgsync.ParseTarget(url)
	anaStore, err := pgsync.Clone(context.Background(), tgt, "", filepath.Join(t.TempDir(), "ana.chrono"))
	if err != nil {
		t.Fatal(err)
	}
	defer anaStore.Close()
	ac, _ := pgsync.NewClient(anaStore, "", "Ana")
	defer ac.Close()
	e := data.Event{Title: "Seen from the projector", Start: data.DayDate(2014, 12, 25), Certainty: data.Reported, Importance: 3}
	if err := anaStore.CreateEvent(&e); err != nil {
		t.Fatal(err)
	}
	if err := ac.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	eventually(t, q, "Ana's event in the read-only window", func() bool {
		ui.checkElsewhere()
		return ui.total == 19
	})
	ui.updateSharedStatus()
	if !strings.Contains(ui.sharedStatus.Text, "read-only") {
		t.Errorf("status %q does not say read-only", ui.sharedStatus.Text)
	}
}

// tapTop taps the button with the text in the window's top overlay (a
// dialog).
func tapTop(t *testing.T, ui *UI, text string) {
	t.Helper()
	top := ui.Window.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog to tap %q in", text)
	}
	b := find(t, top, func(b *widget.Button) bool { return b.Text == text })
	test.Tap(b)
}

// TestSharedAsksAuthorAndPassword: the first shared chronology asks the
// author's name once; a server that wants a password gets it asked (again
// when wrong), and kept in the system keyring when the user says so, never
// in the preferences.
func TestSharedAsksAuthorAndPassword(t *testing.T) {
	keyring.MockInit()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	url := newPGDatabase(t)
	if _, errs, status := run("publish", datatest.DefaultFile(t), "--to", url, "--author", "Ana"); status != 0 {
		t.Fatalf("publish: %q", errs)
	}
	dee := pgRole("dee")
	if err := pgServer.s.CreateRole(dee, "correct-horse-7"); err != nil {
		t.Fatal(err)
	}
	admin, err := pgsync.Connect(context.Background(), pgsync.Target{URL: url}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(context.Background())
	for _, q := range []string{"GRANT USAGE ON SCHEMA chronoscope TO " + dee,
		"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA chronoscope TO " + dee} {
		if _, err := admin.Exec(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
	db := url[strings.LastIndex(url, "/")+1:]
	db, _, _ = strings.Cut(db, "?")
	noPassword := pgServer.s.UserURL(db, dee, "")

	ui, q := sharedTestUI(t, "")
	ui.OpenShared(noPassword)
	if ui.authorEntry == nil || ui.authorEntry.Text != defaultAuthor() {
		t.Fatalf("the author's name was not asked (entry %v)", ui.authorEntry)
	}
	ui.authorEntry.SetText("Dee")
	tapTop(t, ui, "OK")
	if got := ui.App.Preferences().String(prefAuthor); got != "Dee" {
		t.Errorf("author preference %q", got)
	}
	if ui.passwordEntry == nil {
		t.Fatal("the password was not asked")
	}
	ui.passwordEntry.SetText("wrong-guess-1")
	tapTop(t, ui, "Connect")
	if got := strings.Join(drawn(ui.Window.Canvas().Overlays().Top()), " "); !strings.Contains(got, "The server refused that password") {
		t.Fatalf("after a wrong password the dialog says %q", got)
	}
	if ui.shared != nil {
		t.Fatal("opened with a wrong password")
	}
	ui.passwordEntry.SetText("correct-horse-7")
	ui.rememberPassword.SetChecked(true)
	tapTop(t, ui, "Connect")
	if ui.shared == nil || ui.total != 18 {
		t.Fatalf("with the right password: session %v, %d events", ui.shared, ui.total)
	}
	tgt, _ := pgsync.ParseTarget(noPassword)
	if got, err := keyring.Get(keyringService, keyringAccount(tgt)); err != nil || got != "correct-horse-7" {
		t.Errorf("keyring holds %q (%v)", got, err)
	}
	for _, r := range ui.recent() {
		if strings.Contains(r, "correct-horse") || strings.Contains(r, "wrong-guess") {
			t.Errorf("a password in Open Recent: %q", r)
		}
	}
	// Opened again, the keyring's password is used: no question.
	ui.OpenFile(datatest.DefaultFile(t))
	ui.passwordEntry = nil
	ui.OpenShared(noPassword)
	if ui.passwordEntry != nil || ui.shared == nil {
		t.Errorf("reopening asked again (%v) or failed (session %v)", ui.passwordEntry != nil, ui.shared)
	}
	// The window's edits are signed with the author's name.
	e := data.Event{Title: "Dee's event", Start: data.DayDate(2014, 12, 26), Certainty: data.Reported, Importance: 3}
	if err := ui.store.CreateEvent(&e); err != nil {
		t.Fatal(err)
	}
	var n int
	eventually(t, q, "Dee's event on the server, signed", func() bool {
		ui.shared.client.Kick()
		admin.QueryRow(context.Background(), `SELECT count(*) FROM chronoscope.entity WHERE body->>'title' = 'Dee''s event' AND added_by = 'Dee'`).Scan(&n)
		return n == 1
	})
}

// TestSharedUndoTakesBackOnlyOwnChange: Ana retitles an event in the
// window, Ben then changes its importance; Ana's undo puts her title back
// and leaves Ben's importance, at Ana's and at Ben's; redo the same.
func TestSharedUndoTakesBackOnlyOwnChange(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	_, shared := publishDefault(t)
	ui, q := sharedTestUI(t, "Ana")
	ui.OpenShared(shared)
	if ui.shared == nil {
		t.Fatal("not shared")
	}
	byTitle := func(s *data.Store, title string) *data.Event {
		var found *data.Event
		s.View(func(tx *data.Tx) error {
			return tx.EachEvent(data.Filter{}, func(e *data.Event) error {
				if e.Title == title {
					found = e
				}
				return nil
			})
		})
		return found
	}
	before := byTitle(ui.store, "Obama promises a proportional response")
	after := *before
	after.Title = "Obama promises a response"
	if err := ui.applyChange(updateEvent(before, &after)); err != nil {
		t.Fatal(err)
	}

	tgt, _ := pgsync.ParseTarget(shared)
	ben, err := pgsync.Clone(context.Background(), tgt, "", filepath.Join(t.TempDir(), "ben.chrono"))
	if err != nil {
		t.Fatal(err)
	}
	defer ben.Close()
	bc, _ := pgsync.NewClient(ben, "", "Ben")
	defer bc.Close()
	eventually(t, q, "Ana's title at Ben's", func() bool {
		bc.Sync(context.Background())
		return byTitle(ben, "Obama promises a response") != nil
	})
	be := byTitle(ben, "Obama promises a response")
	be.Importance = 1
	if err := ben.UpdateEvent(be); err != nil {
		t.Fatal(err)
	}
	if err := bc.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	eventually(t, q, "Ben's importance at Ana's", func() bool {
		e := byTitle(ui.store, "Obama promises a response")
		return e != nil && e.Importance == 1
	})

	ui.Undo()
	e := byTitle(ui.store, "Obama promises a proportional response")
	if e == nil || e.Importance != 1 {
		t.Fatalf("after Ana's undo: %+v, want her old title and Ben's importance 1", e)
	}
	eventually(t, q, "the undo at Ben's", func() bool {
		bc.Sync(context.Background())
		e := byTitle(ben, "Obama promises a proportional response")
		return e != nil && e.Importance == 1
	})
	ui.Redo()
	if e := byTitle(ui.store, "Obama promises a response"); e == nil || e.Importance != 1 {
		t.Fatalf("after redo: %+v", e)
	}
}

// TestSharedChooseAmongSeveral: a URL without a chronology's name, on a
// server that holds several, asks which one; the command line names them.
func TestSharedChooseAmongSeveral(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	url := newPGDatabase(t)
	file := datatest.DefaultFile(t)
	for _, name := range []string{"Desk copy", "Sony, the story"} {
		if _, errs, status := run("publish", file, "--to", url+"&chronology="+strings.ReplaceAll(name, " ", "+"), "--author", "Ana"); status != 0 {
			t.Fatalf("publish %s: %q", name, errs)
		}
	}
	if _, errs, status := run("list", url); status != 1 || !strings.Contains(errs, `the server holds 2 chronologies; name one with ?chronology=NAME ("Desk copy", "Sony, the story"…)`) {
		t.Errorf("list without a name: %d %q", status, errs)
	}
	ui, _ := sharedTestUI(t, "Ana")
	ui.OpenShared(url)
	if ui.chronologyPick == nil || strings.Join(ui.chronologyPick.Options, "|") != "Desk copy|Sony, the story" {
		t.Fatalf("no choice of chronologies (%v)", ui.chronologyPick)
	}
	ui.chronologyPick.SetSelected("Sony, the story")
	tapTop(t, ui, "Open")
	if ui.shared == nil || ui.shared.target.Name != "Sony, the story" || ui.total != 18 {
		t.Fatalf("after choosing: session %v, %d events", ui.shared, ui.total)
	}
}
