package main

import (
	"log"
	"time"
)

// startJanitor launches a background loop with no way to stop it and a ticker nobody stops.
func startJanitor() {
	t := time.NewTicker(time.Minute)
	go func() {
		for {
			select {
			case <-t.C:
				log.Printf("janitor: %d cached orders", cacheSize())
			}
		}
	}()
}

func cacheSize() int {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	return len(cache)
}

// janitor is the stoppable version: Close ends the loop and stops the ticker.
type janitor struct {
	done chan struct{}
}

func newJanitor(every time.Duration) *janitor {
	j := &janitor{done: make(chan struct{})}
	t := time.NewTicker(every)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-t.C:
				log.Printf("janitor: %d cached orders", cacheSize())
			case <-j.done:
				return
			}
		}
	}()
	return j
}

func (j *janitor) Close() { close(j.done) }
