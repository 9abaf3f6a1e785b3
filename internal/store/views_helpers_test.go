package store_test

import (
	"fmt"
	"os"
	"testing"
)

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

var demoDir string

// tempDir makes the directory of the demo store shared by the tests of
// this binary; TestMain removes it.
func tempDir() (string, error) {
	var err error
	demoDir, err = os.MkdirTemp("", "storyline-store-views-")
	return demoDir, err
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoStore != nil {
		demoStore.Close()
	}
	if demoDir != "" {
		os.RemoveAll(demoDir)
	}
	os.Exit(code)
}
