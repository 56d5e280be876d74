package main

import (
	"bufio"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"strings"
)

// serveMetrics writes a few Go collector metrics in the Prometheus text format 0.0.4, with the
// names client_golang uses, so a Prometheus-only watcher has something to read. Hand-written to
// keep the example stdlib-only; ReadMemStats stops the world briefly, like expvar's memstats.
func serveMetrics(w http.ResponseWriter, r *http.Request) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	b := bufio.NewWriter(w)
	defer b.Flush()
	metric := func(name, typ, help string, v float64) {
		fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s %s\n%s %v\n", name, help, name, typ, name, v)
	}
	fmt.Fprintf(b, "# HELP go_info Information about the Go environment.\n# TYPE go_info gauge\n")
	fmt.Fprintf(b, "go_info{version=%q} 1\n", runtime.Version())
	metric("go_goroutines", "gauge", "Number of goroutines that currently exist.", float64(runtime.NumGoroutine()))
	metric("go_memstats_alloc_bytes", "gauge", "Number of bytes allocated and still in use.", float64(m.Alloc))
	metric("go_memstats_alloc_bytes_total", "counter", "Total number of bytes allocated, even if freed.", float64(m.TotalAlloc))
	metric("go_memstats_sys_bytes", "gauge", "Number of bytes obtained from system.", float64(m.Sys))
	metric("go_memstats_mallocs_total", "counter", "Total number of mallocs.", float64(m.Mallocs))
	metric("go_memstats_frees_total", "counter", "Total number of frees.", float64(m.Frees))
	metric("go_memstats_heap_alloc_bytes", "gauge", "Number of heap bytes allocated and still in use.", float64(m.HeapAlloc))
	metric("go_memstats_heap_sys_bytes", "gauge", "Number of heap bytes obtained from system.", float64(m.HeapSys))
	metric("go_memstats_heap_idle_bytes", "gauge", "Number of heap bytes waiting to be used.", float64(m.HeapIdle))
	metric("go_memstats_heap_inuse_bytes", "gauge", "Number of heap bytes that are in use.", float64(m.HeapInuse))
	metric("go_memstats_heap_released_bytes", "gauge", "Number of heap bytes released to OS.", float64(m.HeapReleased))
	metric("go_memstats_heap_objects", "gauge", "Number of allocated objects.", float64(m.HeapObjects))
	metric("go_memstats_stack_inuse_bytes", "gauge", "Number of bytes in use by the stack allocator.", float64(m.StackInuse))
	metric("go_memstats_next_gc_bytes", "gauge", "Number of heap bytes when next garbage collection will take place.", float64(m.NextGC))
	metric("go_memstats_last_gc_time_seconds", "gauge", "Number of seconds since 1970 of last garbage collection.", float64(m.LastGC)/1e9)
	fmt.Fprintf(b, "# HELP go_gc_duration_seconds A summary of the pause duration of garbage collection cycles.\n")
	fmt.Fprintf(b, "# TYPE go_gc_duration_seconds summary\n")
	fmt.Fprintf(b, "go_gc_duration_seconds_sum %v\ngo_gc_duration_seconds_count %d\n", float64(m.PauseTotalNs)/1e9, m.NumGC)
	if rss, ok := residentBytes(); ok {
		metric("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", float64(rss))
	}
	if fds, err := os.ReadDir("/proc/self/fd"); err == nil {
		metric("process_open_fds", "gauge", "Number of open file descriptors.", float64(len(fds)))
	}
}

// residentBytes reads VmRSS from /proc/self/status (Linux only).
func residentBytes() (int64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		var kb int64
		if _, err := fmt.Sscanf(line, "VmRSS: %d kB", &kb); err == nil {
			return kb << 10, true
		}
	}
	return 0, false
}
