// goroutinegen creates known goroutine populations, writes the truth (how many goroutines block
// at which source line) to truth.json, and dumps the goroutine profile in its three forms:
// goroutines.debug2.txt (WriteTo(w, 2)), goroutines.debug1.txt (WriteTo(w, 1)) and
// goroutines.pb.gz (WriteTo(w, 0)). With -bench N it instead creates about N goroutines in a
// mix of stacks and writes one debug=2 dump (runtime.Stack, not capped at 64 MiB) to -dump.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sync"
	"time"
)

// Population is one known group: Count goroutines blocked at File:Line in Function.
type Population struct {
	Name     string `json:"name"`
	Function string `json:"function"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Count    int    `json:"count"`
	Blocking string `json:"blocking"` // what a debug=2 dump shows (Go 1.19 wait reasons)
	Suspect  bool   `json:"suspect"`  // should be reported as a leak suspect
}

type Truth struct {
	GoVersion       string            `json:"go_version"`
	Populations     []Population      `json:"populations"`
	HTTPIdleConns   int               `json:"http_idle_conns"`
	TopSuspect      string            `json:"top_suspect"`
	Labels          map[string]string `json:"labels"` // population -> labels in debug=1/proto
	TotalGoroutines int               `json:"total_goroutines"`
}

var (
	mu      sync.Mutex
	sites   = map[string]site{}
	started sync.WaitGroup
)

type site struct {
	fn   string
	file string
	line int
}

// mark records, once per population, the line after the caller's: the blocking statement.
func mark(name string) {
	pc, file, line, _ := runtime.Caller(1)
	fn := runtime.FuncForPC(pc).Name()
	mu.Lock()
	if _, ok := sites[name]; !ok {
		sites[name] = site{fn, filepath.Base(file), line + 1}
	}
	mu.Unlock()
	started.Done()
}

func sendLeak(n int) {
	ch := make(chan int)
	for i := 0; i < n; i++ {
		started.Add(1)
		go func(v int) {
			mark("send")
			ch <- v
		}(i)
	}
}

func recvLeak(n int) {
	ch := make(chan int)
	for i := 0; i < n; i++ {
		started.Add(1)
		go func() {
			mark("recv")
			<-ch
		}()
	}
}

func selectLeak(n int) {
	a := make(chan int)
	b := make(chan string)
	for i := 0; i < n; i++ {
		started.Add(1)
		go func() {
			mark("select")
			select {
			case <-a:
			case b <- "x":
			}
		}()
	}
}

func nilLeak(n int) {
	var ch chan int
	for i := 0; i < n; i++ {
		started.Add(1)
		go func() {
			mark("nilrecv")
			<-ch
		}()
	}
}

func sleepers(n int) {
	for i := 0; i < n; i++ {
		started.Add(1)
		go func() {
			mark("sleep")
			time.Sleep(time.Hour)
		}()
	}
}

var held sync.Mutex

func mutexWaiters(n int) {
	held.Lock()
	for i := 0; i < n; i++ {
		started.Add(1)
		go func() {
			mark("mutex")
			held.Lock()
		}()
	}
}

var heldRW sync.RWMutex

func rwWaiters(n int) {
	heldRW.Lock()
	for i := 0; i < n; i++ {
		started.Add(1)
		go func() {
			mark("rlock")
			heldRW.RLock()
		}()
	}
}

func wgWaiters(n int) {
	var wg sync.WaitGroup
	wg.Add(1)
	for i := 0; i < n; i++ {
		started.Add(1)
		go func() {
			mark("waitgroup")
			wg.Wait()
		}()
	}
}

// condWaiters run under pprof labels: debug=1 and proto carry them (Go 1.19 debug=2 does not).
func condWaiters(n int) {
	c := sync.NewCond(&sync.Mutex{})
	pprof.Do(context.Background(), pprof.Labels("population", "cond"), func(context.Context) {
		for i := 0; i < n; i++ {
			started.Add(1)
			go func() {
				c.L.Lock()
				mark("cond")
				c.Wait()
				c.L.Unlock()
			}()
		}
	})
}

// deep blocks on a send after depth nested calls: distinct stacks for the bench dump.
func deep(ch chan int, depth int) {
	if depth > 0 {
		deep(ch, depth-1)
		return
	}
	ch <- depth
}

// idleConns opens n keep-alive HTTP/1.1 connections to a local server and leaves them idle:
// the server keeps one (*conn).serve goroutine per connection reading the next request.
func idleConns(n int) ([]net.Conn, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "ok")
	})}
	go srv.Serve(ln)
	var conns []net.Conn
	for i := 0; i < n; i++ {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			return nil, err
		}
		resp.Body.Close()
		conns = append(conns, c)
	}
	return conns, nil
}

func writeProfile(path string, debugLevel int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup("goroutine").WriteTo(f, debugLevel)
}

func settle() {
	started.Wait()
	// Let every goroutine reach its park point (mutex waiters spin first).
	time.Sleep(300 * time.Millisecond)
	runtime.Gosched()
	time.Sleep(200 * time.Millisecond)
}

func bench(n int, path string) error {
	debug.SetMaxStack(1 << 30)
	ch := make(chan int)
	per := n / 10
	sendLeak(per * 3)
	recvLeak(per)
	selectLeak(per)
	sleepers(per)
	mutexWaiters(per)
	wgWaiters(per)
	condWaiters(per)
	for i := 0; i < per; i++ {
		go deep(ch, i%16)
	}
	settle()
	buf := make([]byte, 64<<20)
	for {
		k := runtime.Stack(buf, true)
		if k < len(buf) {
			buf = buf[:k]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	return os.WriteFile(path, buf, 0o644)
}

func main() {
	out := flag.String("out", ".", "output directory")
	benchN := flag.Int("bench", 0, "bench mode: about this many goroutines, one debug=2 dump")
	dump := flag.String("dump", "goroutines.bench.txt", "bench mode: dump file")
	flag.Parse()
	if *benchN > 0 {
		if err := bench(*benchN, *dump); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}

	counts := map[string]int{"send": 200, "recv": 40, "select": 120, "nilrecv": 7, "sleep": 30,
		"mutex": 25, "rlock": 11, "waitgroup": 15, "cond": 12}
	sendLeak(counts["send"])
	recvLeak(counts["recv"])
	selectLeak(counts["select"])
	nilLeak(counts["nilrecv"])
	sleepers(counts["sleep"])
	mutexWaiters(counts["mutex"])
	rwWaiters(counts["rlock"])
	wgWaiters(counts["waitgroup"])
	condWaiters(counts["cond"])
	const httpConns = 3
	conns, err := idleConns(httpConns)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	settle()

	for _, p := range []struct {
		name  string
		level int
	}{{"goroutines.debug2.txt", 2}, {"goroutines.debug1.txt", 1}, {"goroutines.pb.gz", 0}} {
		if err := writeProfile(filepath.Join(*out, p.name), p.level); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}

	blocking := map[string]string{"send": "chan send", "recv": "chan receive", "select": "select",
		"nilrecv": "chan receive (nil chan)", "sleep": "sleep", "mutex": "semacquire",
		"rlock": "semacquire", "waitgroup": "semacquire", "cond": "sync.Cond.Wait"}
	truth := Truth{GoVersion: runtime.Version(), HTTPIdleConns: httpConns, TopSuspect: "send",
		Labels:          map[string]string{"cond": `{"population":"cond"}`},
		TotalGoroutines: runtime.NumGoroutine()}
	for _, name := range []string{"send", "select", "recv", "mutex", "waitgroup", "cond", "rlock",
		"nilrecv", "sleep"} {
		s := sites[name]
		truth.Populations = append(truth.Populations, Population{Name: name, Function: s.fn,
			File: s.file, Line: s.line, Count: counts[name], Blocking: blocking[name],
			Suspect: name != "sleep"})
	}
	data, _ := json.MarshalIndent(truth, "", "  ")
	if err := os.WriteFile(filepath.Join(*out, "truth.json"), data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
