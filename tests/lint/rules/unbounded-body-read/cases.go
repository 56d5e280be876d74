package unboundedbodyread

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/json"
	"io"
	"io/ioutil"
	"net/http"
	"strings"
)

// ---- positive cases

// P6-1: a handler reads the body whole.
func p61(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body) // want "unbounded-body-read"
	w.Write(b)
}

// The classic logging middleware.
func logBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := ioutil.ReadAll(r.Body) // want "unbounded-body-read"
		if err != nil {
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// io.Copy into a bytes.Buffer is the same read.
func copyToBuffer(w http.ResponseWriter, req *http.Request) {
	var buf bytes.Buffer
	io.Copy(&buf, req.Body) // want "unbounded-body-read"
	w.Write(buf.Bytes())
}

// Into a strings.Builder through CopyBuffer.
func copyToBuilder(w http.ResponseWriter, r *http.Request) {
	sb := new(strings.Builder)
	io.CopyBuffer(sb, r.Body, make([]byte, 4096)) // want "unbounded-body-read"
}

// bytes.Buffer.ReadFrom.
func readFrom(w http.ResponseWriter, r *http.Request) {
	buf := bytes.NewBuffer(nil)
	buf.ReadFrom(r.Body) // want "unbounded-body-read"
}

// The limit is applied on one path only.
func limitSometimes(w http.ResponseWriter, r *http.Request, strict bool) {
	if strict {
		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	}
	b, _ := io.ReadAll(r.Body) // want "unbounded-body-read"
	_ = b
}

// P6-3: decompression bomb via ReadAll.
func p63(rd io.Reader) ([]byte, error) {
	z, err := gzip.NewReader(rd)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z) // want "unbounded-body-read"
}

// zlib into a buffer through io.Copy.
func inflate(rd io.Reader) ([]byte, error) {
	zr, err := zlib.NewReader(rd)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if _, err := io.Copy(&out, zr); err != nil { // want "unbounded-body-read"
		return nil, err
	}
	return out.Bytes(), nil
}

// flate inline.
func inflateRaw(rd io.Reader) []byte {
	b, _ := io.ReadAll(flate.NewReader(rd)) // want "unbounded-body-read"
	return b
}

// A decompressor assigned after its declaration.
func reassigned(rd io.Reader) []byte {
	var zr io.Reader
	var err error
	zr, err = gzip.NewReader(rd)
	if err != nil {
		return nil
	}
	b, _ := io.ReadAll(zr) // want "unbounded-body-read"
	return b
}

// A request body read through a local alias.
func alias(w http.ResponseWriter, r *http.Request) {
	body := r.Body
	b, _ := io.ReadAll(body) // want "unbounded-body-read"
	_ = b
}

// ---- negative cases

// P6-2: MaxBytesReader before ReadAll.
func p62(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	b, _ := io.ReadAll(r.Body) // ok: limited on every path
	w.Write(b)
}

// P6-4: the argument is wrapped in io.LimitReader.
func p64(rd io.Reader) []byte {
	z, err := gzip.NewReader(rd)
	if err != nil {
		return nil
	}
	b, _ := io.ReadAll(io.LimitReader(z, 10<<20)) // ok: bounded by the LimitReader
	return b
}

// io.CopyN is bounded.
func copyN(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	io.CopyN(&buf, r.Body, 1<<20) // ok: CopyN reads at most n bytes
}

// Copying to the response or to io.Discard does not buffer.
func stream(w http.ResponseWriter, r *http.Request) {
	io.Copy(w, r.Body)          // ok: streamed out, not kept in memory
	io.Copy(io.Discard, r.Body) // ok: drained
}

// A response body (client side) is not a request body.
func client(c *http.Client, u string) []byte {
	resp, err := c.Get(u)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body) // ok: not an incoming request (a different rule's business)
	return b
}

// The limit comes first in both branches.
func limitBoth(w http.ResponseWriter, r *http.Request, small bool) {
	if small {
		r.Body = http.MaxBytesReader(w, r.Body, 1<<10)
	} else {
		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	}
	b, _ := io.ReadAll(r.Body) // ok: limited on both paths
	_ = b
}

// The limit is applied by the outer function of the handler literal.
func outerLimit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	read := func() []byte {
		b, _ := io.ReadAll(r.Body) // ok: the enclosing handler limited r.Body
		return b
	}
	_ = read()
}

// A JSON decoder over a LimitReader.
func decode(w http.ResponseWriter, r *http.Request) {
	var v map[string]any
	json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&v) // ok: bounded, and not a ReadAll
	b, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))         // ok: bounded
	_ = b
}

// A plain reader parameter is not known to be a body or a decompressor.
func plain(rd io.Reader) []byte {
	b, _ := io.ReadAll(rd) // ok: unknown source
	return b
}

// The body was replaced by an in-memory copy before.
func replaced(w http.ResponseWriter, r *http.Request, cached []byte) {
	r.Body = io.NopCloser(bytes.NewReader(cached))
	b, _ := io.ReadAll(r.Body) // ok: the body is already in memory
	_ = b
}
