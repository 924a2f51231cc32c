package markup

import (
	"strings"

	"chronoscope/data"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// DisarmLinks returns the Markdown text md with every link data.CheckURL
// refuses written as text that no Markdown reader turns back into a link,
// and raw HTML as text. A description with none of these (nearly all) is
// returned as it is, byte for byte. Otherwise it is rendered by HTML, which
// writes a refused link as its label and its address in code ("report
// (`file:///…`)"), a refused autolink, or a bare address GitHub's Markdown
// would link, as its address in code, and raw HTML in code; and written
// back as Markdown by FromHTML (with what FromHTML does not keep: see
// fromhtml.go). That is done again until nothing needs it: an address the
// author hid from Markdown readers behind a character reference or an
// escape ("&#104;ttp://user:pw@host") is plain text once written back,
// and is then found as a bare address. So DisarmLinks(DisarmLinks(md)) is
// DisarmLinks(md).
//
// The store keeps descriptions as their authors wrote them (an import from
// the wild must still open); DisarmLinks is applied wherever a description
// is shown or exported as Markdown.
func DisarmLinks(md string) string { return disarm(md, 4) }

// disarm is DisarmLinks in at most rounds rounds (one or two are enough
// for any input found so far); past them, md is a code block of the text
// as its author wrote it.
func disarm(md string, rounds int) string {
	out := md
	for range rounds {
		src := []byte(out)
		if !needsDisarming(converter.Parser().Parse(text.NewReader(src)), src) {
			return out
		}
		out = FromHTML(HTML(out, HTMLOptions{}))
	}
	fence := fenceFor(md, 3)
	return fence + "\n" + md + "\n" + fence
}

// needsDisarming reports whether the parsed Markdown doc holds a link,
// picture or autolink to an address data.CheckURL refuses, or raw HTML.
func needsDisarming(doc ast.Node, src []byte) bool {
	found := false
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Link:
			found = data.CheckURL(linkDestination(n.Destination)) != nil
		case *ast.Image:
			found = data.CheckURL(linkDestination(n.Destination)) != nil
		case *ast.AutoLink:
			found = data.CheckURL(autoLinkURL(n, src)) != nil
		case *ast.RawHTML, *ast.HTMLBlock:
			found = true
		}
		if found {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// autoLinkURL is the address an autolink opens.
func autoLinkURL(n *ast.AutoLink, src []byte) string {
	u := string(n.URL(src))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
		u = "mailto:" + u
	}
	return u
}

// linkDestination is the address a link's raw destination names, with its
// backslash escapes and character references resolved, as a Markdown
// reader would open it.
func linkDestination(raw []byte) string {
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(raw))))
}

// bareLinks is goldmark's parser of the bare addresses GitHub's Markdown
// links by itself (www.…, https://…, a@b.org), whose autolinks it marks
// as bare: HTML links none of them (a description is shown as its author
// wrote it), but writes those that data.CheckURL refuses in code.
type bareLinks struct{ parser.InlineParser }

// bareAttr marks an autolink made of a bare address.
var bareAttr = []byte("chronoscope-bare")

// Parse implements parser.InlineParser.
func (p bareLinks) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	n := p.InlineParser.Parse(parent, block, pc)
	if n != nil {
		n.SetAttribute(bareAttr, true)
	}
	return n
}
