package rangenotclosed

import "context"

// A goroutine waits for the go-ahead; the error path returns before giving it.
func strandedStart() error {
	start := make(chan struct{})
	go func() { // want "range-not-closed"
		<-start
		compute(0)
	}()
	if err := try(); err != nil {
		return err
	}
	close(start)
	return nil
}

// The value it waits for is sent only on the success path.
func strandedValue() error {
	in := make(chan int)
	go func() { // want "range-not-closed"
		v := <-in
		_ = v
	}()
	if err := try(); err != nil {
		return err
	}
	in <- compute(0)
	return nil
}

func closedOnEveryPath() error {
	start := make(chan struct{})
	defer close(start)
	go func() { // ok: the deferred close releases it on every path
		<-start
		compute(0)
	}()
	if err := try(); err != nil {
		return err
	}
	return nil
}

func bufferedStart() error {
	start := make(chan struct{}, 1)
	go func() { // ok: a buffered channel may be stocked before; not judged
		<-start
	}()
	if err := try(); err != nil {
		return err
	}
	start <- struct{}{}
	return nil
}

func waitsWithWayOut(ctx context.Context) error {
	start := make(chan struct{})
	go func() { // ok: the receive has a way out
		select {
		case <-start:
		case <-ctx.Done():
		}
	}()
	if err := try(); err != nil {
		return err
	}
	close(start)
	return nil
}

func sentBeforeReturn() error {
	in := make(chan int)
	go func() { // ok: every path sends before returning
		<-in
	}()
	if err := try(); err != nil {
		in <- 0
		return err
	}
	in <- 1
	return nil
}

func sentInSelect(ctx context.Context) error {
	in := make(chan int)
	go func() { // ok: each path either sends or has returned through ctx
		<-in
	}()
	select {
	case in <- 1:
		return nil
	case <-ctx.Done():
		close(in)
		return ctx.Err()
	}
}

func otherSender() error {
	in := make(chan int)
	go func() { // ok: another goroutine sends on it; not ours to order
		<-in
	}()
	go func() { in <- compute(0) }()
	if err := try(); err != nil {
		return err
	}
	return nil
}
