package timelinejs_test

import (
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/markup"
	"chronoscope/data/timelinejs"
)

// tinyStore holds a small chronology using what the exports must carry:
// a claimed event at minute precision in a zone, with two actors and a
// cited source; a BCE event with a formula-like title; an era.
func tinyStore(t testing.TB) *data.Store {
	t.Helper()
	s := datatest.NewStore(t)
	err := s.Update(func(tx *data.Tx) error {
		if err := tx.SetChronology(data.Chronology{Title: "Sony <hack>", Description: "December **2014** & after"}); err != nil {
			return err
		}
		us := data.Actor{Name: "United States", Kind: data.KindState, Color: "#2f6fb3"}
		nk := data.Actor{Name: "North Korea", Kind: data.KindState, Color: "#c8372d"}
		for _, a := range []*data.Actor{&us, &nk} {
			if err := tx.CreateActor(a); err != nil {
				return err
			}
		}
		fbi := data.Source{Title: "Update on Sony Investigation", Publisher: "FBI",
			URL: "https://www.fbi.gov/news/press-releases/update-on-sony-investigation"}
		if err := tx.CreateSource(&fbi); err != nil {
			return err
		}
		e1 := data.Event{Title: "FBI names North Korea", Description: "The FBI says *North Korea* did it.\n\nSee [the statement](https://www.fbi.gov/news).",
			Start: data.MinuteDate(2014, 12, 19, 10, 30), Zone: "America/New_York", Certainty: data.Claimed, Importance: 5,
			Tags:   []string{"attribution", "fbi"},
			Actors: []data.Participant{{ActorID: us.ID, Role: "accuser"}, {ActorID: nk.ID, Role: "accused"}}}
		e2 := data.Event{Title: "=Ancient \"event\"", Start: data.YearDate(-500), End: data.YearDate(-480),
			Certainty: data.Confirmed, Importance: 1, ExternalID: "old-1"}
		for _, e := range []*data.Event{&e1, &e2} {
			if err := tx.CreateEvent(e); err != nil {
				return err
			}
		}
		if err := tx.CreateCitation(&data.Citation{EventID: e1.ID, SourceID: fbi.ID, Quote: "the FBI now has enough information"}); err != nil {
			return err
		}
		return tx.CreateEra(&data.Era{Title: "Attribution", Start: data.DayDate(2014, 12, 17), End: data.DayDate(2014, 12, 31), Color: "#cccccc"})
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestWriteJSONGolden(t *testing.T) {
	const want = `{
  "title": {
    "text": {
      "headline": "Sony \u0026lt;hack\u0026gt;",
      "text": "\u003cp\u003eDecember \u003cstrong\u003e2014\u003c/strong\u003e \u0026amp; after\u003c/p\u003e"
    }
  },
  "events": [
    {
      "start_date": {
        "year": -500
      },
      "end_date": {
        "year": -480
      },
      "text": {
        "headline": "=Ancient \u0026#34;event\u0026#34;"
      },
      "unique_id": "old-1"
    },
    {
      "start_date": {
        "year": 2014,
        "month": 12,
        "day": 19,
        "hour": 10,
        "minute": 30
      },
      "display_date": "2014-12-19 10:30 EST",
      "text": {
        "headline": "FBI names North Korea",
        "text": "\u003cp\u003eThe FBI says \u003cem\u003eNorth Korea\u003c/em\u003e did it.\u003c/p\u003e\u003cp\u003eSee \u003ca href=\"https://www.fbi.gov/news\"\u003ethe statement\u003c/a\u003e.\u003c/p\u003e\u003cdiv class=\"chronoscope-sources\"\u003e\u003cp\u003eSources\u003c/p\u003e\u003cul\u003e\u003cli\u003e\u003ca href=\"https://www.fbi.gov/news/press-releases/update-on-sony-investigation\"\u003eUpdate on Sony Investigation\u003c/a\u003e, \u003ccite\u003eFBI\u003c/cite\u003e: \u003cq\u003ethe FBI now has enough information\u003c/q\u003e\u003c/li\u003e\u003c/ul\u003e\u003c/div\u003e\u003cp class=\"chronoscope-certainty\"\u003e\u003cem\u003eCertainty: claimed\u003c/em\u003e\u003c/p\u003e"
      },
      "group": "United States",
      "unique_id": "cs-1"
    }
  ],
  "eras": [
    {
      "start_date": {
        "year": 2014,
        "month": 12,
        "day": 17
      },
      "end_date": {
        "year": 2014,
        "month": 12,
        "day": 31
      },
      "text": {
        "headline": "Attribution"
      }
    }
  ],
  "scale": "human"
}
`
	if got := string(exportJSON(t, tinyStore(t))); got != want {
		t.Errorf("WriteJSON =\n%s\nwant\n%s", got, want)
	}
}

func TestWriteCSVGolden(t *testing.T) {
	const want = `Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Alt Text,Type,Group,Background
,,,,,,,,,Sony &lt;hack&gt;,<p>December <strong>2014</strong> &amp; after</p>,,,,,,title,,
-500,,,,-480,,,,,'=Ancient &#34;event&#34;,,,,,,,,,
2014,12,19,10:30,,,,,2014-12-19 10:30 EST,FBI names North Korea,"<p>The FBI says <em>North Korea</em> did it.</p><p>See <a href=""https://www.fbi.gov/news"">the statement</a>.</p><div class=""chronoscope-sources""><p>Sources</p><ul><li><a href=""https://www.fbi.gov/news/press-releases/update-on-sony-investigation"">Update on Sony Investigation</a>, <cite>FBI</cite>: <q>the FBI now has enough information</q></li></ul></div><p class=""chronoscope-certainty""><em>Certainty: claimed</em></p>",,,,,,,United States,
2014,12,17,,2014,12,31,,,Attribution,,,,,,,era,,
`
	s := tinyStore(t)
	if got := string(exportCSV(t, s)); got != want {
		t.Errorf("WriteCSV =\n%s\nwant\n%s", got, want)
	}
	// The guarded headline reads back as written.
	back := datatest.NewStore(t)
	mustImport(t, back, csvImport, exportCSV(t, s), "tiny.csv")
	if got, want := datatest.EventTitled(t, back, "=Ancient \"event\"").Start, data.YearDate(-500); got != want {
		t.Errorf("=Ancient start = %v, want %v", got, want)
	}
}

func TestMarkdownHTMLConversions(t *testing.T) {
	tests := []struct{ html, md string }{
		{"<p>Hello <strong>world</strong></p><p>Second<br>line</p>", "Hello **world**\n\nSecond\nline"},
		{"<b> spaced </b>bold", "**spaced** bold"},
		{"a<i></i>b", "ab"},
		{`<a href="https://x.org/a_(b)">x</a>`, `[x](https://x.org/a_\(b\))`},
		{`<a href="javascript:alert(1)">click</a>`, "click"},
		{"<ul><li>one</li><li>two</li></ul>", "- one\n- two"},
		{"<ol><li>one</li><li>two</li></ol>", "1. one\n2. two"},
		{"*not* [markup] snake_case _x_", `\*not\* \[markup\] snake_case \_x\_`},
		{"<script>alert(1)</script>safe &amp; sound", "safe & sound"},
		{"<h2>Head</h2>body", "**Head**\n\nbody"},
		{"# not a heading", `\# not a heading`},
		{"1 < 2 &lt;b&gt;", `1 \< 2 \<b\>`},
		{"<p>Call <code>f(*x*)</code> &amp;copy; stays</p><pre><code>a  b\n  c\n</code></pre>", "Call `f(*x*)` \\&copy; stays\n\n```\na  b\n  c\n```"},
		{"<p>2014. A year</p><p>===</p><p>a | b ~ c</p>", "2014\\. A year\n\n\\===\n\na \\| b \\~ c"},
		{`!<a href="https://x.org/p.png">p</a>`, `\![p](https://x.org/p.png)`},
	}
	for _, tt := range tests {
		if got := markup.FromHTML(tt.html); got != tt.md {
			t.Errorf("FromHTML(%q) = %q, want %q", tt.html, got, tt.md)
		}
	}
	back := []struct{ md, html string }{
		{"Hello **world**\n\nSecond\nline", "<p>Hello <strong>world</strong></p><p>Second<br>line</p>"},
		{"a * b ** c", "<p>a * b ** c</p>"},
		{"**unclosed *nested", "<p>**unclosed *nested</p>"},
		{"<script>alert(1)</script>", "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>"},
		{"[x](javascript:alert(1)) [y](https://y.org/a_\\(b\\))", `<p>x (<code>javascript:alert(1)</code>) <a href="https://y.org/a_(b)">y</a></p>`},
		{"bare ftp://example.org/x and https://user:pw@example.org and https://example.org/ok",
			"<p>bare <code>ftp<span></span>://example.org/x</code> and <code>https<span></span>://user:pw<span></span>@example.org</code> and https://example.org/ok</p>"},
		{"see www.fbi.gov, WWW.x.org, a@b.org and <mailto:a@b.org>", `<p>see www<span></span>.fbi.gov, WWW<span></span>.x.org, a<span></span>@b.org and <a href="mailto:a@b.org">mailto:a<span></span>@b.org</a></p>`},
		{"- one\n- two", "<ul><li>one</li><li>two</li></ul>"},
		{"snake_case and _em_", "<p>snake_case and <em>em</em></p>"},
		{"`a<b`", "<p><code>a&lt;b</code></p>"},
	}
	for _, tt := range back {
		if got := timelinejs.MarkdownToHTML(tt.md); got != tt.html {
			t.Errorf("MarkdownToHTML(%q) = %q, want %q", tt.md, got, tt.html)
		}
	}
}
