// Package timelineproj imports the timelines of The Timeline Project
// (thetimelineproj.sourceforge.net), the open-source desktop timeline
// application, so its users can move their timelines over. It reads every
// shape of .timeline file the application has written:
//
//   - 0.1–0.2: lines of text, "# Written by Timeline 0.1.0 on …", then
//     PREFERRED-PERIOD:, CATEGORY:name;R,G,B[;visible] and
//     EVENT:start;end;text[;category];
//   - 0.3–0.9: the same with a "# END" line, and from 0.4 events with
//     ";description:…" and ";icon:…" after the category;
//   - 0.10 onwards: XML, <timeline><version/><categories/><events/><view/>,
//     with category nesting (<parent>) from 0.10, then <timetype>,
//     <eras>, containers, milestones, progress, alerts, hyperlinks and
//     icons, and from 2.x an event's further <categories>.
//
// The mapping:
//
//	<category> name, color "R,G,B"   an actor of kind group, "#rrggbb"; an
//	                                 event's categories link it with role
//	                                 "category"
//	<parent>                         named in the actor's description
//	                                 (actors do not nest)
//	<event> start, end               Start, End ("YYYY-MM-DD HH:MM:SS"); a
//	                                 midnight start and end give day
//	                                 precision, else minute (second when a
//	                                 second is set); equal start and end
//	                                 make a point event
//	<fuzzy>True                      one step less precise: a time of day
//	                                 becomes the day, a day the month (also
//	                                 <fuzzy_start>/<fuzzy_end> for one end)
//	<ends_today>True                 the end is the day of the import (the
//	                                 app moves it every day; Chronoscope
//	                                 has no open end), noted in Notes
//	<text>                           Title
//	"[7]Name", "(7)Name"             a container and its subevents: each
//	                                 tagged with the container's name
//	<description>                    Description, as written (plain text
//	                                 reads as Markdown)
//	<hyperlink>                      sources cited by the event (links that
//	                                 may not be opened are noted in Notes)
//	<milestone>True                  a point event at its start
//	<progress>, <alert>              a line of the event's Notes
//	<era>                            an era with its colour
//
// What has no place in Chronoscope — locks, icons, the colour of an event
// without a category, a category's text colour, hidden categories, elements the format does
// not have — is named to Options.Warn, one message a kind, with the lines
// where it was found; so are the changes made on the way (fuzzy dates,
// ends today, containers, category nesting). The view and the saved "now"
// are settings of the application's window, not of the timeline, and are
// passed over.
//
// The Timeline Project numbers years astronomically (year 0 is 1 BCE,
// -1 is 2 BCE); they are converted to Chronoscope's historical years.
// Imported events are Reported (the file says nothing of certainty),
// importance 3, in UTC. Only the gregoriantime time type is read.
//
// The XML is read token by token with a strict encoding/xml decoder;
// DOCTYPE and entity declarations are refused outright (they are how
// external-entity and entity-expansion attacks start), text must be UTF-8
// and one element's text (or one line of the text format) at most
// MaxField bytes.
package timelineproj
