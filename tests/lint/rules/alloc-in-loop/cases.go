package allocinloop

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"os"
	"sync"
)

const chunk = 64 << 10

const (
	kib      = 1024
	bigChunk = 256 * kib
)

type record struct {
	a, b int64
	tag  [16]byte
}

func copyAll(dst io.Writer, srcs []io.Reader) {
	for _, src := range srcs {
		buf := make([]byte, 1<<20) // want "alloc-in-loop"
		io.CopyBuffer(dst, src, buf)
	}
}

func namedConst(files []*os.File) {
	for _, f := range files {
		buf := make([]byte, chunk) // want "alloc-in-loop"
		f.Read(buf)
	}
}

func constExpr(n int, r io.Reader) {
	for i := 0; i < n; i++ {
		b := make([]byte, 0, bigChunk) // want "alloc-in-loop"
		b = append(b, 'x')
		r.Read(b[:cap(b)])
	}
}

func wideElems(n int) int64 {
	var sum int64
	for i := 0; i < n; i++ {
		xs := make([]int64, 8192) // want "alloc-in-loop"
		for j := range xs {
			sum += xs[j]
		}
	}
	return sum
}

func structElems(n int) {
	for i := 0; i < n; i++ {
		rs := make([]record, 2048) // want "alloc-in-loop"
		_ = len(rs)
	}
}

func newArray(conns []net.Conn) {
	for _, c := range conns {
		p := new([128 * 1024]byte) // want "alloc-in-loop"
		c.Read(p[:])
	}
}

func readers(conns []net.Conn) {
	for _, c := range conns {
		r := bufio.NewReaderSize(c, 1024*1024) // want "alloc-in-loop"
		r.ReadString('\n')
	}
}

func writers(conns []net.Conn) {
	for _, c := range conns {
		w := bufio.NewWriterSize(c, 64*1024) // want "alloc-in-loop"
		w.Flush()
	}
}

func buffers(items [][]byte, out io.Writer) {
	for _, it := range items {
		b := bytes.NewBuffer(make([]byte, 0, 1<<17)) // want "alloc-in-loop"
		b.Write(it)
		out.Write(b.Bytes())
	}
}

func grown(items [][]byte, out io.Writer) {
	for _, it := range items {
		var b bytes.Buffer
		b.Grow(1 << 16) // want "alloc-in-loop"
		b.Write(it)
		b.WriteTo(out)
	}
}

// ---- negatives

func hoisted(dst io.Writer, srcs []io.Reader) {
	buf := make([]byte, 1<<20)
	for _, src := range srcs {
		io.CopyBuffer(dst, src, buf) // ok: allocated once before the loop
	}
}

func small(n int) {
	for i := 0; i < n; i++ {
		b := make([]byte, 4096) // ok: below 64 KiB
		_ = b
	}
}

func appended(n int) [][]byte {
	var out [][]byte
	for i := 0; i < n; i++ {
		b := make([]byte, 1<<20) // ok: appended to an outer slice, kept after the iteration
		out = append(out, b)
	}
	return out
}

func storedInMap(keys []string) map[string][]byte {
	m := map[string][]byte{}
	for _, k := range keys {
		m[k] = make([]byte, 1<<20) // ok: stored in an outer map
	}
	return m
}

func sent(n int, ch chan<- []byte) {
	for i := 0; i < n; i++ {
		b := make([]byte, 1<<20) // ok: sent on a channel, owned by the receiver
		ch <- b
	}
}

func returned(rs []io.Reader) []byte {
	for _, r := range rs {
		b := make([]byte, 1<<20) // ok: returned
		if n, _ := r.Read(b); n > 0 {
			return b[:n]
		}
	}
	return nil
}

type holder struct{ buf []byte }

func field(h *holder, n int) {
	for i := 0; i < n; i++ {
		h.buf = make([]byte, 1<<20) // ok: stored in a field
	}
}

func lazy(rs []io.Reader) {
	var buf []byte
	for _, r := range rs {
		if buf == nil {
			buf = make([]byte, 1<<20) // ok: assigned to an outer variable: reused afterwards
		}
		r.Read(buf)
	}
}

func goroutine(rs []io.Reader, wg *sync.WaitGroup) {
	for _, r := range rs {
		b := make([]byte, 1<<20) // ok: handed to a goroutine that outlives the iteration
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.Read(b)
		}()
	}
}

func dynamicSize(sizes []int) {
	for _, s := range sizes {
		b := make([]byte, s) // ok: size not constant
		_ = b
	}
}

func once(rs []io.Reader) {
	for _, r := range rs {
		b := make([]byte, 1<<20) // ok: the loop returns after the first iteration
		r.Read(b)
		return
	}
}

var pool = sync.Pool{New: func() any { return make([]byte, 1<<20) }}

func pooled(rs []io.Reader) {
	for _, r := range rs {
		b := pool.Get().([]byte) // ok: from a sync.Pool
		r.Read(b)
		pool.Put(b)
	}
}

func copiedToOuter(rs []io.Reader) []byte {
	var keep []byte
	for _, r := range rs {
		b := make([]byte, 1<<20) // ok: copied into an outer variable through a local
		tmp := b[:10]
		keep = tmp
		r.Read(b)
	}
	return keep
}

func garbage(n int) {
	for i := 0; i < n; i++ {
		_ = make([]byte, 1<<20) // ok: deliberate garbage (GC stress tests)
	}
}
