package markup_test

import (
	"strings"
	"testing"

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
