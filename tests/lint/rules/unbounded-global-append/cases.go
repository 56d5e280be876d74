// Cases for unbounded-global-append: `x = append(x, ...)` on package-level slices (and slice
// fields of package-level structs) at run time, when nothing in the package truncates or
// resets them.
package unboundedglobalappend

import (
	"encoding/json"
	"io"
	"net/http"
	"sync"
)

var (
	auditMu  sync.Mutex
	auditLog [][]byte
)

func audit(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	auditMu.Lock()
	auditLog = append(auditLog, body) // want "unbounded-global-append"
	auditMu.Unlock()
}

var events []string

func emit(es ...string) {
	events = append(events, es...) // want "unbounded-global-append"
}

func emitPair(a, b string) {
	events = append(events, a, b) // want "unbounded-global-append"
}

var state struct {
	sync.Mutex
	log []string
}

func logf(msg string) {
	state.Lock()
	state.log = append(state.log, msg) // want "unbounded-global-append"
	state.Unlock()
}

type stats struct{ samples []float64 }

var st = &stats{}

func sample(v float64) {
	st.samples = append(st.samples, v) // want "unbounded-global-append"
}

type recorder struct{}

var seen []string

func (recorder) record(s string) {
	seen = append(seen, s) // want "unbounded-global-append"
}

var history []int

func consume(ch <-chan int) {
	go func() {
		for v := range ch {
			history = append(history, v) // want "unbounded-global-append"
		}
	}()
}

var paths []string

func init() {
	http.HandleFunc("/track", func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path) // want "unbounded-global-append"
	})
}

var lines []string

var printLine = func(s string) { lines = append(lines, s) } // want "unbounded-global-append"

var hooks []func()

// OnShutdown is exported: other packages may call it at any time.
func OnShutdown(f func()) {
	hooks = append(hooks, f) // want "unbounded-global-append"
}

// ---- negative cases

var batch []string

func enqueue(s string) { batch = append(batch, s) } // ok: flush truncates batch
func flush()           { batch = batch[:0] }

var window []int

func push(v int) {
	window = append(window, v) // ok: the oldest are dropped below
	if len(window) > 100 {
		window = window[1:]
	}
}

var pending []string

func add(s string) { pending = append(pending, s) } // ok: drain resets pending to nil
func drain() []string {
	out := pending
	pending = nil
	return out
}

var buf []byte

func write(p []byte) { buf = append(buf, p...) } // ok: reset makes a new slice
func reset()         { buf = make([]byte, 0, 4096) }

var formats []string

func init() {
	formats = append(formats, "json") // ok: init runs once
	addDefault()
}

func addDefault() {
	formats = append(formats, "xml") // ok: unexported, only called from init
}

var codecs []string

// RegisterCodec is called from the init functions of codec packages.
func RegisterCodec(name string) {
	codecs = append(codecs, name) // ok: a registration function
}

var (
	layoutsOnce sync.Once
	layouts     []string
)

func parseDate(s string) string {
	layoutsOnce.Do(func() {
		layouts = append(layouts, "2006-01-02") // ok: built once through sync.Once
	})
	return layouts[0]
}

var scratch []int

func local() {
	scratch := []int{}
	scratch = append(scratch, 1) // ok: a local slice that shadows the package-level one
	_ = scratch
}

var items []string

func replace(s string) {
	items = append(items[:0], s) // ok: appends onto items[:0], reusing the array
}

var prefix = []string{"a"}
var joined []string

func join(s string) {
	joined = append(prefix, s) // ok: joined is replaced by a copy of prefix each time
}

var loaded []string

func load(data []byte) {
	loaded = append(loaded, "x") // ok: json.Unmarshal(&loaded) may replace it
	json.Unmarshal(data, &loaded)
}

type server struct{ reqs []string }

var srv = &server{}

func serve(p string) { srv.reqs = append(srv.reqs, p) } // ok: restart replaces srv
func restart()       { srv = &server{} }

func param(xs []int) []int {
	xs = append(xs, 1) // ok: a parameter, not package-level
	return xs
}
