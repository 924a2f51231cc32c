package app

import (
	"strings"

	"chronoscope/data"
)

// sourceForm edits a source: what it is, who published it, where it is
// and when. Links are checked by the store's rules (data.CheckURL), so a
// link that may not be opened is refused beside its field.
type sourceForm struct {
	*fields
	title, publisher, author, url, published, accessed, archive *keyEntry
}

func newSourceForm(s data.Source) *sourceForm {
	f := &sourceForm{fields: newFields()}
	entry := func(text, placeholder string) *keyEntry {
		e := newKeyEntry(false)
		e.SetText(text)
		e.SetPlaceHolder(placeholder)
		return e
	}
	f.title = entry(s.Title, "the article's or document's title")
	f.publisher = entry(s.Publisher, "newspaper, agency, site")
	f.author = entry(s.Author, "")
	f.url = entry(s.URL, "https://…")
	f.published = entry(dateText(s.Published, ""), "2014-12-23, Dec 2014…")
	f.accessed = entry(dateText(s.Accessed, ""), "when the link was last read")
	f.archive = entry(s.ArchiveURL, "https://web.archive.org/…")
	f.add("Title", "title", f.title, f.title)
	f.add("Publisher", "publisher", f.publisher, f.publisher)
	f.add("Author", "author", f.author, f.author)
	f.add("Link", "url", f.url, f.url)
	f.add("Published", "published", f.published, f.published)
	f.add("Accessed", "accessed", f.accessed, f.accessed)
	f.add("Archived copy", "archive_url", f.archive, f.archive)
	return f
}

// source builds the edited source on base (its id is kept); a
// *data.FieldError names a field in error.
func (f *sourceForm) source(base data.Source) (*data.Source, error) {
	s := base
	s.Title = strings.TrimSpace(f.title.Text)
	s.Publisher = strings.TrimSpace(f.publisher.Text)
	s.Author = strings.TrimSpace(f.author.Text)
	s.URL = strings.TrimSpace(f.url.Text)
	s.ArchiveURL = strings.TrimSpace(f.archive.Text)
	for _, d := range []struct {
		field string
		text  string
		to    *data.Date
	}{{"published", f.published.Text, &s.Published}, {"accessed", f.accessed.Text, &s.Accessed}} {
		*d.to = data.Date{}
		if t := strings.TrimSpace(d.text); t != "" {
			v, _, err := data.ParseDate(t)
			if err != nil {
				return nil, &data.FieldError{Field: d.field, Msg: err.Error()}
			}
			*d.to = v
		}
	}
	return &s, s.Validate()
}
