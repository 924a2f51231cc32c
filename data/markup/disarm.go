package markup

import (
	"bytes"
	"slices"
	"strings"

	"chronoscope/data"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// DisarmLinks returns the Markdown text md with every link data.CheckURL
// refuses written as text that no Markdown reader turns back into a link: an
// inline, reference or image link becomes its label followed by its
// address in a code span, "report (`file:///…`)"; an autolink, including
// a bare address that GitHub's Markdown links by itself, becomes its
// address in a code span; raw HTML, whose tags carry addresses in too many
// forms to check, is written as text. Links data.CheckURL accepts and all
// other text are kept byte for byte.
//
// The store keeps descriptions as their authors wrote them (an import from
// the wild must still open); DisarmLinks is applied wherever a description
// is shown or exported as Markdown.
func DisarmLinks(md string) string {
	// A rewrite can make new markup of its neighbours (a label freed from
	// its link may complete another), so the result is parsed again until
	// nothing is left to disarm.
	for range 4 {
		edits, ok := disarmEdits(md)
		if !ok {
			break
		}
		if len(edits) == 0 {
			return md
		}
		md = applyEdits(md, edits)
	}
	// Text built to keep a refused link alive through every rewrite is
	// written as plain text: then it cannot be a link.
	return escapePunct(md)
}

// An edit replaces md[start:stop] with text.
type edit struct {
	start, stop int
	text        string
}

func applyEdits(md string, edits []edit) string {
	slices.SortFunc(edits, func(a, b edit) int { return a.start - b.start })
	var b strings.Builder
	at := 0
	for _, e := range edits {
		if e.start < at {
			continue // inside an earlier edit; the next round sees it again
		}
		b.WriteString(md[at:e.start])
		b.WriteString(e.text)
		at = e.stop
	}
	b.WriteString(md[at:])
	return b.String()
}

// disarmEdits parses md and returns the edits that disarm its refused
// links and raw HTML; ok is false when a refused link's place in the
// source is unknown.
func disarmEdits(md string) (edits []edit, ok bool) {
	src := []byte(md)
	spans := &linkSpans{at: map[ast.Node][2]int{}}
	pc := parser.NewContext()
	pc.Set(linkSpansKey, spans)
	doc := linkParser.Parse(text.NewReader(src), parser.WithContext(pc))
	code := codeSpanner(src)
	ok = true
	linked := func(n ast.Node, with string) ast.WalkStatus {
		sp, found := spans.at[n]
		if !found {
			ok = false
			return ast.WalkStop
		}
		edits = append(edits, edit{sp[0], sp[1], with})
		return ast.WalkSkipChildren
	}
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if dest := linkDestination(n.Destination); data.CheckURL(dest) != nil {
				return linked(n, labelled(plainText(n, src), code(dest))), nil
			}
		case *ast.Image:
			if dest := linkDestination(n.Destination); data.CheckURL(dest) != nil {
				return linked(n, labelled(plainText(n, src), code(dest))), nil
			}
		case *ast.AutoLink:
			u := string(n.URL(src))
			if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
				u = "mailto:" + u
			}
			if data.CheckURL(u) != nil {
				return linked(n, code(string(n.Label(src)))), nil
			}
		case *ast.RawHTML:
			for i := range n.Segments.Len() {
				s := lineContent(n.Segments.At(i), src)
				edits = append(edits, edit{s.Start, s.Stop, code(string(s.Value(src)))})
			}
		case *ast.HTMLBlock:
			lines := n.Lines()
			for i := range lines.Len() {
				s := lineContent(lines.At(i), src)
				edits = append(edits, edit{s.Start, s.Stop, escapePunct(string(s.Value(src)))})
			}
			if n.HasClosure() {
				s := lineContent(n.ClosureLine, src)
				edits = append(edits, edit{s.Start, s.Stop, escapePunct(string(s.Value(src)))})
			}
		}
		return ast.WalkContinue, nil
	})
	return edits, ok && err == nil
}

// linkDestination is the address a link's raw destination names, with its
// backslash escapes and character references resolved, as a Markdown
// reader would open it.
func linkDestination(raw []byte) string {
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(raw))))
}

// labelled writes a disarmed link: its label, then its address.
func labelled(label, address string) string {
	switch {
	case label == "":
		return address
	case address == "":
		return label
	}
	return label + " (" + address + ")"
}

// plainText is the text of n's descendants on one line, escaped so that
// it is no markup.
func plainText(n ast.Node, src []byte) string {
	var b []byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b = append(b, c.Segment.Value(src)...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, c.Value...)
		case *ast.AutoLink:
			b = append(b, c.Label(src)...)
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			for i := range c.Segments.Len() {
				seg := c.Segments.At(i)
				b = append(b, seg.Value(src)...)
			}
		}
		return ast.WalkContinue, nil
	})
	return Escape(strings.Join(strings.Fields(linkDestination(b)), " "))
}

// lineContent is s without its line ending.
func lineContent(s text.Segment, src []byte) text.Segment {
	for s.Stop > s.Start && (src[s.Stop-1] == '\n' || src[s.Stop-1] == '\r') {
		s.Stop--
	}
	return s
}

// escapePunct puts a backslash before every ASCII punctuation character,
// so that nothing in s is Markdown markup; line breaks are kept.
func escapePunct(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && util.IsPunct(byte(r)) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// codeSpanner returns a function that writes text as a code span, which
// every Markdown reader shows as it is and none turns into a link. Its
// fence is a run of backticks longer than any in the text and of a length
// found nowhere in src, so it cannot pair with a backtick around it.
func codeSpanner(src []byte) func(string) string {
	used := map[int]bool{}
	for _, n := range backtickRuns(src) {
		used[n] = true
	}
	return func(s string) string {
		s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
		if s == "" {
			return ""
		}
		n := 1
		for _, r := range backtickRuns([]byte(s)) {
			n = max(n, r+1)
		}
		for used[n] {
			n++
		}
		fence := strings.Repeat("`", n)
		if s[0] == '`' || s[0] == ' ' || s[len(s)-1] == '`' || s[len(s)-1] == ' ' {
			s = " " + s + " "
		}
		return fence + s + fence
	}
}

// backtickRuns returns the lengths of the runs of backticks in b.
func backtickRuns(b []byte) []int {
	var runs []int
	for i := 0; i < len(b); {
		if b[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(b) && b[j] == '`' {
			j++
		}
		runs = append(runs, j-i)
		i = j
	}
	return runs
}

// linkParser is CommonMark's parser with GitHub's bare-address links,
// which notes where in the source each link, image and autolink lies.
var linkParser = parser.NewParser(
	parser.WithBlockParsers(parser.DefaultBlockParsers()...),
	parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	parser.WithInlineParsers(
		util.Prioritized(parser.NewCodeSpanParser(), 100),
		util.Prioritized(&spanRecorder{InlineParser: parser.NewLinkParser()}, 200),
		util.Prioritized(&spanRecorder{InlineParser: parser.NewAutoLinkParser()}, 300),
		util.Prioritized(parser.NewRawHTMLParser(), 400),
		util.Prioritized(parser.NewEmphasisParser(), 500),
		util.Prioritized(&spanRecorder{InlineParser: extension.NewLinkifyParser(), bare: true}, 999),
	),
)

var linkSpansKey = parser.NewContextKey()

// linkSpans is where each link, image and autolink of one parse lies in
// the source, [start, stop), and the opening brackets not yet closed.
type linkSpans struct {
	at      map[ast.Node][2]int
	openers []opener
}

// An opener is the node goldmark keeps for a '[' or '![' until its ']'.
type opener struct {
	node  ast.Node
	start int
}

// spanRecorder wraps one of goldmark's inline parsers (whose nodes do not
// say where they lie) and notes the source span of each link, image and
// autolink it returns.
type spanRecorder struct {
	parser.InlineParser
	bare bool // the parser's autolinks are their label alone, with no < >
}

var _ parser.CloseBlocker = (*spanRecorder)(nil)

// Parse implements parser.InlineParser.
func (r *spanRecorder) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	spans, _ := pc.Get(linkSpansKey).(*linkSpans)
	_, pos := block.Position()
	start := pos.Start
	if spans != nil {
		// An opener goldmark has since turned into text is out of its tree.
		spans.openers = slices.DeleteFunc(spans.openers, func(o opener) bool { return o.node.Parent() == nil })
	}
	n := r.InlineParser.Parse(parent, block, pc)
	if n == nil || spans == nil {
		return n
	}
	_, pos = block.Position()
	stop := pos.Start
	switch n := n.(type) {
	case *ast.Link, *ast.Image:
		// A link begins at the opener it closed: the one goldmark has
		// just taken out of the tree.
		for i := len(spans.openers) - 1; i >= 0; i-- {
			if o := spans.openers[i]; o.node.Parent() == nil {
				spans.at[n] = [2]int{o.start, stop}
				spans.openers = slices.Delete(spans.openers, i, i+1)
				break
			}
		}
	case *ast.AutoLink:
		if r.bare {
			label := n.Label(block.Source())
			start = stop - len(label)
			if start < 0 || !bytes.Equal(block.Source()[start:stop], label) {
				return n // its place is unknown, so the caller falls back
			}
		}
		spans.at[n] = [2]int{start, stop}
	default: // a '[' or '![' opening a label
		spans.openers = append(spans.openers, opener{n, start})
	}
	return n
}

// CloseBlock implements parser.CloseBlocker: the link parser closes what
// is left open at the end of a block.
func (r *spanRecorder) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	if c, ok := r.InlineParser.(parser.CloseBlocker); ok {
		c.CloseBlock(parent, block, pc)
	}
}
