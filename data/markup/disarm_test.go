package markup_test

import (
	"slices"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/markup"
)

func TestDisarmLinks(t *testing.T) {
	tests := []struct{ name, md, want string }{
		{"inline link", "See [the report](file:///etc/passwd).", "See the report (`file:///etc/passwd`)."},
		{"link with a title", `[x](smb://host/x.exe "open me")`, "x (`smb://host/x.exe`)"},
		{"escaped destination", `[x](\\\\host\\share)`, "x (`\\\\host\\share`)"},
		{"angle destination", "[x](<https://exa mple.org>)", "x (`https://exa mple.org`)"},
		{"label with markup", "[*the* `report`](javascript:alert(1))", "*the* `report` (`javascript:alert(1)`)"},
		{"label with brackets", `[a \[b\]](file:///x)`, `a \[b\] (` + "`file:///x`)"},
		{"empty label", "[](file:///x)", "`file:///x`"},
		{"image", "![chart](file:///etc/passwd)", "chart (`file:///etc/passwd`)"},
		{"reference", "[x][r] and [r]\n\n[r]: file:///etc/passwd", "x (`file:///etc/passwd`) and r (`file:///etc/passwd`)"},
		{"autolink", "<file:///etc/passwd>", "`file:///etc/passwd`"},
		{"bare address GitHub links", "at ftp://example.org/x.exe now", "at `ftp://example.org/x.exe` now"},
		{"bare address with a password", "see https://user:pw@example.org", "see `https://user:pw@example.org`"},
		{"inline raw HTML", `a <a href="file:///x">b</a> c`, "a `<a href=\"file:///x\">`b`</a>` c"},
		{"HTML block", "<div>\n<a href=\"file:///x\">b</a>\n</div>", "```\n<div>\n<a href=\"file:///x\">b</a>\n</div>\n```"},
		{"address behind a character reference", "&#104;ttp://user:pw@example.org <b>x</b>", "`http://user:pw@example.org` `<b>`x`</b>`"},
		{"address behind an escape", "ftp\\://example.org/x and [a](file:///y)", "`ftp://example.org/x` and a (`file:///y`)"},
		{"bare address in an HTML block", "<!A http://user:pw@example.org", "```\n<!A http://user:pw@example.org\n```"},
		{"backticks around", "`a` [x](file:///y) ``b``", "`a` x (`file:///y`) `b`"},
		{"backticks in the address", "[x](<file:///`y`>)", "x (`` file:///`y` ``)"},
		{"in a list", "- [x](file:///y)\n- z", "- x (`file:///y`)\n- z"},
		{"in a quote over two lines", "> [a\n> b](file:///y)", "a\nb (`file:///y`)"}, // FromHTML keeps no quote
		{"safe link inside a refused one's image", "[![a](file:///i)](https://example.org)", "[a (`file:///i`)](https://example.org)"},
		{"refused link around a safe image", "[![a](https://example.org/i.png)](file:///y)", "[a](https://example.org/i.png) (`file:///y`)"},
		{"allowed", "[ok](https://example.org/a_\\(b\\)) <mailto:a@example.org> www.example.org a@example.org", "[ok](https://example.org/a_\\(b\\)) <mailto:a@example.org> www.example.org a@example.org"},
		{"code stays code", "`[x](file:///y)`\n\n    <a href=\"file:///y\">", "`[x](file:///y)`\n\n    <a href=\"file:///y\">"},
		{"any tag", "a <b>bold</b> move, <!-- note -->", "a `<b>`bold`</b>` move, `<!-- note -->`"},
		{"plain text", "No links: file:///etc/passwd is only text.", "No links: file:///etc/passwd is only text."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := markup.DisarmLinks(tt.md); got != tt.want {
				t.Errorf("DisarmLinks(%q)\n = %q\nwant %q", tt.md, got, tt.want)
			}
		})
	}
}

// refusedLinks returns what of md a Markdown reader would make a link to
// an address data.CheckURL refuses, or render as HTML.
func refusedLinks(md string) []string {
	var bad []string
	for _, l := range datatest.LiveLinks(md) {
		if strings.HasPrefix(l, "html:") || data.CheckURL(l) != nil {
			bad = append(bad, l)
		}
	}
	return bad
}

func TestDisarmLinksHostile(t *testing.T) {
	forms := []struct {
		name string
		link func(u string) string
	}{
		{"inline", func(u string) string { return datatest.MarkdownLink("label", u) }},
		{"image", func(u string) string { return "!" + datatest.MarkdownLink("label", u) }},
		{"reference", func(u string) string {
			return "[label][ref]\n\n[ref]: " + datatest.MarkdownDestination(u)
		}},
		{"autolink", func(u string) string { return "<" + u + ">" }},
		{"bare", func(u string) string { return "text " + u + " text" }},
		{"HTML", func(u string) string { return `<a href="` + u + `">label</a>` }},
		{"HTML block", func(u string) string { return "<p>\n<a href='" + u + "'>label</a>\n</p>" }},
	}
	for _, u := range datatest.HostileURLs {
		for _, f := range forms {
			t.Run(f.name+" "+u[:min(len(u), 30)], func(t *testing.T) {
				md := "Before.\n\n" + f.link(u) + "\n\nAfter " + datatest.MarkdownLink("ok", datatest.SafeURLs[0])
				out := markup.DisarmLinks(md)
				if bad := refusedLinks(out); len(bad) > 0 {
					t.Errorf("DisarmLinks(%.80q) = %.200q: still live: %.80q", md, out, bad)
				}
				if live := datatest.LiveLinks(out); !slices.Contains(live, datatest.SafeURLs[0]) {
					t.Errorf("the safe link was lost: %.200q", out)
				}
			})
		}
	}
}

func TestDisarmLinksKeepsSafeText(t *testing.T) {
	for _, md := range []string{
		"",
		"Plain **strong** and *em*, `code`, a list:\n\n- one\n- two\n\n1. first\n\n> quote\n\n# Heading",
		"[a](https://example.org) ![b](https://example.org/b.png) <https://example.org/c> [m](mailto:a@example.org)",
		"[ref][r]\n\n[r]: https://example.org/r",
		"Unmatched [brackets]( and < angles > and ` backticks",
		"file:///etc/passwd written as text is not a link",
	} {
		if got := markup.DisarmLinks(md); got != md {
			t.Errorf("DisarmLinks(%q) = %q, want it unchanged", md, got)
		}
	}
}

func FuzzDisarmLinks(f *testing.F) {
	for _, s := range []string{
		"[a](file:///x)", "<file:///x>", "![a](<smb://h/x>)", "[[a](file:///x)](file:///y)", "<a href=x>",
		"[a][r]\n\n[r]: javascript:x", "`` ` [a](file:///x) ` ``", "*[a*](file:///x)", "www.x.org ftp://x/y https://u:p@x",
		"> - [a\n>   b](file:///x)", "[a\\](file:///x)", "\t[a](file:///x)\n\t<div>\n",
		"h&#116;tps://u:p@x.org [a](file:///x)", "ftp\\://x.org/y <b>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		out := markup.DisarmLinks(md)
		if bad := refusedLinks(out); len(bad) > 0 {
			t.Errorf("DisarmLinks(%q) = %q: still live: %q", md, out, bad)
		}
		if again := markup.DisarmLinks(out); again != out {
			t.Errorf("DisarmLinks is not stable on %q: %q, then %q", md, out, again)
		}
	})
}
