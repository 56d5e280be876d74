// Command constraintsoracle prints go/build's verdict for every input file in a directory, so
// the C++ build-constraint evaluator can be compared with the real one. Input format (same as
// fuzz/fuzz_go_constraints.cpp): the bytes before the first newline (at most 64) name the file
// (".go" is appended), the rest is its contents.
//
// Output, one line per input and configuration: "<input> <config> true|false|error|skip".
// "skip" marks inputs go/build rejects for reasons outside build constraints (a bad file name,
// a malformed header that its import reader refuses).
package main

import (
	"bytes"
	"fmt"
	"go/build"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type config struct {
	name, goos, goarch string
	tags               []string
	cgo                bool
}

var configs = []config{
	{"linux", "linux", "amd64", nil, false},
	{"windows", "windows", "arm64", []string{"integration", "foo"}, true},
}

func main() {
	dir := os.Args[1]
	ents, err := os.ReadDir(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		name, contents := ".go", data
		if i := bytes.IndexByte(data, '\n'); i >= 0 && i <= 64 {
			name, contents = string(data[:i])+".go", data[i+1:]
		}
		for _, c := range configs {
			fmt.Printf("%s %s %s\n", n, c.name, verdict(c, name, contents))
		}
	}
}

func verdict(c config, name string, contents []byte) string {
	if strings.ContainsAny(name, "/\x00") || strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
		return "skip"
	}
	ctxt := build.Default
	ctxt.GOOS, ctxt.GOARCH, ctxt.BuildTags, ctxt.CgoEnabled = c.goos, c.goarch, c.tags, c.cgo
	ctxt.OpenFile = func(string) (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(contents)), nil
	}
	ok, err := ctxt.MatchFile("/oracle", name)
	if err != nil {
		if strings.Contains(err.Error(), "//go:build") {
			return "error"
		}
		return "skip"
	}
	return fmt.Sprint(ok)
}
