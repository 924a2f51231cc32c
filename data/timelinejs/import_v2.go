package timelinejs

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

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
	StartDate json.RawMessage `json:"startDate"`
	EndDate   json.RawMessage `json:"endDate"`
	Headline  json.RawMessage `json:"headline"`
	Text      json.RawMessage `json:"text"`
	Tag       json.RawMessage `json:"tag"`
	Asset     *jsonAssetV2    `json:"asset"`
}

type jsonAssetV2 struct {
	Media   json.RawMessage `json:"media"`
	Credit  json.RawMessage `json:"credit"`
	Caption json.RawMessage `json:"caption"`
}

// readDateV2 reads a TimelineJS 2 date: a string in any form
// parseLegacyDate reads, or a number taken as a year.
func readDateV2(raw json.RawMessage, path string) (data.Date, error) {
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
		raw  json.RawMessage
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
	if t != json.Delim('{') {
		return false, fmt.Errorf("%s: timeline: is not an object (a TimelineJS 2 document is {\"timeline\": {\"date\": […]}})", d.name)
	}
	var title jsonSlideV2
	sawTitle, sawDates := false, false
	for d.dec.More() {
		t, err := d.token()
		if err != nil {
			return false, err
		}
		key, _ := t.(string)
		switch key {
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
			var raw json.RawMessage
			if err := d.decode(&raw); err != nil {
				return false, d.syntax(err)
			}
			if key == "headline" {
				title.Headline = raw
			} else {
				title.Text = raw
			}
			sawTitle = true
		default: // type, startDate, asset (the title's media is not kept), chart
			var skip struct{}
			if err := d.decode(&skip); err != nil {
				var te *json.UnmarshalTypeError
				if !errors.As(err, &te) {
					return false, d.syntax(err)
				}
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
	if t == nil {
		return nil
	}
	if t != json.Delim('[') {
		return fmt.Errorf("%s: %s: is not an array of slides", d.name, key)
	}
	for i := 0; d.dec.More(); i++ {
		path := key + "[" + strconv.Itoa(i) + "]"
		var js jsonSlideV2
		if err := d.decode(&js); err != nil {
			return d.typeError(path, err)
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
