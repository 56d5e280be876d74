// Command loadgen drives leakysvc at a fixed request rate, with bounded concurrency, for a
// bounded time, then reports the request count and latency percentiles.
//
// The load is open-loop: a pacer releases -rps requests per second to -concurrency workers; when
// every worker is busy the request is skipped (and counted), so a slow target never makes
// loadgen queue without bound.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"sync"
	"time"
)

type report struct {
	Requests int     `json:"requests"`
	Failed   int     `json:"failed"`   // transport errors and 5xx other than 504
	Timeouts int     `json:"timeouts"` // 504: the service's own deadline won (expected in leaky modes)
	Skipped  int     `json:"skipped"`  // every worker busy when the pacer fired
	Seconds  float64 `json:"seconds"`
	P50Ms    float64 `json:"p50_ms"`
	P90Ms    float64 `json:"p90_ms"`
	P99Ms    float64 `json:"p99_ms"`
	MaxMs    float64 `json:"max_ms"`
}

func main() {
	target := flag.String("target", "http://127.0.0.1:8080", "leakysvc base URL (loopback)")
	duration := flag.Duration("duration", 30*time.Second, "how long to send load")
	concurrency := flag.Int("concurrency", 32, "at most this many requests in flight")
	rps := flag.Int("rps", 200, "requests per second in total")
	bodySize := flag.Int("body", 16<<10, "request body bytes")
	asJSON := flag.Bool("json", false, "print the report as one JSON object on stdout")
	flag.Parse()
	if *rps <= 0 || *concurrency <= 0 || *duration <= 0 {
		fmt.Fprintln(os.Stderr, "loadgen: -rps, -concurrency and -duration must be positive")
		os.Exit(2)
	}

	client := &http.Client{
		Timeout:   5 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: *concurrency},
	}
	body := bytes.Repeat([]byte("x"), *bodySize)
	tokens := make(chan int)
	var (
		mu        sync.Mutex
		latencies []time.Duration
		rep       report
		wg        sync.WaitGroup
	)
	for w := 0; w < *concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range tokens {
				url := fmt.Sprintf("%s/orders?id=%d", *target, i)
				start := time.Now()
				resp, err := client.Post(url, "application/octet-stream", bytes.NewReader(body))
				code := 0
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					code = resp.StatusCode
				}
				lat := time.Since(start)
				mu.Lock()
				rep.Requests++
				switch {
				case err != nil || (code >= 400 && code != http.StatusGatewayTimeout):
					rep.Failed++
				case code == http.StatusGatewayTimeout:
					rep.Timeouts++
				}
				latencies = append(latencies, lat)
				mu.Unlock()
			}
		}()
	}

	start := time.Now()
	deadline := start.Add(*duration)
	tick := time.NewTicker(time.Second / time.Duration(*rps))
	for i := 0; time.Now().Before(deadline); i++ {
		<-tick.C
		select {
		case tokens <- i:
		default:
			mu.Lock()
			rep.Skipped++
			mu.Unlock()
		}
	}
	tick.Stop()
	close(tokens)
	wg.Wait()
	rep.Seconds = time.Since(start).Seconds()

	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	pct := func(p float64) float64 {
		if len(latencies) == 0 {
			return 0
		}
		i := int(p * float64(len(latencies)-1))
		return float64(latencies[i].Microseconds()) / 1000
	}
	rep.P50Ms, rep.P90Ms, rep.P99Ms, rep.MaxMs = pct(0.50), pct(0.90), pct(0.99), pct(1)
	if *asJSON {
		_ = json.NewEncoder(os.Stdout).Encode(rep)
	}
	fmt.Fprintf(os.Stderr, "loadgen: %d requests in %.1fs (%d failed, %d deadline 504s, %d skipped), latency p50 %.2f ms p90 %.2f ms p99 %.2f ms max %.2f ms\n",
		rep.Requests, rep.Seconds, rep.Failed, rep.Timeouts, rep.Skipped, rep.P50Ms, rep.P90Ms, rep.P99Ms, rep.MaxMs)
	if rep.Requests == 0 || rep.Failed*10 > rep.Requests {
		os.Exit(1) // the target is down or mostly failing
	}
}
