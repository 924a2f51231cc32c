package timelinejs

import (
	"bufio"
	"encoding/json"
	"errors"
	"html"
	"io"

	"chronoscope/data"
)

// The TimelineJS JSON document as written: dates as numbers at the
// event's precision.
type outDate struct {
	Year        int64  `json:"year"`
	Month       int    `json:"month,omitempty"`
	Day         int    `json:"day,omitempty"`
	Hour        *int   `json:"hour,omitempty"`
	Minute      *int   `json:"minute,omitempty"`
	Second      *int   `json:"second,omitempty"`
	DisplayDate string `json:"display_date,omitempty"`
}

type outText struct {
	Headline string `json:"headline"`
	Text     string `json:"text,omitempty"`
}

type outMedia struct {
	URL       string `json:"url"`
	Caption   string `json:"caption,omitempty"`
	Credit    string `json:"credit,omitempty"`
	Alt       string `json:"alt,omitempty"`
	Thumbnail string `json:"thumbnail,omitempty"`
	Title     string `json:"title,omitempty"`
	Link      string `json:"link,omitempty"`
	Target    string `json:"link_target,omitempty"`
}

type outJSONSlide struct {
	StartDate   *outDate  `json:"start_date,omitempty"`
	EndDate     *outDate  `json:"end_date,omitempty"`
	DisplayDate string    `json:"display_date,omitempty"`
	Text        outText   `json:"text"`
	Media       *outMedia `json:"media,omitempty"`
	Group       string    `json:"group,omitempty"`
	UniqueID    string    `json:"unique_id,omitempty"`
	Background  *outBack  `json:"background,omitempty"`
}

type outBack struct {
	URL   string `json:"url,omitempty"`
	Color string `json:"color,omitempty"`
}

func outBackground(bg string) *outBack {
	switch {
	case bg == "":
		return nil
	case isBackgroundURL(bg):
		return &outBack{URL: bg}
	}
	return &outBack{Color: bg}
}

func outJSONDate(d data.Date) *outDate {
	if d.IsZero() {
		return nil
	}
	o := &outDate{Year: d.Year}
	if d.Precision >= data.PrecisionMonth {
		o.Month = d.Month
	}
	if d.Precision >= data.PrecisionDay {
		o.Day = d.Day
	}
	if d.Precision >= data.PrecisionHour {
		o.Hour = &d.Hour
	}
	if d.Precision >= data.PrecisionMinute {
		o.Minute = &d.Minute
	}
	if d.Precision >= data.PrecisionSecond {
		o.Second = &d.Second
	}
	return o
}

// WriteJSON writes the chronology in tx as a TimelineJS JSON document that
// TimelineJS publishes unchanged: the title slide from the chronology,
// one slide per event (see the fields below), the eras, and the scale
// ("cosmological" when a date lies beyond what JavaScript dates reach).
// Every user string is HTML-escaped; descriptions go from Markdown to
// simple HTML. An event's group is its first actor; its media its first
// picture, else the first citation of something TimelineJS shows (see
// MediaKind: a page it cannot show would be a broken picture), the other
// citations listed in the text as links with their quotes; its unique_id
// its external id or "cs-<id>". Claimed, disputed and denied events carry a
// "Certainty: …" paragraph that ImportJSON reads back. Events are written
// one at a time, so memory stays bounded.
func WriteJSON(tx *data.Tx, w io.Writer, opt WriteOptions) error {
	bw := bufio.NewWriter(w)
	c, err := tx.Chronology()
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		return err
	}
	x, err := newExporter(tx, opt)
	if err != nil {
		return err
	}
	// put writes v after prefix, its inner lines indented by indent.
	put := func(prefix, indent string, v any) error {
		b, err := json.MarshalIndent(v, indent, "  ")
		if err != nil {
			return err
		}
		bw.WriteString(prefix)
		_, err = bw.Write(b)
		return err
	}
	human := true
	bw.WriteString("{\n  \"title\":")
	if err := put(" ", "  ", outJSONSlide{Text: outText{Headline: html.EscapeString(c.Title), Text: markdownToHTML(c.Description)}}); err != nil {
		return err
	}
	bw.WriteString(",\n  \"events\": [")
	first := true
	err = tx.EachEvent(opt.Filter, func(e *data.Event) error {
		s, err := x.slide(e)
		if err != nil {
			return err
		}
		human = human && humanYear(s.start) && humanYear(s.end)
		out := outJSONSlide{StartDate: outJSONDate(s.start), EndDate: outJSONDate(s.end), DisplayDate: s.displayDate,
			Text: outText{Headline: s.headline, Text: s.text}, Group: s.group, UniqueID: s.uniqueID,
			Background: outBackground(s.background)}
		if s.mediaURL != "" {
			out.Media = &outMedia{URL: s.mediaURL, Caption: s.caption, Credit: s.credit, Alt: s.alt, Thumbnail: s.thumbnail,
				Title: s.mediaTitle, Link: s.link, Target: s.linkTarget}
		}
		prefix := ",\n    "
		if first {
			prefix, first = "\n    ", false
		}
		return put(prefix, "    ", out)
	})
	if err != nil {
		return err
	}
	if !first {
		bw.WriteString("\n  ")
	}
	bw.WriteString("],\n  \"eras\": [")
	eras, err := tx.Eras()
	if err != nil {
		return err
	}
	for i, e := range eras {
		human = human && humanYear(e.Start) && humanYear(e.End)
		prefix := ",\n    "
		if i == 0 {
			prefix = "\n    "
		}
		if err := put(prefix, "    ", outJSONSlide{StartDate: outJSONDate(e.Start), EndDate: outJSONDate(e.End),
			Text: outText{Headline: html.EscapeString(e.Title)}}); err != nil {
			return err
		}
	}
	if len(eras) > 0 {
		bw.WriteString("\n  ")
	}
	scale := "human"
	if !human {
		scale = "cosmological"
	}
	bw.WriteString("],\n  \"scale\": \"" + scale + "\"\n}\n")
	return bw.Flush()
}
