package go123

import "time"

func consume(in <-chan int) {
	for {
		select {
		case <-in:
		case <-time.After(time.Minute): // want "time-after-in-loop"
			return
		}
	}
}
