package claim

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/storyline/storyline/internal/sharedtest"

	"github.com/storyline/storyline/internal/entity"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

var sharedDir = filepath.Join("..", "..", "..", "shared")

// readShared returns a file under /work/shared, skipping the test when the
// shared data is absent, unless CI requires it.
func readShared(tb testing.TB, parts ...string) []byte {
	tb.Helper()
	return sharedtest.Read(tb, parts...)
}

func seedClaims(tb testing.TB, file string) []model.Claim {
	s := string(readShared(tb, "seeds", file))
	sents := text.Sentences(s, "en")
	return Extract(s, sents, nil, entity.Recognize(s, sents, "en"), nil, "en")
}

// TestSeedPetroClaim checks the acceptance claim: Petro's report that
// Caracas is being bombed is a hedged claim in 000, and 001 and 002 carry
// statements alike enough to corroborate it.
func TestSeedPetroClaim(t *testing.T) {
	var petro *model.Claim
	for _, c := range seedClaims(t, "000_7b0cbaef3ab0568e.txt") {
		if c.Claimant == "Gustavo Petro" && Similarity(c, model.Claim{Text: "Caracas is being bombed with missiles"}, "en", "en") >= 0.5 {
			petro = &c
			break
		}
	}
	if petro == nil {
		t.Fatal("Petro's claim that Caracas is being bombed not found in 000")
	}
	if !petro.Hedged {
		t.Errorf("Petro's claim %q is not hedged", petro.Text)
	}
	// 002 does not restate the claim; it corroborates it with the events it
	// narrates, which the linker matches (see the acceptance test).
	for _, file := range []string{"001_a6813ebf46bda63b.txt"} {
		best := 0.0
		for _, c := range seedClaims(t, file) {
			best = max(best, Similarity(*petro, c, "en", "en"))
		}
		if best < 0.5 {
			t.Errorf("%s: best similarity with Petro's claim %.2f, want >= 0.5", file, best)
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	var s string
	for _, f := range []string{"000_7b0cbaef3ab0568e.txt", "001_a6813ebf46bda63b.txt", "002_d64706cff6155e23.txt"} {
		s += string(readShared(b, "seeds", f)) + "\n"
	}
	sents := text.Sentences(s, "en")
	mentions := entity.Recognize(s, sents, "en")
	b.SetBytes(int64(len(s)))
	b.ResetTimer()
	for range b.N {
		Extract(s, sents, nil, mentions, nil, "en")
	}
}

func FuzzExtract(f *testing.F) {
	for _, name := range []string{"000_7b0cbaef3ab0568e.txt", "001_a6813ebf46bda63b.txt"} {
		if b, err := os.ReadFile(filepath.Join(sharedDir, "seeds", name)); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("Según Reuters, el presidente habría sido capturado. Petro negó que fuera cierto.")
	f.Add(`"Caracas is under attack," said Petro, according to`)
	f.Fuzz(func(t *testing.T, s string) {
		for _, lang := range []string{"en", "es"} {
			sents := text.Sentences(s, lang)
			mentions := mentionsIn(s, testEntities)
			var quotes []model.Quote
			// A few quotations are enough to exercise quoteClaims; one per
			// mention of a long seed report makes each run take seconds.
			for _, m := range mentions[:min(3, len(mentions))] {
				quotes = append(quotes, model.Quote{Start: m.Start, End: len(s), Text: s[m.Start:], Speaker: name(m)})
			}
			for _, c := range Extract(s, sents, nil, mentions, quotes, lang) {
				if c.Start < 0 || c.End > len(s) || c.Start > c.End || s[c.Start:c.End] != c.Text {
					t.Fatalf("claim span %d:%d does not hold its text %q", c.Start, c.End, c.Text)
				}
				if sim := Similarity(c, c, lang, lang); sim < 0 || sim > 1 {
					t.Fatalf("self-similarity %v out of range", sim)
				}
			}
		}
	})
}
