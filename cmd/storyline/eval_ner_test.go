package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/sharedtest"
)

// TestEvalNER scores the English development split with the embedded
// tagger, the names unseen in training apart; the floors sit under the
// measured scores (0.931 overall, 0.834 unseen).
func TestEvalNER(t *testing.T) {
	dev := sharedtest.Path(t, "data", "ner", "conll2003", "eng.testa")
	train := sharedtest.Path(t, "data", "ner", "conll2003", "eng.train")
	out, errOut, code := runCLI(t, "eval", "ner", dev, "--lang", "en", "--train", train, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var scores struct {
		Overall struct{ Gold, F1 float64 }
		Unseen  *struct{ Gold, F1 float64 }
	}
	if err := json.Unmarshal([]byte(out), &scores); err != nil {
		t.Fatal(err)
	}
	if scores.Overall.F1 < 0.925 {
		t.Errorf("overall F1 %.4f, want ≥ 0.925", scores.Overall.F1)
	}
	if u := scores.Unseen; u == nil || u.F1 < 0.825 || u.Gold < 1000 || u.Gold > scores.Overall.Gold/2 {
		t.Errorf("unseen names %+v of %v gold: want about a third of the names, F1 ≥ 0.825", u, scores.Overall.Gold)
	}
	out, _, code = runCLI(t, "eval", "ner", dev, "--lang", "en")
	if code != 0 || strings.Contains(out, "unseen") {
		t.Errorf("without --train: exit %d, output %q", code, out)
	}
	if _, errOut, code := runCLI(t, "eval", "ner", dev, "--train", "/nonexistent/eng.train"); code == 0 || !strings.Contains(errOut, "/nonexistent/eng.train") {
		t.Errorf("missing training file: exit %d (%s), want an error naming it", code, errOut)
	}
}
