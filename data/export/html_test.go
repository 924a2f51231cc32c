package export_test

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/export"
)

func renderHTML(t *testing.T, s *data.Store, opt export.Options) string {
	t.Helper()
	if opt.Now == nil {
		opt.Now = fixedNow
	}
	return render(t, s, func(tx *data.Tx, b *bytes.Buffer) error { return export.WriteHTML(tx, b, opt) })
}

// page is a parsed HTML page with helpers to query it.
type page struct {
	t    *testing.T
	src  string
	root *xhtml.Node
}

func parsePage(t *testing.T, src string) *page {
	t.Helper()
	root, err := xhtml.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatalf("the page does not parse: %v", err)
	}
	return &page{t: t, src: src, root: root}
}

func attr(n *xhtml.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *xhtml.Node, class string) bool {
	v, _ := attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

// all returns the elements (under n, n included) for which keep is true.
func all(n *xhtml.Node, keep func(*xhtml.Node) bool) []*xhtml.Node {
	var out []*xhtml.Node
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && keep(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func tag(name string) func(*xhtml.Node) bool {
	return func(n *xhtml.Node) bool { return n.Data == name }
}

func classed(name, class string) func(*xhtml.Node) bool {
	return func(n *xhtml.Node) bool { return (name == "" || n.Data == name) && hasClass(n, class) }
}

// text is the text content of n.
func text(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// scripts returns the page's script elements.
func (p *page) scripts() []*xhtml.Node { return all(p.root, tag("script")) }

// data decodes the JSON block the page's script reads.
func (p *page) data() pageData {
	p.t.Helper()
	var blocks []*xhtml.Node
	for _, s := range p.scripts() {
		if ty, _ := attr(s, "type"); ty == "application/json" {
			blocks = append(blocks, s)
		}
	}
	if len(blocks) != 1 {
		p.t.Fatalf("%d JSON blocks, want 1", len(blocks))
	}
	if id, _ := attr(blocks[0], "id"); id != "chronology" {
		p.t.Errorf("the JSON block's id is %q, want chronology", id)
	}
	var d pageData
	if err := json.Unmarshal([]byte(text(blocks[0])), &d); err != nil {
		p.t.Fatalf("the JSON block does not decode: %v\n%s", err, text(blocks[0]))
	}
	return d
}

type pageData struct {
	Title       string   `json:"title"`
	Certainties []string `json:"certainties"`
	Actors      []struct {
		ID    int64  `json:"id"`
		Name  string `json:"name"`
		Kind  string `json:"kind"`
		Color string `json:"color"`
	} `json:"actors"`
	Eras []struct {
		Title string `json:"title"`
		S     int64  `json:"s"`
		E     int64  `json:"e"`
		Color string `json:"color"`
	} `json:"eras"`
	Events []struct {
		ID    int64   `json:"id"`
		Title string  `json:"t"`
		Date  string  `json:"d"`
		S     int64   `json:"s"`
		E     int64   `json:"e"`
		Bar   bool    `json:"bar"`
		C     string  `json:"c"`
		I     int     `json:"i"`
		A     [][]any `json:"a"`
	} `json:"events"`
}

// checkSafe asserts what must hold of every page: one document whose only
// scripts are the JSON block and the inline script allowed by the CSP's
// hash; nothing that loads from anywhere; no event handler attributes; and
// every href a fragment or a URL data.CheckURL accepts, opened without a
// referrer or opener.
func (p *page) checkSafe() {
	t := p.t
	t.Helper()
	if !strings.HasPrefix(p.src, "<!DOCTYPE html>\n<html lang=\"en\">") {
		t.Errorf("the page does not start as an HTML5 document: %.60q", p.src)
	}
	if !strings.HasSuffix(p.src, "</html>\n") {
		t.Errorf("the page does not end with </html>")
	}
	for _, el := range []string{"html", "head", "body", "title", "main"} {
		if n := len(all(p.root, tag(el))); n != 1 {
			t.Errorf("%d <%s> elements, want 1", n, el)
		}
	}
	// The tokenizer sees the tags as written: they must nest properly, and
	// the raw text of the two scripts and the style must be what the
	// parser sees too.
	checkNesting(t, p.src)

	scripts := p.scripts()
	if len(scripts) != 2 {
		t.Fatalf("%d script elements, want 2 (the JSON block and the inline script)", len(scripts))
	}
	if n := strings.Count(strings.ToLower(p.src), "<script"); n != 2 {
		t.Errorf("%q occurs %d times, want 2", "<script", n)
	}
	if ty, _ := attr(scripts[0], "type"); ty != "application/json" {
		t.Errorf("the first script has type %q, want application/json", ty)
	}
	code := scripts[1]
	if len(code.Attr) != 0 {
		t.Errorf("the inline script has attributes %v", code.Attr)
	}
	csp := ""
	for _, m := range all(p.root, tag("meta")) {
		if v, _ := attr(m, "http-equiv"); strings.EqualFold(v, "Content-Security-Policy") {
			csp, _ = attr(m, "content")
		}
		if v, _ := attr(m, "name"); v == "referrer" {
			if c, _ := attr(m, "content"); c != "no-referrer" {
				t.Errorf("referrer policy %q, want no-referrer", c)
			}
		}
	}
	for _, want := range []string{"default-src 'none'", "connect-src 'none'", "img-src data:", "base-uri 'none'", "form-action 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	sum := sha256.Sum256([]byte(text(code)))
	if want := "script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, want) {
		t.Errorf("Content-Security-Policy %q does not allow the inline script by its hash (%s)", csp, want)
	}
	if !strings.Contains(p.src, `<meta name="referrer" content="no-referrer">`) {
		t.Error("no referrer meta")
	}
	// The script builds elements; it never parses markup or evaluates text.
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function(", "setAttribute(\"on", "fetch(", "XMLHttpRequest", "import("} {
		if strings.Contains(text(code), bad) {
			t.Errorf("the inline script uses %s", bad)
		}
	}

	// Nothing loads anything. (Unsafe URLs may be shown as text; the
	// attributes are checked below.)
	lower := strings.ToLower(p.src)
	// Pictures are <img> elements holding their bytes (checked below).
	for _, bad := range []string{"<script src", "<link", "@import", "url(", "<img src=\"http", "<iframe", "<object", "<embed", "<svg", "<base", "<form", "zgotmplz"} {
		if strings.Contains(lower, bad) {
			i := strings.Index(lower, bad)
			t.Errorf("the page holds %q: …%s…", bad, p.src[max(i-80, 0):min(i+80, len(p.src))])
		}
	}
	for _, n := range all(p.root, func(*xhtml.Node) bool { return true }) {
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("<%s> has an event handler attribute %s=%q", n.Data, a.Key, a.Val)
			}
			if n.Data == "img" && a.Key == "src" && dataImage.MatchString(a.Val) {
				continue
			}
			if a.Key == "src" || a.Key == "srcset" || a.Key == "action" || a.Key == "formaction" || a.Key == "background" || a.Key == "poster" {
				t.Errorf("<%s> loads %s=%q", n.Data, a.Key, a.Val)
			}
		}
		href, ok := attr(n, "href")
		if !ok {
			continue
		}
		if n.Data != "a" {
			t.Errorf("<%s href=%q>: only links may have an href", n.Data, href)
		}
		if strings.HasPrefix(href, "#") {
			continue
		}
		if err := data.CheckURL(href); err != nil {
			t.Errorf("link %q is not safe to open: %v", href, err)
		}
		if rel, _ := attr(n, "rel"); rel != "noopener noreferrer" {
			t.Errorf("link %q has rel=%q, want noopener noreferrer", href, rel)
		}
		if target, _ := attr(n, "target"); target != "_blank" {
			t.Errorf("link %q has target=%q, want _blank", href, target)
		}
	}
}

// dataImage is the only address an <img> may have: its own bytes.
var dataImage = regexp.MustCompile(`^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$`)

// voidElements have no end tag.
var voidElements = map[string]bool{"meta": true, "br": true, "input": true, "img": true, "hr": true, "link": true, "wbr": true}

// checkNesting tokenises src and checks that every element is closed, in
// order, and that the end tags of optional-close elements are not left out.
func checkNesting(t *testing.T, src string) {
	t.Helper()
	z := xhtml.NewTokenizer(strings.NewReader(src))
	var stack []string
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			if len(stack) > 0 {
				t.Errorf("unclosed elements at the end: %v", stack)
			}
			return
		case xhtml.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				stack = append(stack, string(name))
			}
		case xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				t.Errorf("self-closing <%s/>", name)
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				t.Errorf("</%s> closes %v", name, stack)
				return
			}
			stack = stack[:len(stack)-1]
		}
	}
}

func TestWriteHTMLDefaultChronology(t *testing.T) {
	s := datatest.DefaultStore(t)
	src := renderHTML(t, s, export.Options{})
	p := parsePage(t, src)
	p.checkSafe()

	// What the store holds, to compare with.
	type want struct {
		id          int64
		title, date string
		cert        data.Certainty
		actors      []string
	}
	var events []want
	var sources []data.Source
	var total int
	err := s.View(func(tx *data.Tx) error {
		var err error
		if total, err = tx.Count(data.Filter{}); err != nil {
			return err
		}
		names := map[int64]string{}
		actors, err := tx.Actors()
		if err != nil {
			return err
		}
		for _, a := range actors {
			names[a.ID] = a.Name
		}
		if sources, err = tx.Sources(); err != nil {
			return err
		}
		return tx.EachEvent(data.Filter{}, func(e *data.Event) error {
			w := want{id: e.ID, title: e.Title, cert: e.Certainty}
			w.date = e.DisplayDate
			if w.date == "" {
				w.date = e.Start.Format(e.Location())
				if !e.End.IsZero() {
					w.date += " – " + e.End.Format(e.Location())
				}
			}
			for _, a := range e.Actors {
				w.actors = append(w.actors, names[a.ActorID])
			}
			events = append(events, w)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if total != 18 || len(events) != 18 {
		t.Fatalf("the default chronology has %d events (%d read), want 18", total, len(events))
	}

	if h1 := all(p.root, tag("h1")); len(h1) != 1 || text(h1[0]) != "The Sony Pictures hack and its aftermath, 2014" {
		t.Errorf("h1 = %v", h1)
	}
	if titles := all(p.root, tag("title")); text(titles[0]) != "The Sony Pictures hack and its aftermath, 2014" {
		t.Errorf("title = %q", text(titles[0]))
	}
	if lede := all(p.root, classed("div", "lede")); len(lede) != 1 || !strings.Contains(text(lede[0]), "China's refusal to draw conclusions without evidence") {
		t.Error("the chronology's description is missing")
	}
	if !strings.Contains(src, "18 events · exported from Chronoscope on 1 June 2025") {
		t.Error("the header does not give the event count and export date")
	}

	// The static list: one entry per event, in time order, each with its
	// date at its precision, title, certainty and actors.
	items := all(p.root, classed("li", "event"))
	if len(items) != len(events) {
		t.Fatalf("%d list entries, want %d", len(items), len(events))
	}
	for i, it := range items {
		w := events[i]
		if id, _ := attr(it, "id"); id != "e-"+itoa(w.id) {
			t.Errorf("entry %d has id %q, want e-%d (time order)", i, id, w.id)
		}
		if got := text(all(it, classed("h3", "ev-title"))[0]); got != w.title {
			t.Errorf("entry %d title %q, want %q", i, got, w.title)
		}
		if got := text(all(it, classed("span", "ev-date"))[0]); got != w.date {
			t.Errorf("entry %d (%s) date %q, want %q", i, w.title, got, w.date)
		}
		badge := all(it, classed("span", "badge"))
		if len(badge) != 1 || !hasClass(badge[0], "badge-"+string(w.cert)) || !strings.EqualFold(text(badge[0]), string(w.cert)) {
			t.Errorf("entry %d (%s) certainty badge %v, want %s", i, w.title, badge, w.cert)
		}
		if !hasClass(it, "cert-"+string(w.cert)) {
			t.Errorf("entry %d (%s) lacks class cert-%s", i, w.title, w.cert)
		}
		actorText := ""
		if ul := all(it, classed("ul", "ev-actors")); len(ul) == 1 {
			actorText = text(ul[0])
		}
		for _, a := range w.actors {
			if !strings.Contains(actorText, a) {
				t.Errorf("entry %d (%s) does not name actor %s: %q", i, w.title, a, actorText)
			}
		}
	}
	// Dates at their precision, display dates as given, zones for times.
	for _, d := range []string{"2014-11-24", "mid-December 2014", "2014-12-19", "late December 2014",
		"22 December 2014, 16:15 UTC (01:15 on 23 December in Pyongyang) to about nine hours later", "2014-12-23 03:41 UTC"} {
		if !strings.Contains(src, `<span class="ev-date">`+html.EscapeString(d)+`</span>`) {
			t.Errorf("no event dated %q", d)
		}
	}
	// Roles are shown with the actors.
	first := items[0]
	if got := text(all(first, classed("ul", "ev-actors"))[0]); got != "Guardians of Peace attackerSony Pictures Entertainment target" {
		t.Errorf("first entry's actors read %q", got)
	}
	// Markdown emphasis in the description is rendered, as markup we made.
	if !strings.Contains(src, "A group calling itself the <strong>Guardians of Peace</strong> breaks into") {
		t.Error("the description's **emphasis** is not rendered")
	}
	// A certainty other than confirmed looks different: badges and
	// entries carry their certainty's class, and the style gives each one
	// its own look.
	for _, c := range data.Certainties {
		for _, sel := range []string{".badge-" + string(c) + " {", ".cert-" + string(c) + " {", ".mk." + string(c) + " {"} {
			if !strings.Contains(src, sel) {
				t.Errorf("the style sheet has no rule %q", sel)
			}
		}
	}

	// Every source with an address is linked to it; the article, whose
	// address neither it nor SOURCES.md gives, is named without a link.
	links := map[string]int{}
	for _, a := range all(p.root, tag("a")) {
		if href, _ := attr(a, "href"); !strings.HasPrefix(href, "#") {
			links[href]++
		}
	}
	for _, source := range sources {
		if source.URL == "" {
			if !strings.Contains(source.Title, "China not Eager") {
				t.Errorf("source %q has no address", source.Title)
			}
			if !strings.Contains(src, `<span class="src-name">`+html.EscapeString(source.Title)+`</span>`) {
				t.Errorf("source %q is not named", source.Title)
			}
			continue
		}
		if links[source.URL] == 0 {
			t.Errorf("source %q is not linked to %s", source.Title, source.URL)
		}
	}
	if n := len(all(p.root, classed("li", "src"))); n < 25 {
		t.Errorf("%d cited sources listed, want at least 25 (the default chronology's citations)", n)
	}
	// The FBI attribution cites Celebuzz with its quote and date.
	var fbi *xhtml.Node
	for _, e := range events {
		if e.title == "The FBI blames North Korea's government for the hack" {
			fbi = byID(t, p, e.id)
		}
	}
	if !strings.Contains(text(fbi), "FBI concludes North Korea behind Sony hacking scandal") || !strings.Contains(text(fbi), "Celebuzz") ||
		!strings.Contains(text(fbi), "published 2014-12-19") || !strings.Contains(text(fbi), "enough information to conclude that the North Korean government is responsible") {
		t.Errorf("the FBI attribution's sources read %q", text(fbi))
	}
	// A source that dates an event differently is flagged; one that agrees is not.
	for _, e := range events {
		entry := byID(t, p, e.id)
		conflicts := all(entry, classed("p", "conflict"))
		switch e.title {
		case "China says it needs evidence before drawing conclusions":
			if len(conflicts) != 1 || !strings.Contains(text(conflicts[0]), "2014-12-23") {
				t.Errorf("%s: conflicting dates %v, want the China Daily's 2014-12-23", e.title, conflicts)
			}
		default:
			if len(conflicts) != 0 {
				t.Errorf("%s: flagged a conflicting date: %q", e.title, text(conflicts[0]))
			}
		}
	}

	// No network address is anywhere but in the sources' links and text.
	for _, m := range regexp.MustCompile(`(?i)(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s"'<>)]*`).FindAllStringIndex(src, -1) {
		u := html.UnescapeString(src[m[0]:m[1]])
		if links[u] == 0 {
			t.Errorf("the page holds an address %q outside the sources' links: …%s…", u, src[max(m[0]-60, 0):min(m[1]+20, len(src))])
		}
	}

	// The JSON block has a compact record per event, in the same order,
	// and the actors (with their colours) that appear in them.
	d := p.data()
	if len(d.Events) != len(events) {
		t.Fatalf("the JSON block has %d events, want %d", len(d.Events), len(events))
	}
	for i, e := range d.Events {
		w := events[i]
		if e.ID != w.id || e.Title != w.title || e.Date != w.date || e.C != string(w.cert) || len(e.A) != len(w.actors) {
			t.Errorf("JSON event %d = %+v, want %+v", i, e, w)
		}
		if e.E <= e.S {
			t.Errorf("JSON event %d (%s) spans [%d, %d)", i, e.Title, e.S, e.E)
		}
	}
	if d.Events[0].S != time.Date(2014, 11, 24, 0, 0, 0, 0, time.UTC).Unix() || d.Events[0].E != time.Date(2014, 11, 25, 0, 0, 0, 0, time.UTC).Unix() {
		t.Errorf("the breach spans [%d, %d), want 24 November 2014", d.Events[0].S, d.Events[0].E)
	}
	if len(d.Actors) != 10 || d.Actors[0].Name != "United States" || d.Actors[0].Color != "#2f6fb3" {
		t.Errorf("JSON actors = %+v", d.Actors)
	}
	if len(d.Eras) != 2 || d.Eras[0].Title != "The breach and the leaks" {
		t.Errorf("JSON eras = %+v", d.Eras)
	}
	if strings.Join(d.Certainties, ",") != "confirmed,reported,claimed,disputed,denied" {
		t.Errorf("JSON certainties = %v", d.Certainties)
	}
	// The controls the script fills in are there, hidden until it runs.
	for _, id := range []string{"explore", "filters", "toolbar", "timeline", "details", "shown", "none-shown"} {
		if !strings.Contains(src, ` id="`+id+`"`) {
			t.Errorf("no element with id %q", id)
		}
	}
	if !strings.Contains(src, `<section id="explore" class="explore" aria-label="Timeline and filters" hidden>`) {
		t.Error("the timeline and filters are not hidden until the script shows them")
	}
	if !strings.Contains(src, "@media (prefers-color-scheme: dark)") || !strings.Contains(src, "@media print") {
		t.Error("the style sheet has no dark or print style")
	}
}

// byID returns the list entry of event id.
func byID(t *testing.T, p *page, id int64) *xhtml.Node {
	t.Helper()
	for _, li := range all(p.root, classed("li", "event")) {
		if v, _ := attr(li, "id"); v == "e-"+itoa(id) {
			return li
		}
	}
	t.Fatalf("no list entry for event %d", id)
	return nil
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// hostileStore holds user text meant to break out of every context of the
// page, and source URLs that must not be linked. The URLs go in with SQL,
// as a tampered file would hold them: the store itself refuses them.
func hostileStore(t *testing.T) (*data.Store, map[string]string) {
	t.Helper()
	const (
		breakout = `</script><script>alert(1)</script>`
		img      = `"><img src=x onerror=alert(1)>`
	)
	s := datatest.NewStore(t)
	var sourceIDs []int64
	err := s.Update(func(tx *data.Tx) error {
		if err := tx.SetChronology(data.Chronology{Title: "Title " + breakout, Description: "Desc " + img + "\n\n<b>raw</b> [click](javascript:alert(1)) [ok](https://example.org/ok) <script>alert(2)</script>"}); err != nil {
			return err
		}
		a := data.Actor{Name: "Actor " + breakout + img, Kind: data.KindGroup, Color: "#112233"}
		if err := tx.CreateActor(&a); err != nil {
			return err
		}
		e := data.Event{Title: "Event " + breakout, Description: "Line one " + img + "\nline two </textarea><!-- \u2028 ]]>",
			Start: data.DayDate(2014, 12, 1), Certainty: data.Denied, Importance: 3, Tags: []string{breakout},
			DisplayDate: "when " + img, Actors: []data.Participant{{ActorID: a.ID, Role: "role " + img}}}
		if err := tx.CreateEvent(&e); err != nil {
			return err
		}
		for i, title := range []string{"Source " + breakout, "Source " + img, "file", "opaque", "Safe"} {
			src := data.Source{Title: title, Publisher: "Pub " + img, Author: "Au " + breakout, URL: "https://example.com/" + string(rune('a'+i))}
			if err := tx.CreateSource(&src); err != nil {
				return err
			}
			sourceIDs = append(sourceIDs, src.ID)
			c := data.Citation{EventID: e.ID, SourceID: src.ID, Quote: "Quote " + breakout + img, Note: "Note " + img}
			if err := tx.CreateCitation(&c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Tamper with the file as an attacker would.
	db, err := sql.Open("sqlite3", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	urls := map[string]string{
		"javascript:alert(1)":                  "",
		`javascript:alert("x")//"><img src=x>`: "",
		"file:///etc/passwd":                   "",
		"https:evil.com":                       "",
		"https://example.net/safe?a=1&b=2":     "safe",
	}
	unsafe := []string{"javascript:alert(1)", `javascript:alert("x")//"><img src=x>`, "file:///etc/passwd", "https:evil.com", "https://example.net/safe?a=1&b=2"}
	for i, u := range unsafe {
		archive := ""
		if i == 0 {
			archive = "data:text/html,<script>alert(1)</script>"
		}
		if _, err := db.Exec("UPDATE source SET url = ?, archive_url = ? WHERE id = ?", u, archive, sourceIDs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec("UPDATE actor SET color = ?", "red;background:url(https://evil.example/x)"); err != nil {
		t.Fatal(err)
	}
	return s, urls
}

func TestWriteHTMLHostileData(t *testing.T) {
	s, urls := hostileStore(t)
	src := renderHTML(t, s, export.Options{})
	p := parsePage(t, src)
	p.checkSafe()

	const breakout = `</script><script>alert(1)</script>`
	const img = `"><img src=x onerror=alert(1)>`
	// User text comes through as text, whole.
	if h1 := all(p.root, tag("h1")); text(h1[0]) != "Title "+breakout {
		t.Errorf("h1 = %q", text(h1[0]))
	}
	entry := all(p.root, classed("li", "event"))
	if len(entry) != 1 {
		t.Fatalf("%d entries, want 1", len(entry))
	}
	for _, c := range []struct{ class, want string }{
		{"ev-title", "Event " + breakout},
		{"ev-date", "when " + img},
		{"ev-actors", "Actor " + breakout + img + " role " + img},
		{"ev-tags", breakout},
		{"ev-desc", "Line one " + img + "line two </textarea><!-- \u2028 ]]>"},
	} {
		got := all(entry[0], classed("", c.class))
		if len(got) != 1 || text(got[0]) != c.want {
			t.Errorf(".%s reads %v, want %q", c.class, got, c.want)
		}
	}
	for _, want := range []string{"Quote " + breakout + img, "Note " + img, "Pub " + img, "Au " + breakout, "Source " + breakout, "Source " + img} {
		found := false
		for _, n := range all(entry[0], func(n *xhtml.Node) bool {
			return n.Data == "blockquote" || n.Data == "p" || n.Data == "span" || n.Data == "a"
		}) {
			if text(n) == want {
				found = true
			}
		}
		if !found {
			t.Errorf("no element reads %q", want)
		}
	}
	// Raw HTML in Markdown is text; an unsafe Markdown link is text; a safe one is a link.
	lede := text(all(p.root, classed("div", "lede"))[0])
	for _, want := range []string{"Desc " + img, "<b>raw</b>", "click (javascript:alert(1))", "<script>alert(2)</script>"} {
		if !strings.Contains(lede, want) {
			t.Errorf("the description %q lacks the text %q", lede, want)
		}
	}
	if !strings.Contains(src, `<a href="https://example.org/ok" rel="noopener noreferrer" target="_blank">ok</a>`) {
		t.Error("the description's safe link is not a link")
	}
	// Unsafe source URLs are shown as text with a note, never linked; the
	// safe one is linked.
	var unlinked []string
	for _, n := range all(entry[0], classed("div", "src-unlinked")) {
		unlinked = append(unlinked, text(n))
	}
	for u, kind := range urls {
		shownAsText := false
		for _, n := range unlinked {
			if strings.Contains(n, u) && strings.Contains(n, "not linked") {
				shownAsText = true
			}
		}
		if kind == "safe" {
			if shownAsText || !strings.Contains(src, `href="https://example.net/safe?a=1&amp;b=2"`) {
				t.Errorf("safe URL %q is not linked", u)
			}
			continue
		}
		if !shownAsText {
			t.Errorf("unsafe URL %q is not shown as unlinked text (unlinked: %q)", u, unlinked)
		}
	}
	if !strings.Contains(strings.Join(unlinked, "\n"), "archived at data:text/html,<script>alert(1)</script> (not linked") {
		t.Errorf("the unsafe archive URL is not shown as text: %q", unlinked)
	}
	if n := len(all(entry[0], tag("a"))); n != 1 {
		t.Errorf("%d links in the entry, want 1 (the safe source)", n)
	}
	// A colour that is not #rrggbb does not reach the style.
	if strings.Contains(src, "evil.example") || !strings.Contains(src, `style="background-color: #6b7280"`) {
		t.Error("a tampered actor colour reached the page")
	}
	// The JSON block holds the text exactly, escaped so it cannot end the block.
	block := src[strings.Index(src, `<script type="application/json" id="chronology">`):]
	block = block[:strings.Index(block, "</script>")]
	for _, bad := range []string{"<", ">", "&", "\u2028"} {
		if strings.Contains(strings.TrimPrefix(block, `<script type="application/json" id="chronology">`), bad) {
			t.Errorf("the JSON block holds a raw %q", bad)
		}
	}
	d := p.data()
	if d.Title != "Title "+breakout || len(d.Events) != 1 || d.Events[0].Title != "Event "+breakout || d.Events[0].Date != "when "+img ||
		len(d.Actors) != 1 || d.Actors[0].Name != "Actor "+breakout+img || d.Actors[0].Color != "#6b7280" || d.Events[0].A[0][1] != "role "+img {
		t.Errorf("JSON = %+v", d)
	}
}

func TestWriteHTMLFilter(t *testing.T) {
	s := datatest.DefaultStore(t)
	claimed := export.Options{Filter: data.Filter{Certainties: []data.Certainty{data.Claimed}}}
	p := parsePage(t, renderHTML(t, s, claimed))
	p.checkSafe()
	items := all(p.root, classed("li", "event"))
	var titles []string
	for _, it := range items {
		titles = append(titles, text(all(it, classed("h3", "ev-title"))[0]))
	}
	if got := strings.Join(titles, "|"); got != "The FBI blames North Korea's government for the hack|North Korea blames the US for its outages" {
		t.Errorf("claimed events = %q", got)
	}
	if d := p.data(); len(d.Events) != 2 || d.Events[0].C != "claimed" || d.Events[1].C != "claimed" {
		t.Errorf("JSON events = %+v", d.Events)
	}
	if !strings.Contains(p.src, "2 events selected of 18 ·") {
		t.Error("the header does not say the export is a selection")
	}
	// Only the actors of the events written are in the JSON block.
	if d := p.data(); len(d.Actors) != 4 {
		t.Errorf("JSON actors = %+v, want the 4 of the claimed events", d.Actors)
	}

	// By actor and time window: China's events in December 2014.
	var china int64
	if err := s.View(func(tx *data.Tx) error {
		actors, err := tx.Actors()
		for _, a := range actors {
			if a.Name == "China" {
				china = a.ID
			}
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	f := data.Filter{Actors: []int64{china}, From: data.DayDate(2014, 12, 22).Instant(nil), To: data.DayDate(2014, 12, 23).Instant(nil)}
	p = parsePage(t, renderHTML(t, s, export.Options{Filter: f}))
	p.checkSafe()
	var n int
	if err := s.View(func(tx *data.Tx) error { var err error; n, err = tx.Count(f); return err }); err != nil {
		t.Fatal(err)
	}
	if got := len(all(p.root, classed("li", "event"))); got != n || n == 0 {
		t.Errorf("%d entries for China on 22 December 2014, want %d", got, n)
	}
	for _, it := range all(p.root, classed("li", "event")) {
		if !strings.Contains(text(all(it, classed("ul", "ev-actors"))[0]), "China") {
			t.Errorf("entry %q does not involve China", text(it))
		}
	}
}

func TestWriteHTMLTiny(t *testing.T) {
	p := parsePage(t, renderHTML(t, tinyStore(t), export.Options{}))
	p.checkSafe()
	var dates []string
	for _, n := range all(p.root, classed("span", "ev-date")) {
		dates = append(dates, text(n))
	}
	if got, want := strings.Join(dates, "|"), "500 BCE – 480 BCE|2014-12|2014-12-19 10:30 EST|2014-12-22 16:15 – 2014-12-23 01h UTC|2014-12-24"; got != want {
		t.Errorf("dates = %q, want %q", got, want)
	}
	d := p.data()
	if len(d.Events) != 5 || !d.Events[0].Bar || d.Events[1].Bar {
		t.Errorf("JSON events = %+v: the BCE span is a bar, the month a point", d.Events)
	}
	// 500 BCE is astronomical year -499.
	if want := time.Date(-499, 1, 1, 0, 0, 0, 0, time.UTC).Unix(); d.Events[0].S != want {
		t.Errorf("500 BCE starts at %d, want %d", d.Events[0].S, want)
	}
	// The FBI statement is cited twice by one event: listed once, both quotes.
	fbi := all(byID(t, p, 2), classed("li", "src"))
	if len(fbi) != 1 || len(all(fbi[0], tag("blockquote"))) != 2 {
		t.Errorf("the FBI event's sources: %d, want 1 with 2 quotes", len(fbi))
	}
	if !strings.Contains(p.src, "<span>Doug Madory</span>") {
		t.Error("the author is not shown")
	}
}

func TestWriteHTMLEmpty(t *testing.T) {
	p := parsePage(t, renderHTML(t, datatest.NewStore(t), export.Options{}))
	p.checkSafe()
	if n := len(all(p.root, classed("li", "event"))); n != 0 {
		t.Errorf("%d entries, want 0", n)
	}
	if d := p.data(); d.Events == nil || len(d.Events) != 0 || d.Actors == nil {
		t.Errorf("JSON = %+v, want empty lists", d)
	}
	if !strings.Contains(p.src, "0 events. Exported") {
		t.Error("the footer does not say there are no events")
	}
}

// A chronology larger than EachEvent's page comes out whole and in order.
func TestWriteHTMLPages(t *testing.T) {
	s := datatest.NewStore(t)
	const n = 6_000
	if err := s.Update(func(tx *data.Tx) error {
		return data.Generate(tx, data.GenerateOptions{Events: n, Actors: 4, Seed: 3})
	}); err != nil {
		t.Fatal(err)
	}
	src := renderHTML(t, s, export.Options{})
	if got := strings.Count(src, `<li class="event `); got != n {
		t.Errorf("%d entries, want %d", got, n)
	}
	d := parsePage(t, src).data()
	if len(d.Events) != n {
		t.Fatalf("%d JSON events, want %d", len(d.Events), n)
	}
	for i := 1; i < n; i++ {
		if d.Events[i].S < d.Events[i-1].S {
			t.Fatalf("JSON event %d starts before event %d", i, i-1)
		}
	}
}

// A date a source gives is flagged when it falls outside the event's date
// at its precision, and only then.
func TestWriteHTMLCitationDates(t *testing.T) {
	s := datatest.NewStore(t)
	err := s.Update(func(tx *data.Tx) error {
		e := data.Event{Title: "Known to the month", Start: data.MonthDate(2014, 12), Certainty: data.Reported, Importance: 3}
		if err := tx.CreateEvent(&e); err != nil {
			return err
		}
		src := data.Source{Title: "Paper"}
		if err := tx.CreateSource(&src); err != nil {
			return err
		}
		for _, d := range []data.Date{data.DayDate(2014, 12, 22), data.DayDate(2015, 1, 2), data.YearDate(2014)} {
			if err := tx.CreateCitation(&data.Citation{EventID: e.ID, SourceID: src.ID, Date: d}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	p := parsePage(t, renderHTML(t, s, export.Options{}))
	p.checkSafe()
	var got []string
	for _, n := range all(p.root, classed("p", "src-date")) {
		got = append(got, text(n)+" "+map[bool]string{true: "[conflict]", false: "[agrees]"}[hasClass(n, "conflict")])
	}
	want := "Date in this source: 2014-12-22 [agrees]|This source gives a different date: 2015-01-02 [conflict]|Date in this source: 2014 [agrees]"
	if strings.Join(got, "|") != want {
		t.Errorf("citation dates = %q, want %q", strings.Join(got, "|"), want)
	}
	// A source without a URL is named, not linked.
	if src := all(p.root, classed("span", "src-name")); len(src) != 1 || text(src[0]) != "Paper" {
		t.Errorf("the unlinked source reads %v", src)
	}
}

// Descriptions are Markdown: emphasis, code, safe links, lists, quotes and
// line breaks are rendered; raw HTML and unsafe links are text in code, as
// markup.DisarmLinks writes them.
func TestWriteHTMLMarkdown(t *testing.T) {
	s := datatest.NewStore(t)
	desc := "**Strong** and *em* and _em too_ and snake_case_name and `a<b>` and \\*not em\\*\n" +
		"second line with [a link](https://example.org/a?b=1&c=2) and [bad](file:///etc/passwd) and <https://example.org/auto>\n\n" +
		"- item *one*\n- item <i>two</i>\n\n" +
		"## A heading\n> quoted"
	if err := s.Update(func(tx *data.Tx) error {
		return tx.CreateEvent(&data.Event{Title: "Md", Description: desc, Start: data.YearDate(2000), Certainty: data.Confirmed, Importance: 3})
	}); err != nil {
		t.Fatal(err)
	}
	src := renderHTML(t, s, export.Options{})
	parsePage(t, src).checkSafe()
	want := `<div class="ev-desc"><p><strong>Strong</strong> and <em>em</em> and <em>em too</em> and snake_case_name and <code>a&lt;b&gt;</code> and *not em*<br>` +
		`second line with <a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer" target="_blank">a link</a> and bad (<code>file:///etc/passwd</code>) and ` +
		`<a href="https://example.org/auto" rel="noopener noreferrer" target="_blank">https://example.org/auto</a></p>` +
		`<ul><li>item <em>one</em></li><li>item <code>&lt;i&gt;</code>two<code>&lt;/i&gt;</code></li></ul>` +
		`<p><strong>A heading</strong></p><blockquote><p>quoted</p></blockquote></div>`
	if !strings.Contains(src, want) {
		i := strings.Index(src, `<div class="ev-desc">`)
		t.Errorf("description rendered as\n%s\nwant\n%s", src[i:i+strings.Index(src[i:], "</div>")+6], want)
	}
}
