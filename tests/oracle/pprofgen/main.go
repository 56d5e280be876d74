// pprofgen writes real Go profiles for oomguard's pprof oracle tests:
//
//	pprofgen OUTDIR
//
// heap.pb.gz, heap2.pb.gz (a later snapshot for -base), allocs.pb.gz, goroutine.pb.gz,
// cpu.pb.gz (busy loops in several functions), mutex.pb.gz, block.pb.gz, heap.txt (debug=1 heap
// written right after heap.pb.gz, with no GC in between: the same records), goroutine.txt
// (debug=1), and growth-N.pb.gz: heap snapshots where one stack grows and the others are stable.
package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var sink [][]byte
var stable [][]byte
var leak [][]byte

//go:noinline
func allocSmall(n int) {
	for i := 0; i < n; i++ {
		sink = append(sink, make([]byte, 64))
	}
}

//go:noinline
func allocLarge(n int) {
	for i := 0; i < n; i++ {
		sink = append(sink, make([]byte, 1<<20))
	}
}

//go:noinline
func allocMedium(n int) {
	for i := 0; i < n; i++ {
		sink = append(sink, make([]byte, 4096+i%100))
	}
}

// inlinedAlloc is small enough to be inlined into its caller.
func inlinedAlloc() []byte { return make([]byte, 2048) }

//go:noinline
func callsInlined(n int) {
	for i := 0; i < n; i++ {
		sink = append(sink, inlinedAlloc())
	}
}

//go:noinline
func recursive(depth, n int) {
	if depth == 0 {
		allocMedium(n)
		return
	}
	recursive(depth-1, n)
}

//go:noinline
func stableAlloc(n int) {
	for i := 0; i < n; i++ {
		stable = append(stable, make([]byte, 32<<10))
	}
}

//go:noinline
func leakyAlloc(n int) {
	for i := 0; i < n; i++ {
		leak = append(leak, make([]byte, 64<<10))
	}
}

var result int

//go:noinline
func busyA(d time.Duration) {
	end := time.Now().Add(d)
	x := 0
	for time.Now().Before(end) {
		for i := 0; i < 1000; i++ {
			x += i * i
		}
	}
	result += x
}

//go:noinline
func busyB(d time.Duration) {
	end := time.Now().Add(d)
	x := 1
	for time.Now().Before(end) {
		for i := 0; i < 1000; i++ {
			x ^= i << 3
		}
	}
	result += x
}

//go:noinline
func busyC(d time.Duration) { busyA(d / 2); busyB(d / 2) }

func write(dir, name string, fn func(f *os.File) error) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		panic(err)
	}
	if err := fn(f); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}

func profile(dir, file, name string, debug int) {
	write(dir, file, func(f *os.File) error { return pprof.Lookup(name).WriteTo(f, debug) })
}

// serve: "pprofgen -serve DIR PORTFILE" serves DIR's files and net/http/pprof on a free
// localhost port (written to PORTFILE) until killed.
func serve(dir, portFile string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	http.Handle("/files/", http.StripPrefix("/files/", http.FileServer(http.Dir(dir))))
	port := fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
	if err := os.WriteFile(portFile, []byte(port), 0o644); err != nil {
		panic(err)
	}
	go func() { // something to see in live heap profiles
		for {
			allocSmall(100)
			time.Sleep(10 * time.Millisecond)
			if len(sink) > 100000 {
				sink = nil
			}
		}
	}()
	panic(http.Serve(ln, nil))
}

func main() {
	if len(os.Args) == 4 && os.Args[1] == "-serve" {
		serve(os.Args[2], os.Args[3])
		return
	}
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: pprofgen OUTDIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	runtime.MemProfileRate = 4096
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1)

	// Heap and allocs.
	allocSmall(20000)
	allocMedium(300)
	allocLarge(5)
	callsInlined(500)
	recursive(5, 50)
	runtime.GC()
	profile(dir, "heap.pb.gz", "heap", 0)
	profile(dir, "heap.txt", "heap", 1)
	profile(dir, "allocs.pb.gz", "allocs", 0)
	allocMedium(400)
	allocLarge(3)
	sink = sink[:len(sink)/2]
	runtime.GC()
	profile(dir, "heap2.pb.gz", "heap", 0)

	// Mutex and block contention.
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				mu.Lock()
				time.Sleep(10 * time.Microsecond)
				mu.Unlock()
			}
		}()
	}
	ch := make(chan int)
	go func() {
		for i := 0; i < 50; i++ {
			time.Sleep(100 * time.Microsecond)
			ch <- i
		}
		close(ch)
	}()
	for range ch {
	}
	wg.Wait()
	profile(dir, "mutex.pb.gz", "mutex", 0)
	profile(dir, "block.pb.gz", "block", 0)

	// Goroutines parked in a few places, with labels on some.
	stop := make(chan struct{})
	var ready sync.WaitGroup
	for i := 0; i < 7; i++ {
		ready.Add(1)
		go func() { ready.Done(); <-stop }()
	}
	for i := 0; i < 3; i++ {
		ready.Add(1)
		pprof.Do(nilCtx(), pprof.Labels("worker", fmt.Sprint(i%2)), func(ctxt ctx) {
			go func() {
				ready.Done()
				select {
				case <-stop:
				}
			}()
		})
	}
	ready.Wait()
	time.Sleep(10 * time.Millisecond)
	profile(dir, "goroutine.pb.gz", "goroutine", 0)
	profile(dir, "goroutine.txt", "goroutine", 1)
	close(stop)

	// CPU: busy loops in several functions.
	write(dir, "cpu.pb.gz", func(f *os.File) error {
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		busyA(300 * time.Millisecond)
		busyB(200 * time.Millisecond)
		busyC(200 * time.Millisecond)
		pprof.StopCPUProfile()
		return nil
	})

	// Growth series: leakyAlloc grows by 40 blocks of 64 KiB per snapshot, stableAlloc stays.
	sink = nil
	stableAlloc(100)
	for s := 0; s < 6; s++ {
		leakyAlloc(40)
		runtime.GC()
		profile(dir, fmt.Sprintf("growth-%d.pb.gz", s), "heap", 0)
		time.Sleep(20 * time.Millisecond)
	}
	runtime.KeepAlive(stable)
	runtime.KeepAlive(leak)
}
