package timelinejs_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"html"
	"slices"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// checkSlideText checks the HTML of a slide's text: every link goes to an
// address data.CheckURL accepts, as does every address TimelineJS would
// link itself (it links text from "http://", "https://" or "ftp://" on),
// and each hostile address is there as text.
func checkSlideText(t *testing.T, where, text string) {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(text))
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	var hrefs []string
	var shown strings.Builder
	var visit func(*xhtml.Node)
	visit = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			shown.WriteString(n.Data)
		}
		for _, a := range n.Attr {
			if a.Key == "href" || a.Key == "src" {
				hrefs = append(hrefs, a.Val)
				if data.CheckURL(a.Val) != nil {
					t.Errorf("%s links to %.60q", where, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	if !slices.Contains(hrefs, datatest.SafeURLs[0]) {
		t.Errorf("%s: the safe link is not a link: %q", where, hrefs)
	}
	for i := strings.Index(text, "://"); i >= 0; {
		start := i
		for start > 0 && strings.ContainsRune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", rune(text[start-1])) {
			start--
		}
		stop := i + 3
		for stop < len(text) && !strings.ContainsRune(" \t\n<", rune(text[stop])) {
			stop++
		}
		if start < i && (start == 0 || text[start-1] != '"') { // an href is checked above
			if u := html.UnescapeString(text[start:stop]); data.CheckURL(u) != nil {
				t.Errorf("%s: TimelineJS would link %.60q", where, u)
			}
		}
		next := strings.Index(text[i+3:], "://")
		if next < 0 {
			break
		}
		i += 3 + next
	}
	for _, u := range datatest.HostileURLs {
		if !strings.Contains(shown.String(), u) {
			t.Errorf("%s: %.60q is not shown as text", where, u)
		}
	}
}

func TestExportsDisarmDescriptionLinks(t *testing.T) {
	s := datatest.NewStore(t)
	md := datatest.HostileMarkdown(datatest.HostileURLs)
	err := s.Update(func(tx *data.Tx) error {
		if err := tx.SetChronology(data.Chronology{Title: "Links", Description: md}); err != nil {
			return err
		}
		return tx.CreateEvent(&data.Event{Title: "An event", Description: md, Start: data.DayDate(2014, 12, 1),
			Certainty: data.Reported, Importance: 3})
	})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("JSON", func(t *testing.T) {
		var doc struct {
			Title  struct{ Text struct{ Text string } }
			Events []struct{ Text struct{ Text string } }
		}
		if err := json.Unmarshal(exportJSON(t, s), &doc); err != nil {
			t.Fatal(err)
		}
		checkSlideText(t, "the title slide", doc.Title.Text.Text)
		if len(doc.Events) != 1 {
			t.Fatalf("%d events, want 1", len(doc.Events))
		}
		checkSlideText(t, "the event", doc.Events[0].Text.Text)
	})

	t.Run("CSV", func(t *testing.T) {
		rows, err := csv.NewReader(bytes.NewReader(exportCSV(t, s))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := slices.Index(rows[0], "Text")
		if col < 0 || len(rows) != 3 {
			t.Fatalf("header %q, %d rows", rows[0], len(rows))
		}
		checkSlideText(t, "the title row", rows[1][col])
		checkSlideText(t, "the event row", rows[2][col])
	})
}
