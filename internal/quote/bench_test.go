package quote

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/storyline/storyline/internal/entity"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

func BenchmarkExtract(b *testing.B) {
	raw, err := os.ReadFile(sharedPath(b, "seeds", "002_d64706cff6155e23.txt"))
	if err != nil {
		b.Fatal(err)
	}
	s := string(raw)
	sents := text.Sentences(s, "en")
	mentions := entity.Recognize(s, sents, "en")
	b.SetBytes(int64(len(s)))
	b.ResetTimer()
	for b.Loop() {
		Extract(s, sents, mentions, "en")
	}
}

func FuzzExtract(f *testing.F) {
	for _, name := range []string{"000_7b0cbaef3ab0568e.txt", "001_a6813ebf46bda63b.txt", "002_d64706cff6155e23.txt"} {
		if b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "seeds", name)); err == nil {
			f.Add(string(b[:min(len(b), 4000)]))
		}
	}
	f.Add("«No vamos», dijo él.\n—Sí —afirmó la ministra—.")
	f.Add("\"Open \n\n\"still open, he said")
	f.Fuzz(func(t *testing.T, s string) {
		for _, lang := range []string{"en", "es"} {
			sents := text.Sentences(s, lang)
			for _, q := range Extract(s, sents, entity.Recognize(s, sents, lang), lang) {
				checkQuote(t, s, q)
			}
		}
	})
}

func checkQuote(t *testing.T, s string, q model.Quote) {
	if q.Start < 0 || q.End > len(s) || q.Start >= q.End || s[q.Start:q.End] != q.Text {
		t.Fatalf("bad quote offsets %+v", q)
	}
	if (q.SpeakerStart < 0) != (q.SpeakerEnd < 0) || q.SpeakerEnd > len(s) || q.SpeakerStart > q.SpeakerEnd {
		t.Fatalf("bad speaker offsets %+v", q)
	}
}
