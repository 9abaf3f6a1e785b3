package event

import (
	"os"
	"path/filepath"
	"testing"
)

var sharedDir = filepath.Join("..", "..", "..", "shared")

// readShared returns a file under /work/shared, skipping the test when the
// shared data is absent, unless CI requires it.
func readShared(tb testing.TB, parts ...string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(append([]string{sharedDir}, parts...)...))
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("shared data required in CI: %v", err)
		}
		tb.Skipf("shared data not available: %v", err)
	}
	return b
}
