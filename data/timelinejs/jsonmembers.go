package timelinejs

import (
	"bytes"

	"github.com/go-json-experiment/json/jsontext"
)

// A slide is read member by member from the stream (jsontext.Decoder does
// the JSON), without reflection: each object type says, by name, which
// members it keeps. A leaf member is kept raw, whatever its kind, and
// checked when the slide is read (rawText, rawPart); a member that holds
// an object must be an object or null. Names are matched exactly, as
// TimelineJS reads them, and a name given twice keeps its last value.

// memberReader is an object whose members are read by name.
type memberReader interface {
	// readMember reads the value of the member called name from r (name
	// is the decoder's, valid until the next read).
	readMember(r *objectReader, name []byte) error
}

// objectReader reads objects from a decoder, keeping the raw leaf values
// of one slide together in buf.
type objectReader struct {
	dec *jsontext.Decoder
	buf []byte
}

// kindError is a member that must hold an object and holds a value of
// another kind; path is its place inside the object read ("start_date",
// "media.asset").
type kindError struct {
	path string
	kind jsontext.Kind
}

func (e *kindError) Error() string {
	return e.path + ": is " + kindWord(e.kind) + " where an object was expected"
}

// object reads the object that comes next (its kind checked by the
// caller) into m.
func (r *objectReader) object(m memberReader) error {
	if _, err := r.dec.ReadToken(); err != nil { // {
		return err
	}
	var unquoted []byte
	for r.dec.PeekKind() != '}' {
		name, err := r.dec.ReadValue() // a name, as it is written
		if err != nil {
			return err
		}
		if bytes.IndexByte(name, '\\') < 0 {
			name = name[1 : len(name)-1]
		} else if unquoted, err = jsontext.AppendUnquote(unquoted[:0], name); err != nil {
			return err
		} else {
			name = unquoted
		}
		if err := m.readMember(r, name); err != nil {
			return err
		}
	}
	_, err := r.dec.ReadToken() // }
	return err
}

// leaf reads a value whole into *v.
func (r *objectReader) leaf(v *jsontext.Value) error {
	raw, err := r.dec.ReadValue()
	if err != nil {
		return err
	}
	// raw is the decoder's until its next read: keep a copy.
	start := len(r.buf)
	r.buf = append(r.buf, raw...)
	*v = r.buf[start:len(r.buf):len(r.buf)]
	return nil
}

// skip reads past a value that is not kept.
func (r *objectReader) skip() error { return r.dec.SkipValue() }

// nested reads the member called name, which must be an object or null,
// into *p (made when it is nil).
func nested[T any, PT interface {
	*T
	memberReader
}](r *objectReader, name string, p **T) error {
	switch k := r.dec.PeekKind(); k {
	case 'n':
		*p = nil
		return r.skip()
	case '{':
		if *p == nil {
			*p = new(T)
		}
		err := r.object(PT(*p))
		if ke, ok := err.(*kindError); ok {
			ke.path = name + "." + ke.path
		}
		return err
	case 0: // not a value: reading it says why
		return r.skip()
	default:
		return &kindError{path: name, kind: k}
	}
}

func (js *jsonSlide) readMember(r *objectReader, name []byte) error {
	switch string(name) {
	case "start_date":
		return nested(r, "start_date", &js.StartDate)
	case "end_date":
		return nested(r, "end_date", &js.EndDate)
	case "text":
		return nested(r, "text", &js.Text)
	case "media":
		return nested(r, "media", &js.Media)
	case "background":
		return nested(r, "background", &js.Background)
	case "group":
		return r.leaf(&js.Group)
	case "display_date":
		return r.leaf(&js.DisplayDate)
	case "unique_id":
		return r.leaf(&js.UniqueID)
	}
	return r.skip()
}

func (d *jsonDate) readMember(r *objectReader, name []byte) error {
	switch string(name) {
	case "year":
		return r.leaf(&d.Year)
	case "month":
		return r.leaf(&d.Month)
	case "day":
		return r.leaf(&d.Day)
	case "hour":
		return r.leaf(&d.Hour)
	case "minute":
		return r.leaf(&d.Minute)
	case "second":
		return r.leaf(&d.Second)
	case "millisecond":
		return r.leaf(&d.Millisecond)
	case "display_date":
		return r.leaf(&d.DisplayDate)
	}
	return r.skip()
}

func (t *jsonText) readMember(r *objectReader, name []byte) error {
	switch string(name) {
	case "headline":
		return r.leaf(&t.Headline)
	case "text":
		return r.leaf(&t.Text)
	}
	return r.skip()
}

func (m *jsonMedia) readMember(r *objectReader, name []byte) error {
	switch string(name) {
	case "url":
		return r.leaf(&m.URL)
	case "caption":
		return r.leaf(&m.Caption)
	case "credit":
		return r.leaf(&m.Credit)
	case "link":
		return r.leaf(&m.Link)
	case "thumbnail":
		return r.leaf(&m.Thumbnail)
	case "alt":
		return r.leaf(&m.Alt)
	case "title":
		return r.leaf(&m.Title)
	case "link_target":
		return r.leaf(&m.Target)
	}
	return r.skip()
}

func (b *jsonBackground) readMember(r *objectReader, name []byte) error {
	switch string(name) {
	case "url":
		return r.leaf(&b.URL)
	case "color":
		return r.leaf(&b.Color)
	}
	return r.skip()
}

func (js *jsonSlideV2) readMember(r *objectReader, name []byte) error {
	switch string(name) {
	case "startDate":
		return r.leaf(&js.StartDate)
	case "endDate":
		return r.leaf(&js.EndDate)
	case "headline":
		return r.leaf(&js.Headline)
	case "text":
		return r.leaf(&js.Text)
	case "tag":
		return r.leaf(&js.Tag)
	case "asset":
		return nested(r, "asset", &js.Asset)
	}
	return r.skip()
}

func (a *jsonAssetV2) readMember(r *objectReader, name []byte) error {
	switch string(name) {
	case "media":
		return r.leaf(&a.Media)
	case "credit":
		return r.leaf(&a.Credit)
	case "caption":
		return r.leaf(&a.Caption)
	}
	return r.skip()
}
