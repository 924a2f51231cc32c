package pgsync_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"chronoscope/data"
	"chronoscope/data/pgsync"
	"chronoscope/data/pgsync/pgtest"
)

// Editors in separate processes: the tests start this test binary again
// with editorEnv set to an editorJob in JSON, and the copy of this binary
// does that job instead of running tests.

// editorEnv names the environment variable that makes this test binary an
// editor process.
const editorEnv = "CHRONOSCOPE_PGSYNC_EDITOR"

// init runs the editor process's job and exits when editorEnv is set. It
// does so before TestMain, whose pgtest.Main would start a PostgreSQL
// server of the process's own (an initdb per editor, and one left running
// by an editor killed with SIGKILL until the next run reaps it): an editor
// uses the parent's server, named in its job. Unset, as in every ordinary
// run, it does nothing.
func init() {
	if spec := os.Getenv(editorEnv); spec != "" {
		os.Exit(runEditorProcess(spec))
	}
}

// editorJob is what an editor process does: it makes Edits edits of
// editorPlan on its copy, syncing after every SyncEvery, then syncs until
// nothing is left to send, and exits.
type editorJob struct {
	Author    string        // the editor's name, which starts its events' titles
	URL, Name string        // the shared chronology, for cloning
	Copy      string        // the copy's path: cloned first when there is none
	Log       string        // each edit's title is appended here, fsync'd, after the copy's Update returns
	Edits     int           // how many edits
	SyncEvery int           // sync after this many edits
	Pause     time.Duration // between two edits
	// Offline says Sync errors are expected (the server may be down): the
	// editor keeps editing and syncs again later. Otherwise the first one
	// ends the process with an error.
	Offline bool
	// For bounds the process's life, so that an editor whose parent died
	// stops by itself.
	For time.Duration
}

// runEditorProcess does the job spec describes and returns the process's
// exit code; it reports errors on standard error.
func runEditorProcess(spec string) int {
	var job editorJob
	if err := json.Unmarshal([]byte(spec), &job); err != nil {
		fmt.Fprintf(os.Stderr, "editor process: %s: %v\n", editorEnv, err)
		return 2
	}
	failed, err := job.run()
	fmt.Printf("syncs failed: %d\n", failed)
	if err != nil {
		fmt.Fprintf(os.Stderr, "editor process %s: %v\n", job.Author, err)
		return 1
	}
	return 0
}

// run does the job and returns how many syncs failed.
func (j editorJob) run() (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), j.For)
	defer cancel()
	var st *data.Store
	var err error
	if _, statErr := os.Stat(j.Copy); statErr == nil {
		st, err = data.Open(j.Copy)
	} else {
		st, err = pgsync.Clone(ctx, pgsync.Target{URL: j.URL, Name: j.Name}, "", j.Copy)
	}
	if err != nil {
		return 0, err
	}
	defer st.Close()
	c, err := pgsync.NewClient(st, "", j.Author)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	log, err := os.OpenFile(j.Log, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return 0, err
	}
	defer log.Close()
	rows, err := st.Window(data.Filter{})
	if err != nil {
		return 0, err
	}
	sources, err := st.Sources()
	if err != nil {
		return 0, err
	}
	var shared int64
	for _, r := range rows {
		if r.Title == sharedEvent {
			shared = r.ID
		}
	}
	if shared == 0 || len(sources) == 0 {
		return 0, fmt.Errorf("%s has no event %q or no source", j.Copy, sharedEvent)
	}
	ids := map[int]int64{} // the copy's id of the event each create made
	failed := 0
	for i := range j.Edits {
		if ctx.Err() != nil {
			return failed, fmt.Errorf("edit %d: out of time (%v)", i, j.For)
		}
		e := editorPlan(j.Author, i)
		if err := e.apply(st, ids, shared, sources[0].ID); err != nil {
			return failed, fmt.Errorf("edit %d (%s %q): %w", i, e.op, e.title, err)
		}
		if _, err := fmt.Fprintln(log, e.title); err != nil {
			return failed, err
		}
		if err := log.Sync(); err != nil {
			return failed, err
		}
		if (i+1)%j.SyncEvery == 0 {
			if err := c.Sync(ctx); err != nil {
				if !j.Offline {
					return failed, fmt.Errorf("sync after edit %d: %w", i, err)
				}
				failed++
			}
		}
		time.Sleep(j.Pause)
	}
	for {
		err := c.Sync(ctx)
		if err == nil {
			p, err := c.Pending()
			if err != nil || p == 0 {
				return failed, err
			}
			continue
		}
		if !j.Offline || ctx.Err() != nil {
			return failed, fmt.Errorf("last sync: %w", err)
		}
		failed++
		time.Sleep(100 * time.Millisecond)
	}
}

// sharedEvent is the default chronology's event every editor process
// changes the importance of, so that their changes meet.
const sharedEvent = "Hackers breach Sony Pictures"

// plannedEdit is one edit of an editor process.
type plannedEdit struct {
	op         string // create, cite (a create with a citation), retitle, importance, delete, shared
	target     int    // the edit that created the event it changes
	title      string // the event's title after the edit (a deleted one's before it)
	importance int
}

// editorPlan is an editor's edit i, in a cycle of ten: five new events
// (one citing a source), two retitles, an importance change and a delete
// of its own events, and an importance change of sharedEvent.
func editorPlan(author string, i int) plannedEdit {
	base := i - i%10
	name := func(k int) string { return fmt.Sprintf("%s %d", author, base+k) }
	switch i % 10 {
	case 1:
		return plannedEdit{op: "cite", target: i, title: name(1), importance: 3}
	case 3:
		return plannedEdit{op: "retitle", target: base, title: name(0) + " retitled"}
	case 4:
		return plannedEdit{op: "importance", target: base + 1, title: name(1), importance: 5}
	case 6:
		return plannedEdit{op: "delete", target: base + 2, title: name(2)}
	case 8:
		return plannedEdit{op: "retitle", target: base + 7, title: name(7) + " retitled"}
	case 9:
		return plannedEdit{op: "shared", title: sharedEvent, importance: 1 + (i/10)%5}
	default: // 0, 2, 5, 7
		return plannedEdit{op: "create", target: i, title: name(i % 10), importance: 2}
	}
}

// apply makes the edit on the copy; ids holds the copy's ids of the
// events the plan's creates made.
func (e plannedEdit) apply(st *data.Store, ids map[int]int64, shared, source int64) error {
	switch e.op {
	case "create", "cite":
		ev := data.Event{Title: e.title, Start: data.DayDate(2014, 12, 1+e.target%28), Certainty: data.Reported, Importance: e.importance}
		if err := st.Update(func(tx *data.Tx) error {
			if err := tx.CreateEvent(&ev); err != nil {
				return err
			}
			if e.op == "cite" {
				return tx.CreateCitation(&data.Citation{EventID: ev.ID, SourceID: source, Quote: "said by " + e.title})
			}
			return nil
		}); err != nil {
			return err
		}
		ids[e.target] = ev.ID
		return nil
	case "delete":
		return st.DeleteEvent(ids[e.target])
	}
	id := ids[e.target]
	if e.op == "shared" {
		id = shared
	}
	ev, err := st.Event(id)
	if err != nil {
		return err
	}
	if e.op == "retitle" {
		ev.Title = e.title
	} else {
		ev.Importance = e.importance
	}
	return st.UpdateEvent(ev)
}

// expectedEvents is what an editor's own events are after its first n
// edits: a line per event, "title|importance|citations", sorted.
func expectedEvents(author string, n int) []string {
	type state struct {
		title            string
		importance, cits int
	}
	made := map[int]*state{}
	for i := range n {
		e := editorPlan(author, i)
		switch e.op {
		case "create":
			made[e.target] = &state{e.title, e.importance, 0}
		case "cite":
			made[e.target] = &state{e.title, e.importance, 1}
		case "retitle":
			made[e.target].title = e.title
		case "importance":
			made[e.target].importance = e.importance
		case "delete":
			delete(made, e.target)
		}
	}
	var out []string
	for _, s := range made {
		out = append(out, fmt.Sprintf("%s|%d|%d", s.title, s.importance, s.cits))
	}
	slices.Sort(out)
	return out
}

// copyEvents is a copy's events of an author, as expectedEvents has them.
func copyEvents(t testing.TB, st *data.Store, author string) []string {
	t.Helper()
	rows, err := st.Window(data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		if strings.HasPrefix(r.Title, author+" ") {
			out = append(out, fmt.Sprintf("%s|%d|%d", r.Title, r.Importance, r.Sources))
		}
	}
	slices.Sort(out)
	return out
}

// serverEvents is the server's events of an author, as expectedEvents has
// them: an event the server holds twice is there twice.
func serverEvents(t testing.TB, target pgsync.Target, author string) []string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgsync.Connect(ctx, target, "")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT e.body->>'title', (e.body->>'importance')::int, jsonb_array_length(coalesce(e.body->'citations', '[]'))
		FROM chronoscope.entity e JOIN chronoscope.chronology c ON c.id = e.chronology
		WHERE c.name = $1 AND e.kind = 'event' AND NOT e.deleted AND starts_with(e.body->>'title', $2)`, target.Name, author+" ")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var title string
		var importance, cits int
		if err := rows.Scan(&title, &importance, &cits); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s|%d|%d", title, importance, cits))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// editorProc is a running editor process.
type editorProc struct {
	job  editorJob
	cmd  *exec.Cmd
	out  bytes.Buffer // its standard output and error, to read once done
	done chan struct{}
	err  error // Wait's, once done
}

// startEditor starts an editor process for job on the target; the test's
// end kills it if it is still running.
func startEditor(t *testing.T, target pgsync.Target, job editorJob) *editorProc {
	t.Helper()
	job.URL, job.Name = target.URL, target.Name
	if job.For == 0 {
		job.For = 90 * time.Second
	}
	spec, err := json.Marshal(job)
	if err != nil {
		t.Fatal(err)
	}
	p := &editorProc{job: job, done: make(chan struct{})}
	p.cmd = exec.Command(os.Args[0], "-test.run=^$") // runs no test if editorEnv were not read
	p.cmd.Env = append(os.Environ(), editorEnv+"="+string(spec))
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// wait waits for the editor to end and fails unless it succeeded; it
// returns how many of its syncs failed.
func (p *editorProc) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(p.job.For + 30*time.Second):
		t.Fatalf("editor %s still running after %v", p.job.Author, p.job.For+30*time.Second)
	}
	if p.err != nil {
		t.Fatalf("editor %s: %v\n%s", p.job.Author, p.err, p.out.String())
	}
	var failed int
	if _, err := fmt.Sscanf(p.out.String(), "syncs failed: %d", &failed); err != nil {
		t.Fatalf("editor %s said %q", p.job.Author, p.out.String())
	}
	return failed
}

// kill kills the editor with SIGKILL and waits until it is gone.
func (p *editorProc) kill(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Fatal(err)
	}
	<-p.done
}

// logged returns the titles an editor logged: the edits it made.
func logged(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	var out []string
	for _, l := range lines {
		if strings.HasSuffix(l, "\n") { // a line cut short by a kill is not counted
			out = append(out, strings.TrimSuffix(l, "\n"))
		}
	}
	return out
}

// waitLogged waits until an editor has logged n edits.
func waitLogged(t *testing.T, p *editorProc, n int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for len(logged(t, p.job.Log)) < n {
		select {
		case <-p.done:
			t.Fatalf("editor %s ended before %d edits: %v\n%s", p.job.Author, n, p.err, p.out.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("editor %s made fewer than %d edits in 60 s", p.job.Author, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// checkLog checks that an editor logged its plan's titles, in order.
func checkLog(t *testing.T, author string, titles []string) {
	t.Helper()
	for i, got := range titles {
		if want := editorPlan(author, i).title; got != want {
			t.Fatalf("%s's log line %d is %q, want %q", author, i+1, got, want)
		}
	}
}

// reopen opens an editor process's copy in this process, as the app
// would after the process ended, and syncs it.
func reopen(t *testing.T, path, author string) *editor {
	t.Helper()
	st, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return open(t, st, author)
}

// converged syncs the copies until quiet, adds a fresh clone, and checks
// that all hold the same chronology, with each author's events as want
// has them on the server and in every copy.
func converged(t *testing.T, target pgsync.Target, eds []*editor, want map[string][]string) {
	t.Helper()
	if _, err := syncUntilQuiet(eds); err != nil {
		t.Fatal(err)
	}
	eds = append(eds, clone(t, target, "newcomer"))
	first := canon(t, eds[0].st)
	for i, e := range eds[1:] {
		if got := canon(t, e.st); got != first {
			t.Errorf("copy %d (%s) differs from copy 0 (%s):\n%s\nwant\n%s", i+1, e.st.Path(), eds[0].st.Path(), got, first)
		}
	}
	for author, lines := range want {
		if got := serverEvents(t, target, author); !slices.Equal(got, lines) {
			t.Errorf("the server holds %s's events as\n%s\nwant\n%s", author, strings.Join(got, "\n"), strings.Join(lines, "\n"))
		}
		for _, e := range eds {
			if got := copyEvents(t, e.st, author); !slices.Equal(got, lines) {
				t.Errorf("%s holds %s's events as\n%s\nwant\n%s", e.st.Path(), author, strings.Join(got, "\n"), strings.Join(lines, "\n"))
			}
		}
	}
}

// TestEditorProcessesConverge has three editors in processes of their own
// make 100 edits each (new events, retitles, deletes, a citation, and
// importance changes of one event they all change), syncing after every
// ten; then their copies and a newcomer's hold the same chronology, with
// every editor's events once each.
func TestEditorProcessesConverge(t *testing.T) {
	target := publishDefault(t)
	dir := t.TempDir()
	const edits = 100
	var procs []*editorProc
	want := map[string][]string{}
	for _, author := range []string{"ana", "ben", "cy"} {
		procs = append(procs, startEditor(t, target, editorJob{Author: author, Copy: filepath.Join(dir, author+".chrono"),
			Log: filepath.Join(dir, author+".log"), Edits: edits, SyncEvery: 10}))
		want[author] = expectedEvents(author, edits)
	}
	var eds []*editor
	for _, p := range procs {
		if failed := p.wait(t); failed != 0 {
			t.Errorf("editor %s: %d syncs failed", p.job.Author, failed)
		}
		titles := logged(t, p.job.Log)
		if len(titles) != edits {
			t.Errorf("editor %s logged %d edits, want %d", p.job.Author, len(titles), edits)
		}
		checkLog(t, p.job.Author, titles)
		eds = append(eds, reopen(t, p.job.Copy, p.job.Author))
	}
	if n := len(want["ana"]); n != 40 {
		t.Fatalf("the plan leaves %d of an editor's events after %d edits, want 40", n, edits)
	}
	converged(t, target, eds, want)
	// The shared event has the importance of the server's last change of
	// it.
	last := count(t, target, `SELECT (c.fields->>'importance')::int FROM chronoscope.change c
		JOIN chronoscope.entity e ON e.chronology = c.chronology AND e.kind = c.kind AND e.key = c.key
		WHERE e.body->>'title' = $1 AND c.fields ? 'importance' ORDER BY c.seq DESC LIMIT 1`, sharedEvent)
	if ev := eds[0].event(t, sharedEvent); ev.Importance != last {
		t.Errorf("%q has importance %d, want the last change's %d", sharedEvent, ev.Importance, last)
	}
	if n, _ := eds[0].st.Count(data.Filter{}); n != 18+3*40 {
		t.Errorf("%d events, want %d", n, 18+3*40)
	}
}

// TestEditorProcessKilledMidSync kills an editor process that edits and
// syncs after every edit with SIGKILL at a random moment, five times,
// each time with a new editor on a new copy. Reopened in this process and
// synced, each copy puts every edit its editor logged on the server, and
// each event once; then all copies converge.
func TestEditorProcessKilledMidSync(t *testing.T) {
	target := publishDefault(t)
	dir := t.TempDir()
	watcher := clone(t, target, "watcher")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 18))
	eds := []*editor{watcher}
	want := map[string][]string{}
	for round := range 5 {
		author := fmt.Sprintf("kid%d", round)
		p := startEditor(t, target, editorJob{Author: author, Copy: filepath.Join(dir, author+".chrono"),
			Log: filepath.Join(dir, author+".log"), Edits: 100_000, SyncEvery: 1, For: 60 * time.Second})
		waitLogged(t, p, 1)
		delay := time.Duration(50+rng.IntN(1200)) * time.Millisecond
		time.Sleep(delay)
		p.kill(t)
		titles := logged(t, p.job.Log)
		checkLog(t, author, titles)
		e := reopen(t, p.job.Copy, author)
		pending, err := e.c.Pending()
		if err != nil {
			t.Fatal(err)
		}
		lost := answersLost(t, target, e)
		e.sync(t)
		t.Logf("%s killed %v after its first edit, having logged %d edits, with %d changes unsent and %d sent whose answer it never had",
			author, delay, len(titles), pending, lost)
		// The edit under way when the kill came may have been made, not
		// logged.
		got := serverEvents(t, target, author)
		exp := expectedEvents(author, len(titles))
		if next := expectedEvents(author, len(titles)+1); slices.Equal(got, next) {
			exp = next
		}
		if !slices.Equal(got, exp) {
			t.Fatalf("after %d logged edits the server holds %s's events as\n%s\nwant\n%s", len(titles), author,
				strings.Join(got, "\n"), strings.Join(exp, "\n"))
		}
		want[author] = exp
		eds = append(eds, e)
	}
	converged(t, target, eds, want)
}

// answersLost counts the changes in a copy's outbox that the server has
// logged: sent, but the copy never had the answer.
func answersLost(t *testing.T, target pgsync.Target, e *editor) int {
	t.Helper()
	var ids []string
	err := e.st.View(func(tx *data.Tx) error {
		items, err := tx.Outbox(1 << 20)
		for _, it := range items {
			ids = append(ids, it.ID)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return count(t, target, "SELECT count(*) FROM chronoscope.change WHERE id = ANY($1)", ids)
}

// TestServerKilledWhileEditorProcessesSync kills the server (as a crash
// would) while two editor processes edit and sync, and starts it again a
// second later; the editors keep editing offline and then converge, with
// no edit lost or doubled.
func TestServerKilledWhileEditorProcessesSync(t *testing.T) {
	target := publishDefault(t)
	dir := t.TempDir()
	const edits = 150
	var procs []*editorProc
	want := map[string][]string{}
	for _, author := range []string{"dee", "eve"} {
		procs = append(procs, startEditor(t, target, editorJob{Author: author, Copy: filepath.Join(dir, author+".chrono"),
			Log: filepath.Join(dir, author+".log"), Edits: edits, SyncEvery: 3, Pause: 20 * time.Millisecond, Offline: true}))
		want[author] = expectedEvents(author, edits)
	}
	for _, p := range procs {
		waitLogged(t, p, 20)
	}
	if err := pgtest.Current.Kill(); err != nil {
		t.Fatal(err)
	}
	restarted := false
	defer func() {
		if !restarted {
			pgtest.Current.Restart()
		}
	}()
	for _, p := range procs {
		if n := len(logged(t, p.job.Log)); n >= edits {
			t.Fatalf("editor %s had made all its edits before the server was killed", p.job.Author)
		}
	}
	time.Sleep(time.Second)
	if err := pgtest.Current.Restart(); err != nil {
		t.Fatal(err)
	}
	restarted = true
	var eds []*editor
	failed := 0
	for _, p := range procs {
		failed += p.wait(t)
		checkLog(t, p.job.Author, logged(t, p.job.Log))
		eds = append(eds, reopen(t, p.job.Copy, p.job.Author))
	}
	if failed == 0 {
		t.Error("no editor's sync failed while the server was down")
	}
	converged(t, target, eds, want)
}
