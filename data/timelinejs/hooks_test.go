package timelinejs

import (
	"errors"

	"chronoscope/data/markup"
)

// Internals opened to the external tests.
var (
	HTMLToText     = markup.HTMLText
	MarkdownToHTML = markdownToHTML
)

// DecodeJSON and DecodeCSV read a file and build every event as an import
// would, without writing anything: the codec's own cost, for benchmarks.
func DecodeJSON(r interface{ Read([]byte) (int, error) }, name string) (int, error) {
	var s countSink
	err := decodeJSON(r, name, &s)
	return int(s), err
}

func DecodeCSV(r interface{ Read([]byte) (int, error) }, name string) (int, error) {
	var s countSink
	err := decodeCSV(r, name, &s, nil)
	return int(s), err
}

type countSink int

func (c *countSink) title(*slide) error { return nil }
func (c *countSink) era(*slide) error   { return nil }
func (c *countSink) event(s *slide) error {
	if build(s) == nil {
		return errors.New("no event built")
	}
	*c++
	return nil
}
