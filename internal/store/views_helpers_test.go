package store_test

import (
	"fmt"
	"os"
)

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// tempDir holds the demo store shared by the tests of this binary; it is
// removed with the machine's temporary files.
func tempDir() (string, error) { return os.MkdirTemp("", "storyline-store-views-") }
