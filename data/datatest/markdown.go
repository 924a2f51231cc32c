package datatest

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// HostileURLs are the addresses data.CheckURL must refuse wherever a link
// appears (docs/reliability.md, "Links"), as a description may hold them.
var HostileURLs = []string{
	"javascript:alert(1)",
	"file:///etc/passwd",
	"smb://host/x.exe",
	"data:text/html,<script>alert(1)</script>",
	"ms-msdt:/id PCWDiagnostic /skip force",
	"search-ms:query=calc",
	`\\attacker\share\x.exe`,
	"https:evil.com",
	"-https://example.org",
	"https://-oProxyCommand=x/",
	`https://example.org/"&calc`,
	"https://exa mple.org",
	"https://user:pw@example.org",
	"ftp://example.org/x.exe",
	"mailto:",
	"//example.org",
	"example.org",
	"https://example.org/" + strings.Repeat("a", 64<<10),
}

// SafeURLs are addresses data.CheckURL accepts: a link to one stays live.
var SafeURLs = []string{"https://example.org/a?b=1&c=2", "mailto:editor@example.org"}

// HostileMarkdown links to each of urls in every form Markdown has
// (inline, image, reference, autolink, raw HTML), labelled "inline 0",
// "reference 0" and so on, and to SafeURLs and a picture on the web, which
// must stay links.
func HostileMarkdown(urls []string) string {
	var b, refs strings.Builder
	b.WriteString("Safe: [the site](" + SafeURLs[0] + "), [mail](" + SafeURLs[1] + ") and ![a picture](https://example.org/p.png).\n\n")
	for i, u := range urls {
		fmt.Fprintf(&b, "- %s\n", MarkdownLink(fmt.Sprintf("inline %d", i), u))
		fmt.Fprintf(&b, "- !%s\n", MarkdownLink(fmt.Sprintf("image %d", i), u))
		fmt.Fprintf(&b, "- [reference %d][r%d]\n", i, i)
		fmt.Fprintf(&b, "- <%s>\n", u)
		fmt.Fprintf(&b, "- <a href=\"%s\">html %d</a>\n", u, i)
		fmt.Fprintf(&refs, "[r%d]: %s\n", i, MarkdownDestination(u))
	}
	return b.String() + "\n" + refs.String()
}

// MarkdownLink writes a Markdown link to u, whatever characters u holds.
func MarkdownLink(label, u string) string {
	return "[" + label + "](" + MarkdownDestination(u) + ")"
}

// MarkdownDestination writes u as a link destination: in angle brackets,
// with \, < and > escaped.
func MarkdownDestination(u string) string {
	return "<" + strings.NewReplacer(`\`, `\\`, "<", `\<`, ">", `\>`).Replace(u) + ">"
}

// LiveLinks returns what a Markdown reader makes of md that could be
// opened: the address of every link, image and autolink, with the bare
// addresses GitHub's Markdown links by itself, and every piece of raw
// HTML (prefixed "html:"), which a reader may render with its links.
func LiveLinks(md string) []string {
	src := []byte(md)
	doc := goldmark.New(goldmark.WithExtensions(extension.Linkify)).Parser().Parse(text.NewReader(src))
	var out []string
	dest := func(b []byte) string {
		return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(b))))
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			out = append(out, dest(n.Destination))
		case *ast.Image:
			out = append(out, dest(n.Destination))
		case *ast.AutoLink:
			u := string(n.URL(src))
			if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(u, "mailto:") {
				u = "mailto:" + u
			}
			out = append(out, u)
		case *ast.RawHTML:
			var b strings.Builder
			for i := range n.Segments.Len() {
				seg := n.Segments.At(i)
				b.Write(seg.Value(src))
			}
			out = append(out, "html:"+b.String())
		case *ast.HTMLBlock:
			var b strings.Builder
			for i := range n.Lines().Len() {
				seg := n.Lines().At(i)
				b.Write(seg.Value(src))
			}
			out = append(out, "html:"+b.String())
		}
		return ast.WalkContinue, nil
	})
	return out
}
