package data

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// GenerateOptions shapes a synthetic chronology.
type GenerateOptions struct {
	Events int    // how many events (required)
	Actors int    // how many actors; 0 means 50
	Seed   uint64 // the same seed gives the same chronology
	// FromYear and ToYear bound the story; both 0 means 1990 to 2025.
	FromYear, ToYear int64
	// Citations adds a citation to one event in this many (0: none); the
	// sources are shared, one per 100 events.
	CitationEvery int
	// Links adds this many story links between events close in time (a
	// later event answering an earlier one, mostly), a note on one in
	// four and, when there are sources, a citation on one in five.
	Links int
	// Progress, when set, is called now and then with the events written.
	Progress func(done int)
}

var (
	genSubjects = []string{"Ministry", "Parliament", "Court", "Agency", "Council", "Embassy", "Committee", "Regulator", "Union", "Army", "Police", "Senate", "Company", "Bank", "Network"}
	genVerbs    = []string{"announces", "denies", "confirms", "investigates", "rejects", "approves", "reports", "warns of", "sanctions", "publishes", "suspends", "debates", "leaks", "condemns", "settles"}
	genObjects  = []string{"cyberattack", "inquiry", "ceasefire", "budget", "treaty", "outage", "election result", "merger", "embargo", "data breach", "protest", "summit", "lawsuit", "reform", "strike"}
	genPlaces   = []string{"Seoul", "Beijing", "Washington", "Tokyo", "Moscow", "Brussels", "Geneva", "Pyongyang", "London", "Nairobi", "Lima", "Delhi", "Berlin", "Ottawa", "Canberra"}
	genTags     = []string{"politics", "security", "economy", "law", "diplomacy", "technology", "media", "military"}
	genRoles    = []string{"speaker", "accuser", "accused", "target", "mediator", "witness", "commentator"}
	genKinds    = []ActorKind{KindState, KindOrganisation, KindPerson, KindGroup}
)

// Generate writes a realistic synthetic chronology into tx: bursty news
// cycles (stories that flare up and die down), many actors, about one span
// in ten, and a mix of precisions from year to minute. It is meant for
// tests and benchmarks of any size.
func Generate(tx *Tx, opt GenerateOptions) error {
	if opt.Events < 0 {
		return fmt.Errorf("generate: %d events", opt.Events)
	}
	if opt.Actors <= 0 {
		opt.Actors = 50
	}
	if opt.FromYear == 0 && opt.ToYear == 0 {
		opt.FromYear, opt.ToYear = 1990, 2025
	}
	if opt.ToYear <= opt.FromYear {
		return fmt.Errorf("generate: years %d..%d are empty", opt.FromYear, opt.ToYear)
	}
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	if _, err := tx.Chronology(); err != nil {
		if err := tx.SetChronology(Chronology{Title: fmt.Sprintf("Generated chronology (%d events)", opt.Events)}); err != nil {
			return err
		}
	}
	actors := make([]int64, opt.Actors)
	for i := range actors {
		a := Actor{
			Name:     fmt.Sprintf("%s %s %d", genPlaces[i%len(genPlaces)], genSubjects[i%len(genSubjects)], i+1),
			Kind:     genKinds[i%len(genKinds)],
			Color:    fmt.Sprintf("#%06x", hueColor(float64(i)*0.618034)),
			Position: i,
		}
		if err := tx.CreateActor(&a); err != nil {
			return err
		}
		actors[i] = a.ID
	}
	var sources []int64
	if opt.CitationEvery > 0 {
		for i := 0; i < max(1, opt.Events/100); i++ {
			s := Source{Title: fmt.Sprintf("Report %d", i+1), Publisher: genPlaces[i%len(genPlaces)] + " Herald",
				URL: fmt.Sprintf("https://example.org/reports/%d", i+1)}
			if err := tx.CreateSource(&s); err != nil {
				return err
			}
			sources = append(sources, s.ID)
		}
	}
	// The events are drawn on a goroutine of their own (their instants
	// first, while this one plans the links) while this one writes them,
	// as an import decodes while it writes; the draws come in the same
	// order, so a seed gives the same chronology.
	done := make(chan struct{})
	defer close(done)
	batches := drawEvents(rng, opt, actors, sources, done)
	plan, err := planLinks(opt, opt.Events, sources)
	if err != nil {
		return err
	}
	made := 0
	ids := make([]int64, 0, opt.Events)
	i := 0
	for batch := range batches {
		for k := range batch {
			g := &batch[k]
			if err := tx.CreateEvent(&g.event); err != nil {
				return fmt.Errorf("generate event %d: %w", i, err)
			}
			ids = append(ids, g.event.ID)
			if g.cited {
				g.citation.EventID = g.event.ID
				if err := tx.CreateCitation(&g.citation); err != nil {
					return err
				}
			}
			for ; made < len(plan) && max(plan[made].from, plan[made].to) == i; made++ {
				l := plan[made].link
				l.From, l.To = ids[plan[made].from], ids[plan[made].to]
				if err := tx.CreateLink(&l); err != nil {
					return fmt.Errorf("generate link %d: %w", made, err)
				}
			}
			if opt.Progress != nil && (i+1)%10000 == 0 {
				opt.Progress(i + 1)
			}
			i++
		}
	}
	return nil
}

// drawnEvent is a generated event and, on one in opt.CitationEvery, the
// citation to add to it once it has an id.
type drawnEvent struct {
	event    Event
	cited    bool
	citation Citation
}

// drawEvents draws opt.Events events on a goroutine and sends them in
// batches, in time order, until all are sent or done is closed.
func drawEvents(rng *rand.Rand, opt GenerateOptions, actors, sources []int64, done <-chan struct{}) <-chan []drawnEvent {
	out := make(chan []drawnEvent, 4)
	go func() {
		defer close(out)
		times := drawInstants(rng, opt)
		const size = 1024
		batch := make([]drawnEvent, 0, size)
		for i, t := range times {
			g := drawnEvent{event: Event{
				Title:      genTitle(rng),
				Certainty:  Certainties[weighted(rng, []int{50, 25, 12, 8, 5})],
				Importance: 1 + weighted(rng, []int{35, 30, 20, 10, 5}),
				Start:      dateAt(t, Precision(1+weighted(rng, []int{3, 7, 60, 10, 20}))),
			}}
			e := &g.event
			if rng.IntN(10) == 0 {
				length := int64(math.Exp(rng.Float64()*math.Log(365*86400/3600.0)) * 3600)
				e.End = dateAt(t+length, e.Start.Precision)
				if e.End.Compare(e.Start) < 0 {
					e.End = e.Start
				}
			}
			e.Tags = []string{genTags[rng.IntN(len(genTags))]}
			n := 1 + weighted(rng, []int{60, 30, 10})
			first := rng.IntN(len(actors))
			for k := 0; k < n; k++ {
				e.Actors = append(e.Actors, Participant{ActorID: actors[(first+k*7)%len(actors)], Role: genRoles[rng.IntN(len(genRoles))]})
			}
			if len(e.Actors) > 1 && e.Actors[0].ActorID == e.Actors[len(e.Actors)-1].ActorID {
				e.Actors = e.Actors[:1]
			}
			if opt.CitationEvery > 0 && i%opt.CitationEvery == 0 {
				g.cited = true
				g.citation = Citation{SourceID: sources[rng.IntN(len(sources))], Quote: genTitle(rng)}
			}
			batch = append(batch, g)
			if len(batch) == size || i == len(times)-1 {
				select {
				case out <- batch:
				case <-done:
					return
				}
				batch = make([]drawnEvent, 0, size)
			}
		}
	}()
	return out
}

// drawInstants draws the instants of opt.Events events, sorted: a
// chronology is written (and imported) roughly in time order.
func drawInstants(rng *rand.Rand, opt GenerateOptions) []int64 {
	from := YearDate(opt.FromYear).Instant(nil)
	to := YearDate(opt.ToYear).Instant(nil)
	span := float64(to - from)
	times := make([]int64, opt.Events)
	var burstCentre, burstWidth float64
	burstLeft := 0
	for i := range times {
		if burstLeft == 0 {
			// A new story: a centre, a spread from hours to months, and
			// a size from a handful of events to a few hundred.
			burstCentre = float64(from) + rng.Float64()*span
			burstWidth = math.Exp(rng.Float64()*math.Log(90*86400/3600.0)) * 3600
			burstLeft = 1 + int(rng.ExpFloat64()*40)
		}
		burstLeft--
		t := burstCentre + rng.NormFloat64()*burstWidth
		times[i] = int64(math.Max(float64(from), math.Min(float64(to-86400*400), t)))
	}
	slices.Sort(times)
	return times
}

// plannedLink is a story link to make between the events at two
// indices of the generated chronology.
type plannedLink struct {
	from, to int // indices of the events, in time order
	drawn    int // its place among the links drawn
	link     StoryLink
}

// planLinks draws opt.Links story links between n events, sorted by
// their later end, so that each is made as soon as both its events are
// (as an import makes them): while they still wait to be written, a
// link costs no update of their rows. It draws from its own random
// source, so the events of a seed are the same with links or without.
func planLinks(opt GenerateOptions, n int, sources []int64) ([]plannedLink, error) {
	if opt.Links <= 0 {
		return nil, nil
	}
	if n < 2 {
		return nil, fmt.Errorf("generate: %d links need at least two events", opt.Links)
	}
	rng := rand.New(rand.NewPCG(opt.Seed^0x5bd1e9955bd1e995, opt.Seed+1))
	kinds := LinkKinds()
	type triple struct {
		from, to int
		kind     LinkKind
	}
	seen := make(map[triple]bool, opt.Links)
	plan := make([]plannedLink, 0, opt.Links)
	for tries := 0; len(plan) < opt.Links; tries++ {
		if tries > 20*opt.Links {
			return nil, fmt.Errorf("generate: cannot place %d links among %d events", opt.Links, n)
		}
		// A later event answers one a little earlier, in the same story
		// more often than not.
		i := 1 + rng.IntN(n-1)
		back := min(i, 1+int(rng.ExpFloat64()*8))
		p := plannedLink{from: i, to: i - back, drawn: len(plan), link: StoryLink{
			Kind:      kinds[weighted(rng, []int{40, 15, 12, 8, 10, 10, 5})],
			Certainty: Certainties[weighted(rng, []int{40, 30, 15, 10, 5})]}}
		if p.link.Kind == LedTo {
			p.from, p.to = p.to, p.from // the earlier event led to the later
		}
		if seen[triple{p.from, p.to, p.link.Kind}] {
			continue
		}
		seen[triple{p.from, p.to, p.link.Kind}] = true
		if rng.IntN(4) == 0 {
			p.link.Note = genTitle(rng)
		}
		if len(sources) > 0 && rng.IntN(5) == 0 {
			p.link.Citations = []LinkCitation{{SourceID: sources[rng.IntN(len(sources))], Quote: genTitle(rng)}}
		}
		plan = append(plan, p)
	}
	slices.SortFunc(plan, func(a, b plannedLink) int {
		if c := max(a.from, a.to) - max(b.from, b.to); c != 0 {
			return c
		}
		return a.drawn - b.drawn // as drawn: a stable sort, without its cost
	})
	return plan, nil
}

// DateAt returns the UTC date of the given precision that contains Unix
// second s (the day, the month… it falls in).
func DateAt(s int64, p Precision) Date { return dateAt(s, p) }

// dateAt truncates Unix seconds to a UTC date of the given precision.
func dateAt(s int64, p Precision) Date {
	d := fromWallSeconds(s, PrecisionSecond)
	switch p {
	case PrecisionYear:
		d.Month = 1
		fallthrough
	case PrecisionMonth:
		d.Day = 1
		fallthrough
	case PrecisionDay:
		d.Hour = 0
		fallthrough
	case PrecisionHour:
		d.Minute = 0
		fallthrough
	case PrecisionMinute:
		d.Second = 0
	}
	d.Precision = p
	return d
}

func genTitle(rng *rand.Rand) string {
	var b strings.Builder
	b.WriteString(genPlaces[rng.IntN(len(genPlaces))])
	b.WriteByte(' ')
	b.WriteString(genSubjects[rng.IntN(len(genSubjects))])
	b.WriteByte(' ')
	b.WriteString(genVerbs[rng.IntN(len(genVerbs))])
	b.WriteByte(' ')
	b.WriteString(genObjects[rng.IntN(len(genObjects))])
	return b.String()
}

// weighted picks an index with probability proportional to its weight.
func weighted(rng *rand.Rand, w []int) int {
	total := 0
	for _, v := range w {
		total += v
	}
	n := rng.IntN(total)
	for i, v := range w {
		if n < v {
			return i
		}
		n -= v
	}
	return len(w) - 1
}

// hueColor returns a readable RGB colour for a hue in turns (0..1, wrapping).
func hueColor(h float64) int {
	h = (h - math.Floor(h)) * 6
	c, x := 0.55, 0.55*(1-math.Abs(math.Mod(h, 2)-1))
	var r, g, b float64
	switch int(h) {
	case 0:
		r, g = c, x
	case 1:
		r, g = x, c
	case 2:
		g, b = c, x
	case 3:
		g, b = x, c
	case 4:
		r, b = x, c
	default:
		r, b = c, x
	}
	m := 0.2
	return int((r+m)*255)<<16 | int((g+m)*255)<<8 | int((b+m)*255)
}
