package markup_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"chronoscope/data/markup"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"*a* _b_ `c` [d](e) <f> | ~g~ \\", `\*a\* \_b\_ \` + "`c\\`" + ` \[d\](e) \<f\> \| \~g\~ \\`},
		{"snake_case_name", "snake_case_name"},
		{"# not a heading", `\# not a heading`},
		{"- not an item", `\- not an item`},
		{"+ not an item", `\+ not an item`},
		{"2014. A year", `2014\. A year`},
		{"2014) A year", `2014\) A year`},
		{"in 2014. Then", "in 2014. Then"},
		{"a - b # c + d", "a - b # c + d"},
		{"=SUM(A1)", "=SUM(A1)"},
		{"===", `\===`},
		{"AT&T &amp; &#38;", `AT&T \&amp; \&#38;`},
		{"line\n# two", "line\n\\# two"},
		{"    indented\n\t# tab", "indented\n\\# tab"},
	}
	for _, tt := range tests {
		if got := markup.Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
		// Rendered, the escaped text reads as the text, with no markup.
		if h := markup.HTML(markup.Escape(tt.in), markup.HTMLOptions{}); markup.HTMLText(h) != strings.Join(strings.Fields(tt.in), " ") || strings.Count(h, "<") != 2+strings.Count(tt.in, "\n") {
			t.Errorf("Escape(%q) renders as %q", tt.in, h)
		}
	}
}

// TestEscapeRefusedAddress: a word holding an address a Markdown reader
// links by itself and data.CheckURL refuses is code; a safe one is left
// as it is.
func TestEscapeRefusedAddress(t *testing.T) {
	tests := []struct{ in, want string }{
		{"get ftp://example.org/x.exe now", "get `ftp://example.org/x.exe` now"},
		{"(mirror: https://user:pw@example.org/*a*)", "(mirror: `https://user:pw@example.org/*a*)`"},
		{"www.bank.example:x@evil.example", "`www.bank.example:x@evil.example`"},
		{"mail -a@b.example or a@b.example", "mail `-a@b.example` or a@b.example"},
		{"see https://example.org/a_b, www.fbi.gov", "see https://example.org/a_b, www.fbi.gov"},
		{"`ftp://x`", "`` `ftp://x` ``"},
	}
	for _, tt := range tests {
		got := markup.Escape(tt.in)
		if got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if bad := refusedLinks(got); len(bad) > 0 {
			t.Errorf("Escape(%q) = %q: live: %q", tt.in, got, bad)
		}
	}
}

// FuzzEscape: whatever the text, Escape's Markdown links nothing a
// Markdown reader would open that data.CheckURL refuses, holds no HTML,
// and reads as the text.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"a ftp://x/y b", "(https://u:p@x.org)", "-a@b.example", "www.x.org:y@z.org", "# 1. *a* `b`", "a\n===\n- b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := markup.Escape(s)
		if bad := refusedLinks(out); len(bad) > 0 {
			t.Errorf("Escape(%q) = %q: live: %q", s, out, bad)
		}
		if utf8.ValidString(s) && markup.CleanText(s) == s && !strings.Contains(s, "\r") {
			got := strings.Fields(markup.HTMLText(markup.HTML(out, markup.HTMLOptions{})))
			if want := strings.Fields(s); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("Escape(%q) = %q reads as %q", s, out, got)
			}
		}
	})
}
