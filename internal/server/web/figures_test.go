package web

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestStoryPageShowsDisagreeingFigures: a story whose reports count an
// event's dead differently shows both counts on its page and says they
// disagree.
func TestStoryPageShowsDisagreeingFigures(t *testing.T) {
	var paths []string
	for _, name := range []string{"market-official.txt", "market-hospital.txt"} {
		paths = append(paths, filepath.Join("..", "..", "..", "cmd", "storyline", "testdata", "figures", name))
	}
	st := storeFromFiles(t, paths)
	defer st.Close()
	code, body, _ := get(t, New(st), http.MethodGet, "/stories/1")
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	for _, want := range []string{`<p class="figures disputed"><span class="kind">killed</span>:`, "95 (", "more than 100 (", "— reports disagree"} {
		if !strings.Contains(body, want) {
			t.Errorf("story page lacks %q", want)
		}
	}
}
