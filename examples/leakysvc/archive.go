package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// defer-files mode: every answered order is handed to one background archiver that appends it to
// one of 16 shard files under -data.

var (
	archiveQueue = make(chan order, 1024)
	archiveDir   string
	archiveOnce  sync.Once
)

// lookupDeferFiles answers like lookupHealthy and queues the order for the archiver.
func lookupDeferFiles(ctx context.Context, r *http.Request, id string) (string, error) {
	v, err := lookupHealthy(ctx, r, id)
	if err != nil {
		return "", err
	}
	select {
	case archiveQueue <- order{ID: id, At: time.Now()}:
	default: // the archiver is behind: drop rather than block the request
	}
	return v, nil
}

func startArchiver() {
	dir, err := os.MkdirTemp(*dataDir, "leakysvc-archive-")
	if err != nil {
		log.Fatal(err)
	}
	archiveDir = dir
	if n, err := countArchived(dir); err == nil && n > 0 {
		log.Printf("archive: %d bytes already archived", n)
	}
	go archiveOrders(dir, archiveQueue)
}

// removeArchive deletes the shard files on exit.
func removeArchive() {
	archiveOnce.Do(func() {
		if archiveDir != "" {
			os.RemoveAll(archiveDir)
		}
	})
}

func shardPath(dir, id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	return filepath.Join(dir, fmt.Sprintf("orders-%02d.jsonl", h.Sum32()%16))
}

// archiveOrders has defer in a loop in a function that never returns: every shard file it opens
// stays open, and every 32 KiB writer stays referenced by its pending Flush, for the life of the
// process (and nothing is ever written out).
func archiveOrders(dir string, queue <-chan order) {
	for o := range queue {
		f, err := os.OpenFile(shardPath(dir, o.ID), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
		if err != nil {
			log.Printf("archive: %v", err)
			continue
		}
		defer f.Close()
		w := bufio.NewWriterSize(f, 32<<10)
		defer w.Flush()
		_ = json.NewEncoder(w).Encode(o)
	}
}

// archiveOrder is the correct shape: one call per order, so the writer is flushed and the file
// closed before the next order is taken.
func archiveOrder(dir string, o order) error {
	f, err := os.OpenFile(shardPath(dir, o.ID), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 32<<10)
	if err := json.NewEncoder(w).Encode(o); err != nil {
		return err
	}
	return w.Flush()
}

// countArchived reads the shard files back with defer in the loop: every file stays open until it
// returns (at most 16 here), and each iteration allocates its own 128 KiB buffer.
func countArchived(dir string) (int, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "orders-*.jsonl"))
	if err != nil {
		return 0, err
	}
	total := 0
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return total, err
		}
		defer f.Close()
		buf := make([]byte, 128<<10)
		n, _ := f.Read(buf)
		total += n
	}
	return total, nil
}

// readShards is the correct shape: each file is closed before the next is opened, and one buffer
// serves them all.
func readShards(paths []string) (int, error) {
	total := 0
	buf := make([]byte, 128<<10)
	for _, p := range paths {
		n, err := func() (int, error) {
			f, err := os.Open(p)
			if err != nil {
				return 0, err
			}
			defer f.Close()
			return f.Read(buf)
		}()
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}
