package web

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/timex"
)

// TestStoryPageShowsDisagreeingFigures: a story whose reports count an
// event's dead differently shows both counts on its page and says they
// disagree.
func TestStoryPageShowsDisagreeingFigures(t *testing.T) {
	var arts []model.Article
	for _, name := range []string{"market-official.txt", "market-hospital.txt"} {
		path := filepath.Join("..", "..", "..", "cmd", "storyline", "testdata", "figures", name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ingest.Read(path, data, ingest.Options{InferDate: timex.DocumentDate})
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, got...)
	}
	st, err := buildStore(arts)
	if err != nil {
		t.Fatal(err)
	}
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
