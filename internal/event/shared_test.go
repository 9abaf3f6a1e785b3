package event

import (
	"path/filepath"
	"testing"

	"github.com/storyline/storyline/internal/sharedtest"
)

var sharedDir = filepath.Join("..", "..", "..", "shared")

// readShared returns a file under /work/shared, skipping the test when the
// shared data is absent, unless CI requires it.
func readShared(tb testing.TB, parts ...string) []byte {
	tb.Helper()
	return sharedtest.Read(tb, parts...)
}
