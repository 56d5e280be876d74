// clear (Go 1.21) zeroes a slice's elements but keeps its length: it is not a reset.
package go121

var samples []int

func sample(v int) { samples = append(samples, v) } // want "unbounded-global-append"
func zero()        { clear(samples) }
