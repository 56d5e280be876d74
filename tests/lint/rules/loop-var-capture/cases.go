package loopvarcapture

import (
	"fmt"
	"sync"
)

type group struct{}

func (group) Go(f func() error) {}
func (group) Wait() error        { return nil }

func use(...interface{}) {}

func rangeValue(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() { // want "loop-var-capture"
			defer wg.Done()
			use(it)
		}()
	}
	wg.Wait()
}

func rangeKey(m map[string]int) {
	for k := range m {
		go func() { // want "loop-var-capture"
			use(k)
		}()
	}
}

func counter(n int) {
	for i := 0; i < n; i++ {
		go func() { use(i) }() // want "loop-var-capture"
	}
}

func deferred(files []string) {
	for _, f := range files {
		defer func() { // want "loop-var-capture"
			fmt.Println("closing", f)
		}()
	}
}

func notLast(items []int) {
	for _, v := range items {
		go func() { use(v) }() // want "loop-var-capture"
		use("go vet only looks at the last statement of the body")
	}
}

func errgroupGo(g group, ids []string) error {
	for _, id := range ids {
		g.Go(func() error { // want "loop-var-capture"
			use(id)
			return nil
		})
	}
	return g.Wait()
}

func nestedLiteral(items []int) {
	for _, v := range items {
		go func() { // want "loop-var-capture"
			f := func() { use(v) }
			f()
		}()
	}
}

func outerLoopVar(rows [][]int) {
	for r, row := range rows {
		for _, c := range row {
			go func(c int) { // want "loop-var-capture"
				use(r, c)
			}(c)
		}
	}
}

func inBranch(items []int) {
	for _, v := range items {
		if v > 0 {
			go func() { use(v) }() // want "loop-var-capture"
		}
	}
}

// ---- negatives

func copied(items []string) {
	for _, it := range items {
		it := it
		go func() { use(it) }() // ok: re-declared in the body
	}
}

func argument(items []string) {
	for _, it := range items {
		go func(s string) { use(s) }(it) // ok: passed as an argument
	}
}

func direct(items []string) {
	for _, it := range items {
		go use(it) // ok: arguments of a go call are evaluated per iteration
	}
}

func noCapture(items []string, out chan<- int) {
	for range items {
		go func() { out <- 1 }() // ok: no loop variable used
	}
}

func waited(items []string) {
	for _, it := range items {
		done := make(chan struct{})
		go func() { // ok: the iteration waits for it before the variable changes
			use(it)
			close(done)
		}()
		<-done
	}
}

func leavesLoop(items []string) {
	for _, it := range items {
		if it == "x" {
			go func() { use(it) }() // ok: the loop returns right after
			return
		}
	}
}

func plainCall(items []string) {
	for _, it := range items {
		func() { use(it) }() // ok: called right away, not deferred
	}
}

func outerVar(items []string) {
	var last string
	for _, last = range items {
	}
	for range items {
		go func() { use(last) }() // ok: not declared by this loop
	}
}

func shadowedParam(items []string) {
	for _, it := range items {
		go func(it string) { use(it) }("fixed") // ok: the literal's parameter shadows it
	}
}
