// Writes a large, valid profile.proto (gzip) for the pprof-top benchmark: many samples with
// deep random stacks over a few thousand functions, some locations with inlined frames, two
// sample types and a numeric label per sample, encoded by hand like runtime/pprof does.
//
//	gen OUT.pb.gz [samples]
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"math/rand"
	"os"
	"strconv"
)

type buf struct{ b []byte }

func (p *buf) varint(x uint64) { p.b = binary.AppendUvarint(p.b, x) }
func (p *buf) tag(field, wire int) { p.varint(uint64(field<<3 | wire)) }
func (p *buf) int64(field int, x int64) {
	if x != 0 {
		p.tag(field, 0)
		p.varint(uint64(x))
	}
}
func (p *buf) bytes(field int, b []byte) {
	p.tag(field, 2)
	p.varint(uint64(len(b)))
	p.b = append(p.b, b...)
}
func (p *buf) msg(field int, fn func(m *buf)) {
	var m buf
	fn(&m)
	p.bytes(field, m.b)
}

func main() {
	out := os.Args[1]
	samples := 300000
	if len(os.Args) > 2 {
		samples, _ = strconv.Atoi(os.Args[2])
	}
	const nfuncs = 4000
	const nlocs = 60000
	rng := rand.New(rand.NewSource(42))
	strs := []string{""}
	idx := map[string]int64{"": 0}
	str := func(s string) int64 {
		if i, ok := idx[s]; ok {
			return i
		}
		idx[s] = int64(len(strs))
		strs = append(strs, s)
		return int64(len(strs) - 1)
	}
	var p buf
	for _, st := range [][2]string{{"alloc_space", "bytes"}, {"inuse_space", "bytes"}} {
		p.msg(1, func(m *buf) { m.int64(1, str(st[0])); m.int64(2, str(st[1])) })
	}
	// Functions grouped in packages; each location belongs to a function (a few inline two).
	locFunc := make([]int, nlocs+1)
	for l := 1; l <= nlocs; l++ {
		locFunc[l] = 1 + rng.Intn(nfuncs)
	}
	// Samples: random walks down a "call tree": each depth picks among callees of the previous
	// function, so stacks share prefixes but end in many distinct leaves.
	callees := make([][]int, nfuncs+1)
	byFunc := make([][]int, nfuncs+1)
	for l := 1; l <= nlocs; l++ {
		byFunc[locFunc[l]] = append(byFunc[locFunc[l]], l)
	}
	for f := 1; f <= nfuncs; f++ {
		for k := 0; k < 6; k++ {
			callees[f] = append(callees[f], 1+rng.Intn(nfuncs))
		}
	}
	label := str("bytes")
	stack := make([]uint64, 0, 128)
	var packed buf
	for s := 0; s < samples; s++ {
		depth := 10 + rng.Intn(90)
		stack = stack[:0]
		f := 1 + rng.Intn(8)
		for d := 0; d < depth; d++ {
			locs := byFunc[f]
			if len(locs) == 0 {
				break
			}
			stack = append(stack, uint64(locs[rng.Intn(len(locs))]))
			f = callees[f][rng.Intn(len(callees[f]))]
		}
		// leaf first
		for i, j := 0, len(stack)-1; i < j; i, j = i+1, j-1 {
			stack[i], stack[j] = stack[j], stack[i]
		}
		v := int64(1+rng.Intn(64)) * 512
		p.msg(2, func(m *buf) {
			packed.b = packed.b[:0]
			for _, id := range stack {
				packed.varint(id)
			}
			m.bytes(1, packed.b)
			packed.b = packed.b[:0]
			packed.varint(uint64(v * 3))
			packed.varint(uint64(v))
			m.bytes(2, packed.b)
			m.msg(3, func(l *buf) { l.int64(1, label); l.int64(3, v/8) })
		})
	}
	p.msg(3, func(m *buf) {
		m.int64(1, 1)
		m.int64(2, 0x400000)
		m.int64(3, 0x4000000)
		m.int64(5, str("/usr/local/bin/benchsvc"))
		m.int64(7, 1)
		m.int64(8, 1)
		m.int64(9, 1)
		m.int64(10, 1)
	})
	for l := 1; l <= nlocs; l++ {
		p.msg(4, func(m *buf) {
			m.int64(1, int64(l))
			m.int64(2, 1)
			m.int64(3, int64(0x400000+l*16))
			if l%10 == 0 { // an inlined callee in front of the function
				m.msg(4, func(ln *buf) { ln.int64(1, int64(1+(l*7)%nfuncs)); ln.int64(2, int64(10+l%50)) })
			}
			m.msg(4, func(ln *buf) { ln.int64(1, int64(locFunc[l])); ln.int64(2, int64(20+l%300)) })
		})
	}
	for f := 1; f <= nfuncs; f++ {
		name := fmt.Sprintf("example.com/svc/pkg%02d.(*T%d).Method%d", f%50, f%17, f)
		file := fmt.Sprintf("/src/example.com/svc/pkg%02d/file%d.go", f%50, f%9)
		p.msg(5, func(m *buf) {
			m.int64(1, int64(f))
			m.int64(2, str(name))
			m.int64(3, str(name))
			m.int64(4, str(file))
			m.int64(5, int64(f%400))
		})
	}
	p.int64(9, 1700000000000000000)
	p.msg(11, func(m *buf) { m.int64(1, str("space")); m.int64(2, str("bytes")) })
	p.int64(12, 524288)
	for _, s := range strs {
		p.bytes(6, []byte(s))
	}
	f, err := os.Create(out)
	if err != nil {
		panic(err)
	}
	w := bufio.NewWriter(f)
	z, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
	z.Write(p.b)
	z.Close()
	w.Flush()
	f.Close()
	fmt.Fprintf(os.Stderr, "%s: %d bytes uncompressed, %d samples\n", out, len(p.b), samples)
}
