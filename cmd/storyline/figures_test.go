package main

import (
	"encoding/json"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestFiguresDisagree: two reports of one strike that count its dead
// differently (95 against more than 100) become one event whose evidence
// keeps each count and which names the disagreement, in the export and
// in the timeline.
func TestFiguresDisagree(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if _, errOut, code := runCLI(t, "ingest", "--db", db, "testdata/figures"); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	out, errOut, code := runCLI(t, "export", "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	var doc struct {
		Events []struct {
			Type     string `json:"type"`
			Evidence []struct {
				Figures []struct {
					Kind, Qualifier string
					Value           int
				} `json:"figures"`
			} `json:"evidence"`
			FigureDisputes []string `json:"figure_disputes"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var counts []string
	found := false
	for _, e := range doc.Events {
		if e.Type != "ASSAULT" || len(e.Evidence) < 2 {
			continue
		}
		found = true
		for _, x := range e.Evidence {
			for _, f := range x.Figures {
				counts = append(counts, f.Kind+" "+f.Qualifier+" "+strconv.Itoa(f.Value))
			}
		}
		if len(e.FigureDisputes) != 1 || e.FigureDisputes[0] != "killed" {
			t.Errorf("figure_disputes = %v, want [killed]", e.FigureDisputes)
		}
	}
	if !found {
		t.Fatalf("no ASSAULT event merged from both reports: %s", out)
	}
	sort.Strings(counts)
	if strings.Join(counts, "; ") != "killed  95; killed more 100" {
		t.Errorf("figures = %q, want killed 95 and more than 100", counts)
	}
	tl, _, _ := runCLI(t, "timeline", "--db", db)
	line := ""
	for _, l := range strings.Split(tl, "\n") {
		if strings.Contains(l, "killed:") {
			line = l
		}
	}
	if !strings.Contains(line, " 95 (article ") || !strings.Contains(line, "more than 100 (article ") || !strings.HasSuffix(line, "— reports disagree") {
		t.Errorf("timeline does not show the disagreement:\n%s", tl)
	}
}
