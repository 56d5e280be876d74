package lostcancel

import "context"

// Two types whose cancel fields are assigned outside their methods: the fields share the key
// "cancel", so the package has two assigners of it.
type conn struct {
	id     int
	ctx    context.Context
	cancel context.CancelFunc
}

func (c *conn) Close() { c.cancel() }

type stream struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (s *stream) Close() { s.cancel() }

// ---- negative cases

// The struct was made two lines above without a cancel: there is no previous one to lose.
func dialConn(p context.Context) *conn {
	c := &conn{id: 1}
	c.ctx, c.cancel = context.WithCancel(p) // ok: c is fresh, its cancel field was nil
	return c
}

func openStream(p context.Context) *stream {
	s := new(stream)
	s.ctx, s.cancel = context.WithCancel(p) // ok: made by new just above
	return s
}

// ---- positive cases

// Fresh before the loop, but every iteration replaces the cancel of the previous one.
func redial(p context.Context, n int) *conn {
	c := &conn{}
	for i := 0; i < n; i++ {
		c.ctx, c.cancel = context.WithCancel(p) // want "lost-cancel"
	}
	return c
}

// Reassigned from elsewhere before the store: the old value's cancel is overwritten.
func adopt(p context.Context, old *conn) *conn {
	c := &conn{}
	c = old
	c.ctx, c.cancel = context.WithCancel(p) // want "lost-cancel"
	return c
}
