package timelinejs

import (
	"errors"
	"sync"
)

// A JSON import reads its slides (JSON decoding, date checks) in one
// goroutine and builds their events (HTML to Markdown) in another, while
// the caller's goroutine writes them into the transaction, so that the
// three overlap. The slides go in batches through bounded channels in
// the file's order, and the writer stops at the first error in that
// order: what the file says before a bad value is written first, as if
// read one slide at a time, and a write that fails stops the others.

// pipeBatch is how many slides go through the channels together, and
// pipeDepth how many batches may wait in each.
const (
	pipeBatch = 64
	pipeDepth = 8
)

// pipeKind says what a piped slide is.
type pipeKind int

const (
	pipeTitle pipeKind = iota
	pipeEra
	pipeEvent
)

// pipeItem is one slide read, with its event once built.
type pipeItem struct {
	kind  pipeKind
	slide *slide
	built *builtEvent
}

// errPipeStopped is what the reader's sink returns once the writer has
// stopped: the reader then returns at once.
var errPipeStopped = errors.New("the import stopped")

// pipeSink is the reader's side of the pipeline: it gathers slides into
// batches and hands them on.
type pipeSink struct {
	batch []pipeItem
	out   chan<- []pipeItem
	stop  <-chan struct{}
}

func (p *pipeSink) add(it pipeItem) error {
	p.batch = append(p.batch, it)
	if len(p.batch) < pipeBatch {
		return nil
	}
	return p.send()
}

// send hands the gathered slides on.
func (p *pipeSink) send() error {
	if len(p.batch) == 0 {
		return nil
	}
	select {
	case p.out <- p.batch:
		p.batch = make([]pipeItem, 0, pipeBatch)
		return nil
	case <-p.stop:
		return errPipeStopped
	}
}

func (p *pipeSink) title(s *slide) error { return p.add(pipeItem{kind: pipeTitle, slide: s}) }
func (p *pipeSink) era(s *slide) error   { return p.add(pipeItem{kind: pipeEra, slide: s}) }
func (p *pipeSink) event(s *slide) error { return p.add(pipeItem{kind: pipeEvent, slide: s}) }

// importPiped runs decode (which reads a document into a sink) and the
// building of events in goroutines, and writes what they make with im,
// in order. It returns once both goroutines have ended; a panic in one
// goroutine goes on in the caller's.
func importPiped(im *importer, decode func(sink slideSink) error) error {
	read := make(chan []pipeItem, pipeDepth)
	built := make(chan []pipeItem, pipeDepth)
	stop := make(chan struct{})
	var (
		wg       sync.WaitGroup
		readErr  error
		mu       sync.Mutex
		panicked any
	)
	catch := func() {
		if r := recover(); r != nil {
			mu.Lock()
			if panicked == nil {
				panicked = r
			}
			mu.Unlock()
		}
	}
	wg.Add(2)
	go func() {
		defer wg.Done()
		defer close(read)
		defer catch()
		sink := &pipeSink{out: read, stop: stop}
		readErr = decode(sink)
		if !errors.Is(readErr, errPipeStopped) {
			sink.send() // the slides before the error are written first
		}
	}()
	go func() {
		defer wg.Done()
		defer close(built)
		defer catch()
		for batch := range read {
			for i := range batch {
				if batch[i].kind == pipeEvent {
					batch[i].built = build(batch[i].slide)
				}
			}
			select {
			case built <- batch:
			case <-stop:
				return
			}
		}
	}()
	var writeErr error
write:
	for batch := range built {
		for _, it := range batch {
			switch it.kind {
			case pipeTitle:
				writeErr = im.title(it.slide)
			case pipeEra:
				writeErr = im.era(it.slide)
			default:
				writeErr = im.write(it.slide, it.built)
			}
			if writeErr != nil {
				break write
			}
		}
	}
	close(stop)
	for range built {
		// Let the builder see stop and end.
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
	if writeErr != nil {
		return writeErr
	}
	return readErr // errPipeStopped only follows a writeErr
}
