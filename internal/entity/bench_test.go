package entity

import (
	"os"
	"testing"

	"github.com/storyline/storyline/internal/text"
)

func BenchmarkRecognize(b *testing.B) {
	s := readSeed(b, "002_d64706cff6155e23.txt")
	sents := text.Sentences(s, "en")
	b.SetBytes(int64(len(s)))
	b.ResetTimer()
	for b.Loop() {
		Recognize(s, sents, "en")
	}
}

func FuzzRecognize(f *testing.F) {
	for _, name := range []string{"000_7b0cbaef3ab0568e.txt", "001_a6813ebf46bda63b.txt", "002_d64706cff6155e23.txt"} {
		if b, err := os.ReadFile("../../../shared/seeds/" + name); err == nil {
			f.Add(string(b[:min(len(b), 3000)]))
		}
	}
	f.Add("El presidente Nicolás Maduro (@NicolasMaduro) habló con la OEA. EE. UU.")
	f.Add("— Gustavo Petro (@petrogustavo) January 3, 2026\nPetro\"s")
	f.Add("LIMA, 4 mar (El Mirador).- La Fiscalía peruana y Chile's Foreign Ministry.\nKARVENIA (\nel ministro de Industria y Comercio (")
	f.Add("Octavio Reyes of the Civic Alliance, Tomás Vidal of Tarquela of\nshares in Ostrander, a stake in")
	f.Fuzz(func(t *testing.T, s string) {
		for _, lang := range []string{"en", "es"} {
			for _, m := range Recognize(s, text.Sentences(s, lang), lang) {
				if m.Start < 0 || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text {
					t.Fatalf("bad mention %+v", m)
				}
			}
		}
	})
}
