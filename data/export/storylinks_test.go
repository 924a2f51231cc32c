package export_test

import (
	"bytes"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"chronoscope/data"
	"chronoscope/data/export"
)

// linkedStore is tinyStore with story links: the outage (event 4 of 5)
// comes from the FBI's naming (event 3), a claim backed by the Dyn source;
// the long one (event 5) contradicts the outage, with a hostile note.
func linkedStore(t *testing.T) (*data.Store, map[string]int64) {
	t.Helper()
	s := tinyStore(t)
	ids := map[string]int64{}
	rows, err := s.Window(data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		ids[r.Title] = r.ID
	}
	var dyn int64
	srcs, _ := s.Sources()
	for _, src := range srcs {
		if src.Publisher == "Dyn Research" {
			dyn = src.ID
		}
	}
	for _, l := range []data.StoryLink{
		{From: ids["FBI names North Korea"], To: ids["North Korea drops off the internet"], Kind: data.LedTo, Certainty: data.Claimed,
			Note: "North Korea says so", Citations: []data.LinkCitation{{SourceID: dyn, Quote: "who did it?"}}},
		{From: ids["@Long one"], To: ids["North Korea drops off the internet"], Kind: data.Contradicts, Certainty: data.Disputed,
			Note: "<b>*not*</b> [x](javascript:alert(1))"},
	} {
		if err := s.CreateLink(&l); err != nil {
			t.Fatal(err)
		}
	}
	return s, ids
}

func TestWriteMarkdownLinks(t *testing.T) {
	s, _ := linkedStore(t)
	got := render(t, s, func(tx *data.Tx, b *bytes.Buffer) error { return export.WriteMarkdown(tx, b, export.Options{}) })
	for _, want := range []string{
		"3. **2014-12-19 10:30 EST** — FBI names North Korea (claimed; United States, North Korea)[^1]\n" +
			"   - Led to: event 4, North Korea drops off the internet (claimed) — North Korea says so[^2]\n",
		"4. **2014-12-22 16:15 – 2014-12-23 01h UTC** — North Korea drops off the internet (reported; North Korea)[^2][^1]\n" +
			"   - Came from: event 3, FBI names North Korea (claimed) — North Korea says so[^2]\n" +
			"   - Contradicted by: event 5, @Long one (disputed) — \\<b\\>\\*not\\*\\</b\\> \\[x\\](javascript:alert(1))\n",
		"5. **2014-12-24** — @Long one (disputed)\n" +
			"   - Contradicts: event 4, North Korea drops off the internet (disputed) — \\<b\\>",
		// The link's quote joins its source's footnote.
		"[^2]: Dyn Research, Doug Madory, “North Korea Goes Dark”, <https://dyn.com/blog/north-korea-goes-dark/> — “who did it?”; “Dyn saw North Korea's networks disappear”\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the Markdown lacks\n%s\nin\n%s", want, got)
		}
	}
	// Events without links have no sub-list.
	if !strings.Contains(got, "2. **2014-12** — Attribution month\n3. ") {
		t.Errorf("an event without links has lines under it:\n%s", got)
	}
	// A selection that leaves the other end out says so, and numbers
	// events within the selection.
	f := data.Filter{From: data.DayDate(2014, 12, 22).Instant(nil), To: data.DayDate(2014, 12, 23).Stop(nil)}
	got = render(t, s, func(tx *data.Tx, b *bytes.Buffer) error {
		return export.WriteMarkdown(tx, b, export.Options{Filter: f})
	})
	for _, want := range []string{
		"1. **2014-12** — Attribution month\n",
		"   - Came from: FBI names North Korea, not in this export (claimed)",
		"   - Contradicted by: @Long one, not in this export (disputed)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the selection's Markdown lacks %q in\n%s", want, got)
		}
	}
}

func TestWriteHTMLLinks(t *testing.T) {
	s, ids := linkedStore(t)
	src := renderHTML(t, s, export.Options{})
	p := parsePage(t, src)
	p.checkSafe()
	items := all(p.root, classed("li", "event"))
	if len(items) != 5 {
		t.Fatalf("%d entries, want 5", len(items))
	}
	type want struct{ text, href string }
	wants := map[int][]want{
		2: {{"Led to: event 4, North Korea drops off the internet (claimed) — North Korea says so", "#e-" + itoa(ids["North Korea drops off the internet"])}},
		3: {{"Came from: event 3, FBI names North Korea (claimed) — North Korea says so", "#e-" + itoa(ids["FBI names North Korea"])},
			{"Contradicted by: event 5, @Long one (disputed) — <b>*not*</b> [x](javascript:alert(1))", "#e-" + itoa(ids["@Long one"])}},
		4: {{"Contradicts: event 4, North Korea drops off the internet (disputed)", "#e-" + itoa(ids["North Korea drops off the internet"])}},
	}
	for i, it := range items {
		if got := text(all(it, classed("span", "ev-num"))[0]); got != itoa(int64(i+1))+"." {
			t.Errorf("entry %d is numbered %q", i, got)
		}
		lis := all(it, classed("li", "lk"))
		if len(lis) != len(wants[i]) {
			t.Errorf("entry %d lists %d links, want %d", i, len(lis), len(wants[i]))
			continue
		}
		for j, w := range wants[i] {
			got := strings.Join(strings.Fields(text(lis[j])), " ")
			if !strings.HasPrefix(got, w.text) {
				t.Errorf("entry %d link %d reads %q, want %q", i, j, got, w.text)
			}
			a := all(lis[j], tag("a"))
			if len(a) == 0 {
				t.Errorf("entry %d link %d has no anchor", i, j)
				continue
			}
			if href, _ := attr(a[0], "href"); href != w.href {
				t.Errorf("entry %d link %d goes to %q, want %q", i, j, href, w.href)
			}
			// The anchor names an entry of the page.
			if len(all(p.root, func(n *xhtml.Node) bool { id, _ := attr(n, "id"); return "#"+id == w.href })) != 1 {
				t.Errorf("no entry has the id of %s", w.href)
			}
		}
	}
	// The hostile note is text, the claim's source a checked link.
	if strings.Contains(src, "<b>*not*</b>") || strings.Contains(src, `href="javascript`) {
		t.Error("the note's markup reached the page")
	}
	lk := all(items[2], classed("li", "lk"))[0]
	srcLinks := all(lk, classed("span", "lk-src"))
	if len(srcLinks) != 1 || !strings.Contains(text(srcLinks[0]), "according to North Korea Goes Dark: who did it?") {
		t.Errorf("the link's source reads %v", srcLinks)
	}
	// A selection that leaves the other end out names it without a link.
	f := data.Filter{From: data.DayDate(2014, 12, 22).Instant(nil), To: data.DayDate(2014, 12, 23).Stop(nil)}
	p = parsePage(t, renderHTML(t, s, export.Options{Filter: f}))
	var outage *xhtml.Node
	for _, it := range all(p.root, classed("li", "event")) {
		if strings.Contains(text(it), "North Korea drops off the internet") {
			outage = it
		}
	}
	if outage == nil {
		t.Fatal("the selection lacks the outage")
	}
	lis := all(outage, classed("li", "lk"))
	// Those left out go last, by title.
	if len(lis) != 2 || !strings.HasPrefix(text(lis[1]), "Came from: FBI names North Korea, not in this export (claimed)") {
		t.Fatalf("the outage's links in a selection: %d, second %q", len(lis), text(lis[1]))
	}
	for _, a := range all(outage, tag("a")) {
		if href, _ := attr(a, "href"); strings.HasPrefix(href, "#") {
			t.Errorf("an anchor to an event not in the page: %s", href)
		}
	}
}
