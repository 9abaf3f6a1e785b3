// Package sharedtest finds the public data and seed reports that sit in
// ../shared beside the repository, for tests. Where they are absent (a
// user's clone) the test is skipped with a message; with CI=true it fails,
// so that CI proves everything the README's test command covers.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Path returns the path of parts under ../shared, seen from a package two
// directories below the repository root, skipping or failing tb when it
// does not exist.
func Path(tb testing.TB, parts ...string) string {
	tb.Helper()
	p := filepath.Join(append([]string{"..", "..", "..", "shared"}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is required when CI=true: %v", p, err)
		}
		tb.Skipf("%s not found (it sits beside the repository in CI): %v", p, err)
	}
	return p
}

// Read returns the contents of the file parts under ../shared, skipping or
// failing tb as Path does.
func Read(tb testing.TB, parts ...string) []byte {
	tb.Helper()
	b, err := os.ReadFile(Path(tb, parts...))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
