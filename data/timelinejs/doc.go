// Package timelinejs reads and writes TimelineJS timelines (Knight Lab's
// web timeline, the journalists' favourite): its JSON format and the CSV
// export of its Google-Sheets template. ImportJSON also reads the JSON of
// TimelineJS 2 ({"timeline": {"date": […]}}, see import_v2.go), which
// TimelineJS 3 no longer reads, and ImportCSV the older sheet layout
// (Start Date, End Date, Tag).
//
// Imports run inside the caller's transaction (Store.Update), so a file
// with an error imports nothing. They stream: a JSON file is read slide by
// slide and a sheet row by row, so a million-event file never sits in
// memory. Errors name the file and the JSON path ("events[3].start_date.
// month") or the line and column of the problem. Input is bounded: text
// must be UTF-8, one field at most MaxField bytes, and JSON may nest at
// most 64 levels.
//
// The mapping, both ways:
//
//	TimelineJS                 Chronoscope
//	title slide                chronology title and description (on import
//	                           only into a chronology with no events yet)
//	start_date, end_date       Start, End; precision = finest part given
//	                           (year … second; milliseconds ignored); years
//	                           are historical (-500 is 500 BCE, no year 0)
//	display_date               DisplayDate
//	text.headline              Title (HTML made plain text); when empty, a
//	                           title made from the text, tagged
//	                           DerivedTitleTag and never exported as one
//	text.text                  Description (HTML made Markdown, see html.go)
//	group                      an actor of kind group, role "group"
//	media: a picture file      a remote Image (never fetched on import):
//	                           url, caption, credit, alt; on export the
//	                           event's first image (one in the file is
//	                           written where WriteOptions.Pictures says)
//	media: other url/caption/  a Source and a Citation quoting the caption;
//	credit                     MediaKind names what it is ("Video
//	                           (YouTube)"); exported as media only when
//	                           TimelineJS shows it (else listed in the text)
//	media thumbnail, title,    lines of the event's notes, "TimelineJS
//	link and link_target, and  media thumbnail: …", written back with it
//	alt of media not a picture (WriteCSV: thumbnail and alt, the sheet's
//	                           only such columns); a link or thumbnail
//	                           data.CheckURL refuses is dropped
//	<div class="chronoscope-   the event's other citations (title, URL,
//	sources"> in text.text     publisher, quote, note), written by the
//	                           export and read back as citations
//	unique_id                  ExternalID (re-import updates, never duplicates)
//	eras                       eras, in a soft colour each
//	scale                      written "cosmological" when a year is beyond
//	                           JavaScript dates; on import years are exact
//	background (url or color)  a line of the event's notes, "TimelineJS
//	                           background: …", written back on export
//	media "<blockquote…"       the citation's note, "TimelineJS quotation:
//	                           …" (Markdown), written back on export
//	autolink                   ignored; so are the title slide's media
//	                           and background
//	(none)                     story links: TimelineJS has none, so exports
//	                           write none; LinksLeftOut counts them for
//	                           the export's summary
//
// TimelineJS has no certainty: imported events are Reported (an editor
// confirms them), unless the text holds the "Certainty: …" paragraph
// WriteJSON adds to claimed, disputed and denied events so that readers of
// the published timeline see them as allegations.
package timelinejs
