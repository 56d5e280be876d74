// clear (Go 1.21) empties a map: it is an eviction path.
package go121

var window = map[string]int{}

func record(k string) { window[k]++ } // ok: rotate clears window
func rotate()         { clear(window) }

var forever = map[string]int{}

func keep(k string) { forever[k]++ } // want "unbounded-cache"
