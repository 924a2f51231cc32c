// Package data holds Chronoscope's domain model (chronologies, events,
// actors, sources, citations, eras), the SQLite store they live in, and the
// codecs that read and write them.
package data

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// ErrNotFound is returned when an id names no row.
var ErrNotFound = errors.New("not found")

// FieldError is a validation error that names the field in error, so a form
// can show the message beside that field.
type FieldError struct {
	Field string // e.g. "title", "start", "color", "url"
	Msg   string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

func fieldErr(field, format string, a ...any) error {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, a...)}
}

// Chronology is the file-level record: what the chronology is about.
type Chronology struct {
	Title       string
	Description string
	Zone        string // default display time zone (IANA name), "" for UTC
}

// Validate reports a *FieldError for an empty title or unknown zone.
func (c Chronology) Validate() error {
	if strings.TrimSpace(c.Title) == "" {
		return fieldErr("title", "must not be empty")
	}
	return validateZone("zone", c.Zone)
}

// Certainty says how far an event is established: an allegation is not a fact.
type Certainty string

// The certainties, from established to rejected.
const (
	Confirmed Certainty = "confirmed" // established by evidence or admitted by all sides
	Reported  Certainty = "reported"  // reported by credible sources, not independently confirmed
	Claimed   Certainty = "claimed"   // asserted by a party with a stake in it
	Disputed  Certainty = "disputed"  // asserted by some, contested by others
	Denied    Certainty = "denied"    // asserted by some, denied by the party concerned
)

// Certainties lists every certainty in display order.
var Certainties = []Certainty{Confirmed, Reported, Claimed, Disputed, Denied}

// Valid reports whether c is one of Certainties.
func (c Certainty) Valid() bool {
	for _, k := range Certainties {
		if c == k {
			return true
		}
	}
	return false
}

// ActorKind is what sort of party an actor is.
type ActorKind string

// The kinds of actor.
const (
	KindState        ActorKind = "state"
	KindOrganisation ActorKind = "organisation"
	KindPerson       ActorKind = "person"
	KindGroup        ActorKind = "group"
)

// ActorKinds lists every kind of actor.
var ActorKinds = []ActorKind{KindState, KindOrganisation, KindPerson, KindGroup}

// Valid reports whether k is one of ActorKinds.
func (k ActorKind) Valid() bool {
	for _, v := range ActorKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Actor is a party to events: a state, organisation, person or group.
type Actor struct {
	ID          int64
	Name        string
	Kind        ActorKind
	Color       string // "#rrggbb"
	Description string
	Position    int // lane order; lower first
}

// Validate reports a *FieldError for an empty name, unknown kind or a colour
// that is not "#rrggbb".
func (a Actor) Validate() error {
	if strings.TrimSpace(a.Name) == "" {
		return fieldErr("name", "must not be empty")
	}
	if !a.Kind.Valid() {
		return fieldErr("kind", "%q is not one of state, organisation, person, group", a.Kind)
	}
	if !ValidColor(a.Color) {
		return fieldErr("color", "%q is not a colour of the form #rrggbb", a.Color)
	}
	return nil
}

// ValidColor reports whether s is a colour of the form "#rrggbb".
func ValidColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, c := range s[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}

// Participant links an actor to an event with the role it plays there
// (attacker, target, accuser, denier, speaker, commentator…).
type Participant struct {
	ActorID int64
	Role    string
}

// HasActor reports whether an actor is among the participants.
func HasActor(ps []Participant, actorID int64) bool {
	for _, p := range ps {
		if p.ActorID == actorID {
			return true
		}
	}
	return false
}

// Event is one thing that happened (or is said to have happened).
type Event struct {
	ID          int64
	Title       string
	Description string // Markdown
	Start       Date
	End         Date   // zero for a point event
	Zone        string // IANA time zone the dates are wall time in; "" for UTC
	DisplayDate string // shown instead of the formatted date when set
	Certainty   Certainty
	Importance  int // 1 (minor) to 5 (major); decides which labels survive
	Tags        []string
	Notes       string // presenter notes
	Story       int    // position in the story for presentations; 0 for none
	ExternalID  string // id in the file it was imported from (TimelineJS unique_id)
	Actors      []Participant
}

// Location returns the event's time zone (UTC when none is set or the name
// is unknown).
func (e *Event) Location() *time.Location { return LoadZone(e.Zone) }

// When is how the event's date reads to a person: its display date when
// it has one ("Late 2014"), else its dates at their precision in its zone
// (FormatSpan). Views that show the exact dates beside a display date
// (the event panel, the list) use FormatSpan and the display date apart.
func (e *Event) When() string {
	if e.DisplayDate != "" {
		return e.DisplayDate
	}
	return FormatSpan(e.Start, e.End, e.Location())
}

// LoadZone returns the named IANA zone, or UTC for "" or an unknown name.
func LoadZone(name string) *time.Location {
	if name == "" || name == "UTC" {
		return time.UTC
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Span returns the first second the event covers and the first second
// after it (Unix seconds): a month-precision event spans its month.
func (e *Event) Span() (start, stop int64) {
	loc := e.Location()
	start = e.Start.Instant(loc)
	if e.End.IsZero() {
		return start, e.Start.Stop(loc)
	}
	return start, e.End.Stop(loc)
}

// Validate reports a *FieldError for an empty title, an invalid date, an
// end before the start, an unknown zone, certainty or importance.
func (e *Event) Validate() error {
	if strings.TrimSpace(e.Title) == "" {
		return fieldErr("title", "must not be empty")
	}
	if err := e.Start.Validate(); err != nil {
		return fieldErr("start", "%v", err)
	}
	if !e.End.IsZero() {
		if err := e.End.Validate(); err != nil {
			return fieldErr("end", "%v", err)
		}
		if e.End.Stop(nil) <= e.Start.Instant(nil) || e.End.Compare(e.Start) < 0 {
			return fieldErr("end", "%s is before the start %s", e.End, e.Start)
		}
	}
	if err := validateZone("zone", e.Zone); err != nil {
		return err
	}
	if !e.Certainty.Valid() {
		return fieldErr("certainty", "%q is not one of confirmed, reported, claimed, disputed, denied", e.Certainty)
	}
	if e.Importance < 1 || e.Importance > 5 {
		return fieldErr("importance", "%d is out of range 1..5", e.Importance)
	}
	if e.Story < 0 {
		return fieldErr("story", "position %d is negative", e.Story)
	}
	for _, t := range e.Tags {
		if strings.TrimSpace(t) == "" {
			return fieldErr("tags", "a tag must not be empty")
		}
	}
	if j := firstRepeat(len(e.Tags), func(i int) string { return e.Tags[i] }); j >= 0 {
		return fieldErr("tags", "tag %q is given twice", e.Tags[j])
	}
	if j := firstRepeat(len(e.Actors), func(i int) int64 { return e.Actors[i].ActorID }); j >= 0 {
		return fieldErr("actors", "actor %d is given twice", e.Actors[j].ActorID)
	}
	return nil
}

// firstRepeat returns the index of the first of key(0..n-1) that equals
// an earlier one, or -1. A few values (an event's tags or actors, almost
// always) are compared in place; many go through a set.
func firstRepeat[K comparable](n int, key func(int) K) int {
	if n <= 16 {
		for j := 1; j < n; j++ {
			for i := range j {
				if key(i) == key(j) {
					return j
				}
			}
		}
		return -1
	}
	seen := make(map[K]bool, n)
	for j := range n {
		if seen[key(j)] {
			return j
		}
		seen[key(j)] = true
	}
	return -1
}

func validateZone(field, zone string) error {
	if zone == "" {
		return nil
	}
	if _, err := time.LoadLocation(zone); err != nil {
		return fieldErr(field, "%q is not a known IANA time zone", zone)
	}
	return nil
}

// Source is a document that backs events: an article, a statement, a report.
type Source struct {
	ID         int64
	Title      string
	Publisher  string
	Author     string
	URL        string
	Published  Date // zero when unknown
	Accessed   Date // zero when unknown
	ArchiveURL string
}

// Validate reports a *FieldError for an empty title, a URL or archive URL
// that may not be opened (see SafeURL), or an invalid date.
func (s Source) Validate() error {
	if strings.TrimSpace(s.Title) == "" {
		return fieldErr("title", "must not be empty")
	}
	if s.URL != "" {
		if err := CheckURL(s.URL); err != nil {
			return fieldErr("url", "%v", err)
		}
	}
	if s.ArchiveURL != "" {
		if err := CheckURL(s.ArchiveURL); err != nil {
			return fieldErr("archive_url", "%v", err)
		}
	}
	if !s.Published.IsZero() {
		if err := s.Published.Validate(); err != nil {
			return fieldErr("published", "%v", err)
		}
	}
	if !s.Accessed.IsZero() {
		if err := s.Accessed.Validate(); err != nil {
			return fieldErr("accessed", "%v", err)
		}
	}
	return nil
}

// CheckURL is the one place that decides whether a link may be opened: an
// http or https URL with a host, or a mailto: address. Anything else
// (javascript:, file:, ms-msdt:, UNC paths, "https:evil.com", a leading
// '-', control characters, over 8 KB) is refused with the reason.
func CheckURL(raw string) error {
	if raw == "" {
		return errors.New("empty link")
	}
	if len(raw) > 8192 {
		return fmt.Errorf("link is %d bytes long (limit 8192)", len(raw))
	}
	for _, r := range raw {
		if r <= ' ' || r == 0x7f || r == '"' || r == '\\' || r == '<' || r == '>' || r == '`' {
			return fmt.Errorf("link %q contains a space, quote, backslash or control character", raw)
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("link %q is not a valid URL", raw)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Opaque != "" || u.Host == "" || !strings.HasPrefix(raw[len(u.Scheme):], "://") {
			return fmt.Errorf("link %q has no host (want https://host/…)", raw)
		}
		if u.User != nil {
			return fmt.Errorf("link %q carries a user name or password", raw)
		}
		if strings.HasPrefix(u.Hostname(), "-") || u.Hostname() == "" {
			return fmt.Errorf("link %q has an invalid host", raw)
		}
		return nil
	case "mailto":
		if u.Opaque == "" || !strings.Contains(u.Opaque, "@") || strings.HasPrefix(u.Opaque, "-") {
			return fmt.Errorf("mail link %q has no address", raw)
		}
		return nil
	case "":
		return fmt.Errorf("link %q has no scheme (want https://…)", raw)
	}
	return fmt.Errorf("link %q uses %q; only http, https and mailto links are opened", raw, u.Scheme)
}

// Citation says that a source backs an event, with the supporting quote.
// Date is the date this source gives for the event, when it differs from
// (or confirms) the event's date; zero when the source gives none.
type Citation struct {
	ID       int64
	EventID  int64
	SourceID int64
	Quote    string
	Note     string
	Date     Date
}

// Validate reports a *FieldError for missing ids or an invalid date.
func (c Citation) Validate() error {
	if c.EventID == 0 {
		return fieldErr("event", "must be set")
	}
	if c.SourceID == 0 {
		return fieldErr("source", "must be set")
	}
	if !c.Date.IsZero() {
		if err := c.Date.Validate(); err != nil {
			return fieldErr("date", "%v", err)
		}
	}
	return nil
}

// Era is a titled, coloured background span (a period, a phase of a story).
type Era struct {
	ID    int64
	Title string
	Start Date
	End   Date
	Color string // "#rrggbb"
}

// Validate reports a *FieldError for an empty title, invalid dates, an end
// before the start or an invalid colour.
func (e Era) Validate() error {
	if strings.TrimSpace(e.Title) == "" {
		return fieldErr("title", "must not be empty")
	}
	if err := e.Start.Validate(); err != nil {
		return fieldErr("start", "%v", err)
	}
	if err := e.End.Validate(); err != nil {
		return fieldErr("end", "%v", err)
	}
	if e.End.Compare(e.Start) < 0 {
		return fieldErr("end", "%s is before the start %s", e.End, e.Start)
	}
	if !ValidColor(e.Color) {
		return fieldErr("color", "%q is not a colour of the form #rrggbb", e.Color)
	}
	return nil
}
