package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/sharedtest"
)

// TestEvalTimeline runs the evaluation on the smallest development topics
// through the real pipeline; the floors sit under the measured scores
// (H1N1_bbc 0.857, H1N1_guardian 0.500) to catch regressions.
func TestEvalTimeline(t *testing.T) {
	dir := sharedtest.Path(t, "data", "timelines", "t17")
	out, errOut, code := runCLI(t, "eval", "timeline", dir, "--topic", "H1N1_", "--format", "json", "--stores", t.TempDir())
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "H1N1_bbc") {
		t.Errorf("no progress on stderr: %q", errOut)
	}
	var scores struct {
		Topics []struct {
			Topic    string  `json:"topic"`
			Dates    int     `json:"dates"`
			Produced int     `json:"produced"`
			DateF1   float64 `json:"date_f1"`
			AlignR1F float64 `json:"align_rouge1_f"`
		} `json:"topics"`
		DateF1 float64 `json:"date_f1"`
	}
	if err := json.Unmarshal([]byte(out), &scores); err != nil {
		t.Fatal(err)
	}
	floors := map[string]float64{"H1N1_bbc": 0.7, "H1N1_guardian": 0.4, "H1N1_reuters": 0.4}
	if len(scores.Topics) != len(floors) {
		t.Fatalf("scored %d topics, want %d", len(scores.Topics), len(floors))
	}
	for _, s := range scores.Topics {
		if s.Produced != s.Dates {
			t.Errorf("%s: produced %d dates, want as many as the reference (%d)", s.Topic, s.Produced, s.Dates)
		}
		if s.DateF1 < floors[s.Topic] || s.AlignR1F <= 0.05 {
			t.Errorf("%s: Date-F1 %.3f (floor %.2f), AR1-F %.3f", s.Topic, s.DateF1, floors[s.Topic], s.AlignR1F)
		}
	}
	if _, errOut, code := runCLI(t, "eval", "timeline", dir, "--select", "nonsense"); code != 2 {
		t.Errorf("bad --select: exit %d (%s), want 2", code, errOut)
	}
}
