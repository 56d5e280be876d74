package unboundedglobalappend

import "testing"

var testLog []string

func TestLog(t *testing.T) {
	testLog = append(testLog, t.Name()) // ok: test files do not run in production
	auditLog = append(auditLog, nil)    // ok: test files do not run in production
}
