package go123

import "time"

// Go 1.23 collects unreferenced tickers: still reported, at info severity.
func waitTicks(n int) {
	t := time.NewTicker(time.Millisecond) // want "ticker-not-stopped"
	for i := 0; i < n; i++ {
		<-t.C
	}
}
