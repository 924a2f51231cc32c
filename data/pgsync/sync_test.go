package pgsync_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/pgsync"
	"chronoscope/data/pgsync/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

var dbs struct {
	sync.Mutex
	n int
}

// role returns a role name of its own for this test run (roles are the
// server's, not a database's, and -count runs a test again).
func role(base string) string {
	dbs.Lock()
	defer dbs.Unlock()
	dbs.n++
	return fmt.Sprintf("%s%d", base, dbs.n)
}

// newServer returns a fresh database on the test server, as a target.
func newServer(t testing.TB) pgsync.Target {
	t.Helper()
	dbs.Lock()
	dbs.n++
	name := fmt.Sprintf("sync%d", dbs.n)
	dbs.Unlock()
	url, err := pgtest.Current.CreateDatabase(name)
	if err != nil {
		t.Fatal(err)
	}
	return pgsync.Target{URL: url}
}

// canon is a chronology's content without ids or keys, sorted, so that
// two copies compare.
func canon(t testing.TB, st *data.Store) string {
	t.Helper()
	var lines []string
	err := st.View(func(tx *data.Tx) error {
		c, err := tx.Chronology()
		if err != nil {
			return err
		}
		lines = append(lines, fmt.Sprintf("chronology %q %q %q", c.Title, c.Description, c.Zone))
		actors, err := tx.Actors()
		if err != nil {
			return err
		}
		names := map[int64]string{}
		for _, a := range actors {
			names[a.ID] = a.Name
			lines = append(lines, fmt.Sprintf("actor %q %s %s %q %d", a.Name, a.Kind, a.Color, a.Description, a.Position))
		}
		sources, err := tx.Sources()
		if err != nil {
			return err
		}
		srcs := map[int64]string{}
		for _, s := range sources {
			srcs[s.ID] = s.Title
			lines = append(lines, fmt.Sprintf("source %q %q %q %s", s.Title, s.Publisher, s.URL, s.Published))
		}
		titles := map[int64]string{}
		err = tx.EachEvent(data.Filter{}, func(e *data.Event) error {
			titles[e.ID] = e.Title
			var who []string
			for _, p := range e.Actors {
				who = append(who, names[p.ActorID]+":"+p.Role)
			}
			cits, err := tx.Citations(e.ID)
			if err != nil {
				return err
			}
			var cs []string
			for _, c := range cits {
				cs = append(cs, srcs[c.SourceID]+"|"+c.Quote)
			}
			ims, err := tx.EventImages(e.ID)
			if err != nil {
				return err
			}
			lines = append(lines, fmt.Sprintf("event %q %s %s %s %d %q %v %v %v images=%d", e.Title, e.Start, e.End, e.Certainty,
				e.Importance, e.Description, e.Tags, who, cs, len(ims)))
			return nil
		})
		if err != nil {
			return err
		}
		return tx.StoryLinks(func(l data.StoryLink) error {
			lines = append(lines, fmt.Sprintf("link %q %s %q %s %q cits=%d", titles[l.From], l.Kind, titles[l.To], l.Certainty, l.Note, len(l.Citations)))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// editor is one person's window: a copy and its client.
type editor struct {
	st *data.Store
	c  *pgsync.Client

	mu      sync.Mutex
	notices []pgsync.Notice
}

func clone(t testing.TB, target pgsync.Target, author string) *editor {
	t.Helper()
	st, err := pgsync.Clone(context.Background(), target, "", filepath.Join(t.TempDir(), author+".chrono"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return open(t, st, author)
}

func open(t testing.TB, st *data.Store, author string) *editor {
	t.Helper()
	c, err := pgsync.NewClient(st, "", author)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	e := &editor{st: st, c: c}
	c.OnNotice = func(n pgsync.Notice) {
		e.mu.Lock()
		e.notices = append(e.notices, n)
		e.mu.Unlock()
	}
	return e
}

func (e *editor) sync(t testing.TB) {
	t.Helper()
	if err := e.c.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// event returns the copy's event with the title.
func (e *editor) event(t testing.TB, title string) *data.Event {
	t.Helper()
	var found *data.Event
	err := e.st.View(func(tx *data.Tx) error {
		return tx.EachEvent(data.Filter{}, func(ev *data.Event) error {
			if ev.Title == title {
				found = ev
			}
			return nil
		})
	})
	if err != nil || found == nil {
		t.Fatalf("no event %q (%v)", title, err)
	}
	return found
}

func (e *editor) retitle(t testing.TB, from, to string) {
	t.Helper()
	ev := e.event(t, from)
	ev.Title = to
	if err := e.st.UpdateEvent(ev); err != nil {
		t.Fatal(err)
	}
}

func publishDefault(t testing.TB) pgsync.Target {
	t.Helper()
	target := newServer(t)
	src := datatest.DefaultStore(t)
	name, err := pgsync.Publish(context.Background(), src, target, "", "ana")
	if err != nil {
		t.Fatal(err)
	}
	target.Name = name
	return target
}

func TestPublishAndClone(t *testing.T) {
	target := newServer(t)
	src := datatest.DefaultStore(t)
	name, err := pgsync.Publish(context.Background(), src, target, "", "ana")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := src.Chronology()
	if name != c.Title {
		t.Errorf("published as %q, want the title %q", name, c.Title)
	}
	target.Name = name
	a, b := clone(t, target, "ben"), clone(t, target, "cy")
	want := canon(t, src)
	if got := canon(t, a.st); got != want {
		t.Errorf("the copy differs from the file:\n%s\nwant\n%s", got, want)
	}
	if canon(t, b.st) != want {
		t.Error("a second copy differs from the file")
	}
	n, _ := a.st.Count(data.Filter{})
	if n != 18 {
		t.Errorf("copy has %d events, want 18", n)
	}
	// Publishing the same name again is refused, naming it.
	if _, err := pgsync.Publish(context.Background(), src, target, "", "ana"); err == nil || !strings.Contains(err.Error(), name) {
		t.Errorf("second publish: %v, want a refusal naming %q", err, name)
	}
	// A copy holds no unsent change after cloning.
	if p, _ := a.c.Pending(); p != 0 {
		t.Errorf("fresh copy has %d pending changes", p)
	}
}

func TestEditorsConverge(t *testing.T) {
	target := publishDefault(t)
	a, b, c := clone(t, target, "ana"), clone(t, target, "ben"), clone(t, target, "cy")

	// Ana adds an event with a new actor and a citation of a new source.
	actor := data.Actor{Name: "Newsroom", Kind: data.KindOrganisation, Color: "#336699"}
	if err := a.st.CreateActor(&actor); err != nil {
		t.Fatal(err)
	}
	ev := data.Event{Title: "Ana's event", Start: data.DayDate(2014, 12, 20),
		Certainty: data.Reported, Importance: 3, Actors: []data.Participant{{ActorID: actor.ID, Role: "reporter"}}}
	if err := a.st.CreateEvent(&ev); err != nil {
		t.Fatal(err)
	}
	src := data.Source{Title: "Ana's notes", URL: "https://example.org/notes"}
	if err := a.st.CreateSource(&src); err != nil {
		t.Fatal(err)
	}
	if err := a.st.CreateCitation(&data.Citation{EventID: ev.ID, SourceID: src.ID, Quote: "seen"}); err != nil {
		t.Fatal(err)
	}
	// Ben changes a title, Cy deletes an event and changes another's certainty.
	b.retitle(t, "Hackers breach Sony Pictures", "Sony Pictures is breached")
	gone := c.event(t, "China says it needs evidence before drawing conclusions")
	if err := c.st.DeleteEvent(gone.ID); err != nil {
		t.Fatal(err)
	}
	for _, e := range []*editor{a, b, c, a, b, c} {
		e.sync(t)
	}
	want := canon(t, a.st)
	for i, e := range []*editor{b, c} {
		if got := canon(t, e.st); got != want {
			t.Errorf("editor %d differs:\n%s\nwant\n%s", i+1, got, want)
		}
	}
	if !strings.Contains(want, `"Ana's event"`) || !strings.Contains(want, "Newsroom:reporter") || !strings.Contains(want, "Ana's notes|seen") {
		t.Errorf("Ana's event, actor or citation did not arrive:\n%s", want)
	}
	if !strings.Contains(want, "Sony Pictures is breached") || strings.Contains(want, "China says it needs evidence") {
		t.Errorf("Ben's title or Cy's delete did not arrive")
	}
	if n, _ := c.st.Count(data.Filter{}); n != 18 {
		t.Errorf("%d events, want 18 (one added, one deleted)", n)
	}
	// A newcomer's copy is the same.
	if got := canon(t, clone(t, target, "dee").st); got != want {
		t.Errorf("a new copy differs:\n%s\nwant\n%s", got, want)
	}
}

// admin runs SQL on the target's database as the test server's superuser.
func admin(t testing.TB, target pgsync.Target, sql string, args ...any) {
	t.Helper()
	conn, err := pgsync.Connect(context.Background(), target, "")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// count returns one number from the target's database.
func count(t testing.TB, target pgsync.Target, sql string, args ...any) int {
	t.Helper()
	conn, err := pgsync.Connect(context.Background(), target, "")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func (e *editor) noticesSaying(s string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, x := range e.notices {
		if strings.Contains(x.Message, s) {
			n++
		}
	}
	return n
}

func TestSameFieldLaterWins(t *testing.T) {
	target := publishDefault(t)
	a, b := clone(t, target, "ana"), clone(t, target, "ben")
	a.retitle(t, "Hackers breach Sony Pictures", "Ana's title")
	b.retitle(t, "Hackers breach Sony Pictures", "Ben's title")
	// Ben also changes another field of the same event: no conflict there.
	ev := b.event(t, "Ben's title")
	ev.Importance = 1
	if err := b.st.UpdateEvent(ev); err != nil {
		t.Fatal(err)
	}
	a.sync(t)
	b.sync(t) // later at the server: Ben's title wins
	a.sync(t)
	for _, e := range []*editor{a, b} {
		got := e.event(t, "Ben's title")
		if got.Importance != 1 {
			t.Errorf("importance %d, want Ben's 1", got.Importance)
		}
	}
	if canon(t, a.st) != canon(t, b.st) {
		t.Error("the copies differ after the conflict")
	}
	if n := count(t, target, `SELECT count(*) FROM chronoscope.history WHERE field = 'title' AND value = '"Ana''s title"' AND author = 'ana'`); n != 1 {
		t.Errorf("history holds Ana's title %d times, want 1", n)
	}
	if b.noticesSaying("ana had also changed \"Ben's title\"") != 1 {
		t.Errorf("Ben's notices: %+v", b.notices)
	}
	if a.noticesSaying("ben changed \"Ben's title\" after you") != 1 {
		t.Errorf("Ana's notices: %+v", a.notices)
	}
}

func TestEditOfDeletedEventComesBackAsNew(t *testing.T) {
	target := publishDefault(t)
	a, b := clone(t, target, "ana"), clone(t, target, "ben")
	gone := a.event(t, "Obama promises a proportional response")
	if err := a.st.DeleteEvent(gone.ID); err != nil {
		t.Fatal(err)
	}
	a.sync(t)
	b.retitle(t, "Obama promises a proportional response", "Obama promises a response")
	b.sync(t)
	b.sync(t)
	a.sync(t)
	for _, e := range []*editor{a, b} {
		e.event(t, "Obama promises a response")
		if n, _ := e.st.Count(data.Filter{}); n != 18 {
			t.Errorf("%d events, want 18", n)
		}
	}
	if canon(t, a.st) != canon(t, b.st) {
		t.Error("the copies differ")
	}
	if b.noticesSaying("ana deleted \"Obama promises a response\"; your edit is kept as a new event") != 1 {
		t.Errorf("Ben's notices: %+v", b.notices)
	}
}

func TestOfflineEditsWaitAndSurviveARestart(t *testing.T) {
	target := publishDefault(t)
	a, b := clone(t, target, "ana"), clone(t, target, "ben")
	path := a.st.Path()
	if err := pgtest.Current.Kill(); err != nil {
		t.Fatal(err)
	}
	restarted := false
	defer func() {
		if !restarted {
			pgtest.Current.Restart()
		}
	}()
	a.c.Close()
	for i := range 12 {
		ev := data.Event{Title: fmt.Sprintf("Offline %d", i), Start: data.DayDate(2014, 12, 27), Certainty: data.Reported, Importance: 2}
		if err := a.st.CreateEvent(&ev); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.c.Sync(context.Background()); err == nil {
		t.Fatal("sync with the server down succeeded")
	}
	st := a.c.Status()
	if st.Online || st.Pending != 12 {
		t.Errorf("status offline: %+v, want offline with 12 pending", st)
	}
	// The app is killed: the copy is closed with the changes unsent.
	a.c.Close()
	if err := a.st.Close(); err != nil {
		t.Fatal(err)
	}
	if err := pgtest.Current.Restart(); err != nil {
		t.Fatal(err)
	}
	restarted = true
	st2, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st2.Close() })
	a2 := open(t, st2, "ana")
	if p, _ := a2.c.Pending(); p != 12 {
		t.Errorf("after reopening, %d pending, want 12", p)
	}
	a2.sync(t)
	b.sync(t)
	if n, _ := b.st.Count(data.Filter{}); n != 30 {
		t.Errorf("Ben has %d events, want 30", n)
	}
	if p, _ := a2.c.Pending(); p != 0 {
		t.Errorf("%d still pending", p)
	}
	if a2.c.Status().Online != true {
		t.Error("status not online after the sync")
	}
}

func TestChangeSentTwiceIsAppliedOnce(t *testing.T) {
	target := publishDefault(t)
	a, b := clone(t, target, "ana"), clone(t, target, "ben")
	a.retitle(t, "Hackers breach Sony Pictures", "Retitled once")
	ev := data.Event{Title: "Created once", Start: data.DayDate(2014, 12, 28), Certainty: data.Reported, Importance: 2}
	if err := a.st.CreateEvent(&ev); err != nil {
		t.Fatal(err)
	}
	if _, err := a.c.Queue(); err != nil {
		t.Fatal(err)
	}
	var items []data.OutboxItem
	a.st.View(func(tx *data.Tx) error {
		var err error
		items, err = tx.Outbox(100)
		return err
	})
	if len(items) != 2 {
		t.Fatalf("%d changes queued, want 2", len(items))
	}
	before := count(t, target, "SELECT count(*) FROM chronoscope.change")
	a.sync(t)
	// The answer was lost (the app died before noting it): the changes
	// are still in the outbox, and go again.
	if err := a.st.Update(func(tx *data.Tx) error {
		for _, it := range items {
			if err := tx.AddOutbox(it.ID, it.Body); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	a.sync(t)
	if got := count(t, target, "SELECT count(*) FROM chronoscope.change") - before; got != 2 {
		t.Errorf("the server logged %d changes, want 2", got)
	}
	b.sync(t)
	if n, _ := b.st.Count(data.Filter{}); n != 19 {
		t.Errorf("Ben has %d events, want 19", n)
	}
	if canon(t, a.st) != canon(t, b.st) {
		t.Error("the copies differ")
	}
}

func TestDroppedConnection(t *testing.T) {
	target := publishDefault(t)
	a, b := clone(t, target, "ana"), clone(t, target, "ben")
	a.sync(t)
	db := target.URL[strings.LastIndex(target.URL, "/")+1:]
	db, _, _ = strings.Cut(db, "?")
	if err := pgtest.Current.TerminateBackends(db); err != nil {
		t.Fatal(err)
	}
	a.retitle(t, "Hackers breach Sony Pictures", "After the drop")
	if err := a.c.Sync(context.Background()); err != nil {
		a.sync(t) // the first may fail on the dropped connection; the next reconnects
	}
	b.sync(t)
	b.event(t, "After the drop")
	if canon(t, a.st) != canon(t, b.st) {
		t.Error("the copies differ")
	}
}

func TestReadOnlyRole(t *testing.T) {
	target := publishDefault(t)
	reader := role("reader")
	if err := pgtest.Current.CreateRole(reader, "s3cret-reader"); err != nil {
		t.Fatal(err)
	}
	admin(t, target, "GRANT USAGE ON SCHEMA chronoscope TO "+reader)
	admin(t, target, "GRANT SELECT ON ALL TABLES IN SCHEMA chronoscope TO "+reader)
	db := target.URL[strings.LastIndex(target.URL, "/")+1:]
	db, _, _ = strings.Cut(db, "?")
	ro := pgsync.Target{URL: pgtest.Current.UserURL(db, reader, "s3cret-reader"), Name: target.Name}
	r := clone(t, ro, "teacher")
	if n, _ := r.st.Count(data.Filter{}); n != 18 {
		t.Errorf("reader's copy has %d events, want 18", n)
	}
	w := clone(t, target, "ana")
	w.retitle(t, "Hackers breach Sony Pictures", "Seen by the reader")
	w.sync(t)
	r.sync(t)
	r.event(t, "Seen by the reader")
	if !r.c.Status().ReadOnly {
		t.Error("status is not read-only")
	}
	r.retitle(t, "Seen by the reader", "Reader's edit")
	if err := r.c.Sync(context.Background()); !errors.Is(err, pgsync.ErrReadOnly) {
		t.Errorf("read-only sync of an edit: %v, want ErrReadOnly", err)
	}
	if n := count(t, target, `SELECT count(*) FROM chronoscope.entity WHERE body->>'title' = 'Reader''s edit'`); n != 0 {
		t.Error("the reader's edit reached the server")
	}
}

func TestWrongPassword(t *testing.T) {
	target := publishDefault(t)
	writer := role("writer")
	if err := pgtest.Current.CreateRole(writer, "right-pw-123"); err != nil {
		t.Fatal(err)
	}
	db := target.URL[strings.LastIndex(target.URL, "/")+1:]
	db, _, _ = strings.Cut(db, "?")
	bad := pgsync.Target{URL: pgtest.Current.UserURL(db, writer, "wrong-pw-456"), Name: target.Name}
	_, err := pgsync.Clone(context.Background(), bad, "", filepath.Join(t.TempDir(), "x.chrono"))
	if !errors.Is(err, pgsync.ErrPassword) {
		t.Fatalf("wrong password: %v, want ErrPassword", err)
	}
	if strings.Contains(err.Error(), "wrong-pw-456") || !strings.Contains(err.Error(), `"`+writer+`"`) {
		t.Errorf("message %q shows the password or does not name the user", err)
	}
	// The same with the password given apart from the URL.
	plain := pgsync.Target{URL: pgtest.Current.UserURL(db, writer, ""), Name: target.Name}
	_, err = pgsync.Clone(context.Background(), plain, "wrong-pw-789", filepath.Join(t.TempDir(), "y.chrono"))
	if !errors.Is(err, pgsync.ErrPassword) || strings.Contains(err.Error(), "wrong-pw-789") {
		t.Errorf("wrong password apart: %v", err)
	}
	if _, err := os.Stat(filepath.Join(t.TempDir(), "x.chrono")); err == nil {
		t.Error("a failed clone left a file")
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	target := publishDefault(t)
	admin(t, target, "UPDATE chronoscope.version SET version = $1", pgsync.SchemaVersion+1)
	path := filepath.Join(t.TempDir(), "x.chrono")
	_, err := pgsync.Clone(context.Background(), target, "", path)
	if !errors.Is(err, pgsync.ErrSchemaTooNew) {
		t.Errorf("clone of a newer schema: %v, want ErrSchemaTooNew", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("the refused clone left a file")
	}
	src := datatest.DefaultStore(t)
	if _, err := pgsync.Publish(context.Background(), src, pgsync.Target{URL: target.URL, Name: "other"}, "", "ana"); !errors.Is(err, pgsync.ErrSchemaTooNew) {
		t.Errorf("publish to a newer schema: %v, want ErrSchemaTooNew", err)
	}
}

// TestEditSendsOnlyTheChangedField: a copy made from the server (whose
// jsonb orders object keys its own way) sends only the field an edit
// changed, not the event's actors and citations too, which would make
// false conflicts with anyone editing those.
func TestEditSendsOnlyTheChangedField(t *testing.T) {
	target := publishDefault(t)
	a := clone(t, target, "ana")
	a.retitle(t, "Hackers breach Sony Pictures", "Sony Pictures is hacked")
	if n, err := a.c.Queue(); err != nil || n != 1 {
		t.Fatalf("queued %d changes (%v), want 1", n, err)
	}
	var items []data.OutboxItem
	a.st.View(func(tx *data.Tx) error {
		var err error
		items, err = tx.Outbox(10)
		return err
	})
	var op struct {
		Op     string
		Fields map[string]any
	}
	if len(items) != 1 {
		t.Fatalf("%d changes in the outbox", len(items))
	}
	if err := json.Unmarshal(items[0].Body, &op); err != nil {
		t.Fatal(err)
	}
	if len(op.Fields) != 1 || op.Fields["title"] != "Sony Pictures is hacked" || op.Op != "update" {
		t.Errorf("the change is %s %v, want an update of the title alone", op.Op, op.Fields)
	}
}

// TestNotifyWakesTheClient: with polling set to an hour, a running
// client still applies another's change at once: the server's NOTIFY
// wakes it.
func TestNotifyWakesTheClient(t *testing.T) {
	target := publishDefault(t)
	a, b := clone(t, target, "ana"), clone(t, target, "ben")
	old := pgsync.PollEvery
	pgsync.PollEvery = time.Hour
	defer func() { pgsync.PollEvery = old }()
	changed := make(chan struct{}, 10)
	a.c.OnChange = func() { changed <- struct{}{} }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { a.c.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	// Run's first sync, then time for its LISTEN to be in place.
	time.Sleep(500 * time.Millisecond)
	b.retitle(t, "Hackers breach Sony Pictures", "Woken by NOTIFY")
	b.sync(t)
	select {
	case <-changed:
	case <-time.After(20 * time.Second):
		t.Fatal("the running client did not apply the change without polling")
	}
	a.event(t, "Woken by NOTIFY")
}
