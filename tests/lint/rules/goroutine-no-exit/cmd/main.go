// Command daemon: loops started by main() of package main are process-lifetime by design.
package main

import (
	"time"
)

func compute() int { return 1 }

// Nested in a function literal inside main: that runs per call, not once at start-up.
func main() {
	handler := func() {
		go func() { // want "goroutine-no-exit"
			for {
				time.Sleep(time.Second)
				compute()
			}
		}()
	}
	handler()
	go daemon() // ok: started directly by main, a process-lifetime daemon by design
}

func daemon() {
	for {
		time.Sleep(time.Minute)
		compute()
	}
}

