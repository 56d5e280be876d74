// Command goast is the reference for `oomguard ast`: it parses Go files with go/parser
// (ParseComments|SkipObjectResolution) and prints the canonical text form of their go/ast,
// which oomguard must reproduce byte for byte.
//
//	goast [-files-from LIST] [FILE...]      dump each file
//	goast -compare LIST GO_DUMP OURS_DUMP   compare two dumps of the files in LIST
//
// Canonical form, per file: a header line "=== <path>", then either "REJECTED" (go/parser
// reported an error; the errors go to stderr) or the tree. Each node is one line:
//
//	<indent><Field>: <NodeType> <Scalar>=<value> ...
//
// with its scalar fields (positions, tokens, strings, bools, ChanDir) in struct order, followed
// by its node-valued fields in struct order, one level deeper; list elements are labelled
// Field[i]. Nil pointers, nil interfaces and empty lists are omitted (so a nil list and an empty
// list print the same, while a nil *FieldList and an empty FieldList differ). Positions are
// line:col from fset.PositionFor(pos, false), "-" for NoPos. Strings are quoted with '"',
// escaping '"', '\\' and bytes < 0x20 or 0x7f as \xNN (other bytes verbatim). Obj, Scope and
// Unresolved (object resolution, not syntax) are not printed.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"reflect"
	"strings"
)

var (
	posType  = reflect.TypeOf(token.NoPos)
	tokType  = reflect.TypeOf(token.ILLEGAL)
	dirType  = reflect.TypeOf(ast.SEND)
	skipName = map[string]bool{"Obj": true, "Scope": true, "Unresolved": true}
)

type dumper struct {
	w    *bufio.Writer
	fset *token.FileSet
}

func quote(w *bufio.Writer, s string) {
	const hex = "0123456789abcdef"
	w.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			w.WriteByte('\\')
			w.WriteByte(c)
		case c < 0x20 || c == 0x7f:
			w.WriteString(`\x`)
			w.WriteByte(hex[c>>4])
			w.WriteByte(hex[c&15])
		default:
			w.WriteByte(c)
		}
	}
	w.WriteByte('"')
}

func isScalar(t reflect.Type) bool {
	return t == posType || t == tokType || t == dirType || t.Kind() == reflect.String || t.Kind() == reflect.Bool
}

func (d *dumper) scalar(v reflect.Value) {
	switch {
	case v.Type() == posType:
		p := token.Pos(v.Int())
		if !p.IsValid() {
			d.w.WriteString("-")
			return
		}
		pos := d.fset.PositionFor(p, false)
		fmt.Fprintf(d.w, "%d:%d", pos.Line, pos.Column)
	case v.Type() == tokType:
		d.w.WriteString(token.Token(v.Int()).String())
	case v.Type() == dirType:
		fmt.Fprintf(d.w, "%d", v.Int())
	case v.Kind() == reflect.String:
		quote(d.w, v.String())
	case v.Kind() == reflect.Bool:
		fmt.Fprintf(d.w, "%t", v.Bool())
	}
}

// node prints the node v (a non-nil pointer to a go/ast struct) labelled label.
func (d *dumper) node(indent int, label string, v reflect.Value) {
	for i := 0; i < indent; i++ {
		d.w.WriteString("  ")
	}
	if label != "" {
		d.w.WriteString(label)
		d.w.WriteString(": ")
	}
	s := v.Elem()
	t := s.Type()
	d.w.WriteString(t.Name())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if skipName[f.Name] || !isScalar(f.Type) {
			continue
		}
		d.w.WriteByte(' ')
		d.w.WriteString(f.Name)
		d.w.WriteByte('=')
		d.scalar(s.Field(i))
	}
	d.w.WriteByte('\n')
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if skipName[f.Name] || isScalar(f.Type) {
			continue
		}
		fv := s.Field(i)
		switch fv.Kind() {
		case reflect.Slice:
			for j := 0; j < fv.Len(); j++ {
				d.child(indent+1, fmt.Sprintf("%s[%d]", f.Name, j), fv.Index(j))
			}
		default:
			d.child(indent+1, f.Name, fv)
		}
	}
}

func (d *dumper) child(indent int, label string, v reflect.Value) {
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Pointer {
		panic("unexpected field kind " + v.Kind().String() + " at " + label)
	}
	if v.IsNil() {
		return
	}
	d.node(indent, label, v)
}

var allErrors = flag.Bool("all-errors", false, "parse with parser.AllErrors")

func dumpFiles(paths []string) int {
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer w.Flush()
	rc := 0
	for _, path := range paths {
		src, err := os.ReadFile(path)
		fmt.Fprintf(w, "=== %s\n", path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
			w.WriteString("REJECTED\n")
			rc = 2
			continue
		}
		fset := token.NewFileSet()
		mode := parser.ParseComments | parser.SkipObjectResolution
		if *allErrors {
			mode |= parser.AllErrors
		}
		f, err := parser.ParseFile(fset, path, src, mode)
		if err != nil {
			if list, ok := err.(scanner.ErrorList); ok {
				for _, e := range list {
					fmt.Fprintln(os.Stderr, e)
				}
			} else {
				fmt.Fprintln(os.Stderr, err)
			}
			w.WriteString("REJECTED\n")
			rc = 2
			continue
		}
		d := &dumper{w: w, fset: fset}
		d.node(0, "", reflect.ValueOf(f))
	}
	return rc
}

func readLines(path string) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func main() {
	filesFrom := flag.String("files-from", "", "read file names from this file, one per line")
	compare := flag.Bool("compare", false, "compare mode: LIST GO_DUMP OURS_DUMP")
	maxDiffs := flag.Int("max-diffs", 5, "compare mode: differences to show")
	flag.Parse()
	if *compare {
		if flag.NArg() != 3 {
			fmt.Fprintln(os.Stderr, "usage: goast -compare LIST GO_DUMP OURS_DUMP")
			os.Exit(2)
		}
		os.Exit(compareDumps(flag.Arg(0), flag.Arg(1), flag.Arg(2), *maxDiffs))
	}
	paths := flag.Args()
	if *filesFrom != "" {
		paths = append(paths, readLines(*filesFrom)...)
	}
	os.Exit(dumpFiles(paths))
}

// splitDump maps each "=== path" header to the text that follows it.
func splitDump(path string) map[string][]byte {
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	out := map[string][]byte{}
	for len(data) > 0 {
		if !bytes.HasPrefix(data, []byte("=== ")) {
			// skip garbage up to the next header
			i := bytes.Index(data, []byte("\n=== "))
			if i < 0 {
				break
			}
			data = data[i+1:]
			continue
		}
		nl := bytes.IndexByte(data, '\n')
		if nl < 0 {
			break
		}
		name := string(data[4:nl])
		data = data[nl+1:]
		end := bytes.Index(data, []byte("\n=== "))
		var body []byte
		if end < 0 {
			body, data = data, nil
		} else {
			body, data = data[:end+1], data[end+1:]
		}
		out[name] = body
	}
	return out
}

func compareDumps(list, goDump, ourDump string, maxDiffs int) int {
	files := readLines(list)
	g := splitDump(goDump)
	o := splitDump(ourDump)
	identical, differ, rejectedBoth := 0, 0, 0
	shown := 0
	var onlyOne []string
	for _, f := range files {
		gb, gok := g[f]
		ob, ook := o[f]
		gRej := gok && string(gb) == "REJECTED\n"
		oRej := ook && string(ob) == "REJECTED\n"
		switch {
		case gok && ook && gRej && oRej:
			rejectedBoth++
		case gok && ook && bytes.Equal(gb, ob):
			identical++
		default:
			differ++
			switch {
			case !gok:
				onlyOne = append(onlyOne, f+": no output from go/parser dumper")
			case !ook:
				onlyOne = append(onlyOne, f+": no output from oomguard (crash?)")
			case gRej:
				onlyOne = append(onlyOne, f+": rejected by go/parser only")
			case oRej:
				onlyOne = append(onlyOne, f+": rejected by oomguard only")
			default:
				if shown < maxDiffs {
					shown++
					fmt.Printf("--- %s (go/parser)\n+++ %s (oomguard)\n", f, f)
					printDiff(string(gb), string(ob))
				}
			}
		}
	}
	for i, s := range onlyOne {
		if i == 20 {
			fmt.Printf("... and %d more files rejected by one side or missing\n", len(onlyOne)-i)
			break
		}
		fmt.Println(s)
	}
	fmt.Printf("%d files, %d identical, %d differ, %d rejected by both\n", len(files), identical, differ, rejectedBoth)
	if differ != 0 {
		return 1
	}
	return 0
}

// printDiff prints one unified-diff hunk covering the first to the last differing line
// (at most 40 lines of each side), with 3 lines of context.
func printDiff(a, b string) {
	al := strings.Split(a, "\n")
	bl := strings.Split(b, "\n")
	i := 0
	for i < len(al) && i < len(bl) && al[i] == bl[i] {
		i++
	}
	ea, eb := len(al), len(bl)
	for ea > i && eb > i && al[ea-1] == bl[eb-1] {
		ea--
		eb--
	}
	start := i - 3
	if start < 0 {
		start = 0
	}
	ctxEndA := ea + 3
	if ctxEndA > len(al) {
		ctxEndA = len(al)
	}
	ctxEndB := eb + 3
	if ctxEndB > len(bl) {
		ctxEndB = len(bl)
	}
	fmt.Printf("@@ -%d,%d +%d,%d @@\n", start+1, ctxEndA-start, start+1, ctxEndB-start)
	for k := start; k < i; k++ {
		fmt.Println(" " + al[k])
	}
	limit := func(n int) int {
		if n > 40 {
			return 40
		}
		return n
	}
	for k := i; k < i+limit(ea-i); k++ {
		fmt.Println("-" + al[k])
	}
	if ea-i > 40 {
		fmt.Printf("-... (%d more lines)\n", ea-i-40)
	}
	for k := i; k < i+limit(eb-i); k++ {
		fmt.Println("+" + bl[k])
	}
	if eb-i > 40 {
		fmt.Printf("+... (%d more lines)\n", eb-i-40)
	}
	for k := ea; k < ctxEndA; k++ {
		fmt.Println(" " + al[k])
	}
}
