// Command loadgen drives leakysvc with a bounded number of requests for a bounded time.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"time"
)

func main() {
	target := flag.String("target", "http://127.0.0.1:8080", "leakysvc base URL (loopback)")
	duration := flag.Duration("duration", 30*time.Second, "how long to send load")
	workers := flag.Int("workers", 4, "concurrent clients")
	rate := flag.Int("rate", 200, "requests per second in total")
	bodySize := flag.Int("body", 16<<10, "request body bytes")
	flag.Parse()

	client := &http.Client{Timeout: 5 * time.Second}
	body := bytes.Repeat([]byte("x"), *bodySize)
	deadline := time.Now().Add(*duration)
	interval := time.Duration(int64(time.Second) * int64(*workers) / int64(*rate))
	var wg sync.WaitGroup
	var mu sync.Mutex
	sent, failed := 0, 0
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			t := time.NewTicker(interval)
			defer t.Stop()
			for i := 0; time.Now().Before(deadline); i++ {
				<-t.C
				url := fmt.Sprintf("%s/orders?id=%d-%d", *target, w, i)
				resp, err := client.Post(url, "application/octet-stream", bytes.NewReader(body))
				mu.Lock()
				sent++
				if err != nil {
					failed++
				}
				mu.Unlock()
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		}(w)
	}
	wg.Wait()
	fmt.Fprintf(os.Stderr, "loadgen: %d requests, %d failed\n", sent, failed)
}
