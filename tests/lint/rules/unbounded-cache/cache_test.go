package unboundedcache

import "testing"

var fixtures = map[string]string{}

func TestFixture(t *testing.T) {
	fixtures[t.Name()] = "x" // ok: test files do not run in production
	pages[t.Name()] = nil    // ok: test files do not run in production
}
