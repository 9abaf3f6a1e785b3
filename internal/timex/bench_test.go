package timex

import (
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// seedTexts reads the shared seed reports.
func seedTexts(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join(sharedDir(t, "seeds"), "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed reports: %v", err)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// BenchmarkExtract measures extraction over the seed reports, sentences
// split beforehand as the pipeline does.
func BenchmarkExtract(b *testing.B) {
	docs := seedTexts(b)
	langs := make([]string, len(docs))
	sents := make([][]model.Sentence, len(docs))
	total := 0
	for i, d := range docs {
		total += len(d)
		langs[i] = text.DetectLanguage(d)
		sents[i] = text.Sentences(d, langs[i])
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, d := range docs {
			Extract(d, sents[j], langs[j], monday)
		}
	}
}

// FuzzExtract checks that any input gives in-range offsets on rune
// boundaries, with or without a reference date, and never panics.
func FuzzExtract(f *testing.F) {
	f.Add("The strikes began on Sunday, Jan. 3, 2026 at 2 a.m. local time.", "en")
	f.Add("El pasado lunes, hace dos semanas, a principios de enero, a las 17.30 horas.", "es")
	f.Add("11/02/89 1990s '90s 2026-01-03T10:00 3rd twenty-four hours", "en")
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	if files, err := filepath.Glob(filepath.Join(dir, "*.txt")); err == nil {
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				f.Add(string(b), text.DetectLanguage(string(b)))
			}
		}
	}
	f.Fuzz(func(t *testing.T, s, lang string) {
		for _, ref := range []time.Time{{}, monday} {
			for _, tx := range Extract(s, text.Sentences(s, lang), lang, ref) {
				if tx.Start < 0 || tx.End > len(s) || tx.Start >= tx.End {
					t.Fatalf("bad span %d-%d in %d bytes", tx.Start, tx.End, len(s))
				}
				if utf8.ValidString(s) && (!utf8.RuneStart(s[tx.Start]) || (tx.End < len(s) && !utf8.RuneStart(s[tx.End]))) {
					t.Fatalf("span %d-%d splits a rune", tx.Start, tx.End)
				}
				if tx.Value == "" || tx.Text != s[tx.Start:tx.End] {
					t.Fatalf("bad timex %+v", tx)
				}
			}
		}
		DocumentDate(s, lang, time.Time{})
	})
}
