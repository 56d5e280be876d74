// Cases for unbounded-cache: package-level maps inserted into at run time that nothing in the
// package deletes from, resets or compares the length of.
package unboundedcache

import (
	"log"
	"net/http"
	"reflect"
	"sync"
)

var (
	mu    sync.Mutex
	pages = map[string][]byte{}
)

func handlePage(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	defer mu.Unlock()
	if b, ok := pages[r.URL.Path]; ok {
		w.Write(b)
		return
	}
	b := render(r.URL.Path)
	pages[r.URL.Path] = b // want "unbounded-cache"
	w.Write(b)
	log.Printf("%d pages cached", len(pages)) // len read, never compared: not a cap
}

func render(path string) []byte { return []byte(path) }

var sessions = make(map[string]string)

func login(user, token string) {
	sessions[token] = user // want "unbounded-cache"
}

var hits map[string]int

func init() {
	hits = make(map[string]int) // initialisation, not a reset
}

func count(path string) {
	hits[path]++ // want "unbounded-cache"
}

var bytesBy = map[string]int64{}

func account(user string, n int64) {
	bytesBy[user] += n // want "unbounded-cache"
}

var registry = struct {
	sync.Mutex
	byID map[int64]string
}{byID: map[int64]string{}}

func remember(id int64, name string) {
	registry.Lock()
	registry.byID[id] = name // want "unbounded-cache"
	registry.Unlock()
}

type index struct {
	byName map[string]*entry
}

type entry struct{ name string }

var idx = &index{byName: make(map[string]*entry)}

func add(e *entry) {
	idx.byName[e.name] = e // want "unbounded-cache"
}

type set map[string]struct{}

var seen = set{}

func (e *entry) mark() {
	seen[e.name] = struct{}{} // want "unbounded-cache"
}

var visits = map[string]int{}

func init() {
	// The handler registered here runs per request, long after init.
	http.HandleFunc("/visit", func(w http.ResponseWriter, r *http.Request) {
		visits[r.RemoteAddr] = visits[r.RemoteAddr] + 1 // want "unbounded-cache"
	})
}

var tags = map[string]bool{}

var tag = func(t string) { tags[t] = true } // want "unbounded-cache"

var labels = map[string]string{}

// setLabel runs both from init and per request: it runs at run time.
func setLabel(k, v string) { labels[k] = v } // want "unbounded-cache"

func init() { setLabel("service", "demo") }

func handleLabel(w http.ResponseWriter, r *http.Request) { setLabel(r.URL.Path, "x") }

// ---- negative cases

var conns = map[string]int{}

func open(addr string)  { conns[addr] = 1 } // ok: close deletes from conns
func close(addr string) { delete(conns, addr) }

const maxEntries = 1024

var bounded = map[string][]byte{}

func put(k string, v []byte) {
	if len(bounded) >= maxEntries {
		return
	}
	bounded[k] = v // ok: len(bounded) is compared before inserting
}

var generation = map[string]int{}

func note(k string) { generation[k] = 1 } // ok: flush replaces the map
func flush()        { generation = make(map[string]int) }

var mimeTypes = map[string]string{}

func init() {
	mimeTypes[".html"] = "text/html" // ok: filled once in init
	fillDefaults()
}

// fillDefaults is unexported and only called from init.
func fillDefaults() {
	mimeTypes[".css"] = "text/css" // ok: runs only while initialising
}

var table = map[string]int{}

var _ = func() bool {
	table["a"] = 1 // ok: a package-level initialiser
	return true
}()

var (
	servicesOnce sync.Once
	services     = map[string]int{}
	protoOnce    sync.Once
	protocols    = map[string]int{}
)

func lookupService(name string) int {
	servicesOnce.Do(func() {
		services["http"] = 80 // ok: filled once through sync.Once
	})
	protoOnce.Do(readProtocols)
	return services[name] + protocols[name]
}

func readProtocols() {
	protocols["tcp"] = 6 // ok: only run through a sync.Once
}

type Driver interface{}

var drivers = map[string]Driver{}

// Register is called from the init functions of driver packages.
func Register(name string, d Driver) {
	drivers[name] = d // ok: a registration function, called at init by convention
}

var scratch = map[string]int{}

func local() {
	scratch := map[string]int{}
	scratch["x"] = 1 // ok: a local map that shadows the package-level one
	_ = scratch
}

var ring = make([]string, 8)
var slots [16]int

func store(i int, s string) {
	ring[i%len(ring)] = s // ok: a slice element, not a map insert
	slots[i%16]++         // ok: an array element
}

func param(m map[string]int, k string) {
	m[k] = 1 // ok: not a package-level map
}

type server struct{ seen map[string]bool }

var current = &server{seen: map[string]bool{}}

func observe(k string) { current.seen[k] = true } // ok: reload replaces the whole server
func reload()          { current = &server{seen: map[string]bool{}} }

const keyErrors = "errors"

var totals = map[string]int{}

func tally(err error) {
	totals["requests"]++ // ok: a constant key adds one entry at most
	if err != nil {
		totals[keyErrors] += 1 // ok: a constant key adds one entry at most
	}
}

// A reference-counted store: entries leave through the handle's own pointer to the store.
type handleStore struct{ live map[string]*handle }

type handle struct {
	key   string
	refs  int
	owner *handleStore
}

var handles = &handleStore{live: map[string]*handle{}}

func acquire(key string) *handle {
	h := &handle{key: key, refs: 1, owner: handles}
	handles.live[key] = h // ok: release deletes through h.owner.live, the same map
	return h
}

func (h *handle) release() {
	s := h.owner
	if h.refs--; h.refs == 0 {
		delete(s.live, h.key)
	}
}

// One entry per Go type: the program's types bound the map.
var specs = map[reflect.Type]*spec{}

type spec struct{ fields []string }

func specOf(t reflect.Type) *spec {
	if s, ok := specs[t]; ok {
		return s
	}
	s := &spec{}
	specs[t] = s // ok: keyed by reflect.Type, at most one entry per type
	return s
}

// Keyed by a type's name: names can be made up at run time.
var specsByName = make(map[string]*spec)

func specNamed(t reflect.Type) *spec {
	s := &spec{}
	specsByName[t.String()] = s // want "unbounded-cache"
	return s
}
