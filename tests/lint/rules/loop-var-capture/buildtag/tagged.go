//go:build go1.22

package buildtag

func use(...interface{}) {}

func tagged(items []string) {
	for _, it := range items {
		go func() { use(it) }() // ok: //go:build go1.22 raises the file's version
	}
}
