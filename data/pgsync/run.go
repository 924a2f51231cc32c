package pgsync

import (
	"context"
	"strconv"
	"time"
)

// PollEvery is how often Run syncs when the server sends no word; with
// LISTEN working, a change arrives in well under a second.
var PollEvery = 2 * time.Second

// Run keeps the copy in step until ctx ends: it syncs at once, whenever
// the server says a change was made (LISTEN/NOTIFY), whenever Kick is
// called (the window wrote), and every PollEvery otherwise. Offline it
// keeps trying, the edits waiting in the copy's outbox.
func (c *Client) Run(ctx context.Context) {
	c.mu.Lock()
	if c.kick == nil {
		c.kick = make(chan struct{}, 1)
	}
	kick := c.kick
	c.mu.Unlock()
	heard := make(chan struct{}, 1)
	every := PollEvery
	listening := make(chan struct{})
	go func() {
		c.listen(ctx, heard, every)
		close(listening)
	}()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		c.Sync(ctx)
		select {
		case <-ctx.Done():
			<-listening
			c.Close()
			return
		case <-t.C:
		case <-heard:
		case <-kick:
		}
	}
}

// Kick asks Run to sync soon (the window calls it after each edit).
func (c *Client) Kick() {
	c.mu.Lock()
	if c.kick == nil {
		c.kick = make(chan struct{}, 1)
	}
	k := c.kick
	c.mu.Unlock()
	select {
	case k <- struct{}{}:
	default:
	}
}

// listen waits for the server's notices of new changes on a connection
// of its own, reconnecting after a failure.
func (c *Client) listen(ctx context.Context, heard chan<- struct{}, every time.Duration) {
	me := strconv.FormatInt(c.chron, 10)
	for ctx.Err() == nil {
		conn, err := Connect(ctx, c.target, c.password)
		if err == nil {
			_, err = conn.Exec(ctx, "LISTEN chronoscope")
		}
		for err == nil {
			nt, werr := conn.WaitForNotification(ctx)
			if werr != nil {
				err = werr
				break
			}
			if nt.Payload == me {
				select {
				case heard <- struct{}{}:
				default:
				}
			}
		}
		if conn != nil {
			conn.Close(context.Background())
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}
