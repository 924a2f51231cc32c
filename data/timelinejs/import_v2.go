package timelinejs

import (
	"fmt"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"

	"chronoscope/data"
)

// TimelineJS 2, which newsrooms published from 2012 to 2015 and which
// TimelineJS 3 no longer reads, wrapped everything in "timeline":
//
//	{"timeline": {"headline", "type", "text", "startDate", "asset": {…},
//	              "date": [slide…], "era": [slide…]}}
//
// A slide has "startDate" and "endDate" ("2011,3,23" or "2011,3,23,14,30",
// or any form parseLegacyDate reads), "headline", "text" (HTML), "tag"
// (a group), "classname" (ignored) and "asset": {"media", "credit",
// "caption", "thumbnail" (ignored)}.
type jsonSlideV2 struct {
	StartDate jsontext.Value
	EndDate   jsontext.Value
	Headline  jsontext.Value
	Text      jsontext.Value
	Tag       jsontext.Value
	Asset     *jsonAssetV2
}

type jsonAssetV2 struct {
	Media   jsontext.Value
	Credit  jsontext.Value
	Caption jsontext.Value
}

// readDateV2 reads a TimelineJS 2 date: a string in any form
// parseLegacyDate reads, or a number taken as a year.
func readDateV2(raw jsontext.Value, path string) (data.Date, error) {
	dp := dateParts{where: func(int) string { return path }}
	s, err := rawText(raw, func() string { return path })
	if err != nil {
		return data.Date{}, err
	}
	if err := parseLegacyDate(s, &dp); err != nil {
		return data.Date{}, fmt.Errorf("%s: %w", path, err)
	}
	return dp.date()
}

// readSlideV2 checks a TimelineJS 2 slide and turns it into a slide.
func readSlideV2(js *jsonSlideV2, path string) (*slide, error) {
	s := &slide{where: path}
	var err error
	if s.start, err = readDateV2(js.StartDate, path+".startDate"); err != nil {
		return nil, err
	}
	if s.end, err = readDateV2(js.EndDate, path+".endDate"); err != nil {
		return nil, err
	}
	type text struct {
		raw  jsontext.Value
		name string
		dst  *string
	}
	texts := []text{{js.Headline, "headline", &s.headline}, {js.Text, "text", &s.text}, {js.Tag, "tag", &s.group}}
	if js.Asset != nil {
		texts = append(texts, text{js.Asset.Media, "asset.media", &s.media.url},
			text{js.Asset.Credit, "asset.credit", &s.media.credit}, text{js.Asset.Caption, "asset.caption", &s.media.caption})
	}
	for _, t := range texts {
		if *t.dst, err = rawText(t.raw, func() string { return path + "." + t.name }); err != nil {
			return nil, err
		}
		if err := checkText(*t.dst); err != nil {
			return nil, fmt.Errorf("%s.%s: %w", path, t.name, err)
		}
	}
	s.field = func(field string) string {
		switch field {
		case "group":
			return path + ".tag"
		case "media":
			return path + ".asset.media"
		}
		return path + "." + field
	}
	return s, nil
}

// timelineV2 reads the "timeline" object of a TimelineJS 2 document: its
// own headline, text and asset are the title slide, "date" the events and
// "era" the eras. It reports whether "date" was there.
func (d *jsonReader) timelineV2() (bool, error) {
	t, err := d.token()
	if err != nil {
		return false, err
	}
	if t.Kind() != '{' {
		return false, fmt.Errorf("%s: timeline: is not an object (a TimelineJS 2 document is {\"timeline\": {\"date\": […]}})", d.name)
	}
	var title jsonSlideV2
	sawTitle, sawDates := false, false
	for d.more() {
		t, err := d.token()
		if err != nil {
			return false, err
		}
		switch key := t.String(); key {
		case "date":
			sawDates = true
			if err := d.listV2("timeline.date", d.sink.event); err != nil {
				return false, err
			}
		case "era":
			if err := d.listV2("timeline.era", d.sink.era); err != nil {
				return false, err
			}
		case "headline", "text":
			raw, err := d.rawValue()
			if err != nil {
				return false, err
			}
			if key == "headline" {
				title.Headline = raw
			} else {
				title.Text = raw
			}
			sawTitle = true
		default: // type, startDate, asset (the title's media is not kept), chart
			if err := d.skip(); err != nil {
				return false, err
			}
		}
		d.g.forget(d.dec.InputOffset())
	}
	if _, err := d.token(); err != nil { // the closing brace
		return false, err
	}
	if sawTitle {
		s, err := readSlideV2(&jsonSlideV2{Headline: title.Headline, Text: title.Text}, "timeline")
		if err != nil {
			return false, fmt.Errorf("%s: %w", d.name, err)
		}
		if err := d.sink.title(s); err != nil {
			return false, err
		}
	}
	return sawDates, nil
}

// listV2 reads an array of TimelineJS 2 slides one at a time.
func (d *jsonReader) listV2(key string, fn func(*slide) error) error {
	t, err := d.token()
	if err != nil {
		return err
	}
	if t.Kind() == 'n' {
		return nil
	}
	if t.Kind() != '[' {
		return fmt.Errorf("%s: %s: is not an array of slides", d.name, key)
	}
	for i := 0; d.more(); i++ {
		path := key + "[" + strconv.Itoa(i) + "]"
		var js jsonSlideV2
		if err := d.decodeObject(path, &js); err != nil {
			return err
		}
		s, err := readSlideV2(&js, path)
		if err != nil {
			return fmt.Errorf("%s: %w", d.name, err)
		}
		switch {
		case s.start.IsZero() && key == "timeline.date":
			return fmt.Errorf("%s: %s.startDate: missing (every slide needs a start date with a year)", d.name, path)
		case s.start.IsZero():
			return fmt.Errorf("%s: %s.startDate: missing (an era needs a start and an end date)", d.name, path)
		case s.end.IsZero() && key == "timeline.era":
			return fmt.Errorf("%s: %s.endDate: missing (an era needs a start and an end date)", d.name, path)
		}
		if err := fn(s); err != nil {
			return err
		}
		d.g.forget(d.dec.InputOffset())
	}
	_, err = d.token()
	return err
}
