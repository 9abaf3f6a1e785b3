package text

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/sharedtest"
)

func TestTokenize(t *testing.T) {
	s := "On Jan. 3, 2026 at 17:53, @petrogustavo wrote: U.S. strikes hit 15,000 homes—¿verdad?"
	var got []string
	for _, tok := range Tokenize(s) {
		if s[tok.Start:tok.End] != tok.Text {
			t.Fatalf("token %q does not match its offsets %d:%d", tok.Text, tok.Start, tok.End)
		}
		got = append(got, tok.Text)
	}
	for _, want := range []string{"Jan", "2026", "17:53", "@petrogustavo", "U.S.", "15,000", "verdad", "¿"} {
		found := false
		for _, g := range got {
			if g == want {
				found = true
			}
		}
		if !found {
			t.Errorf("no token %q in %q", want, got)
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		lang, text string
		want       []string
	}{
		{"en", "Petro Calls for Calm\n\nMr. Smith arrived at 5 p.m. on Monday. He left at 6. The U.S. said nothing.",
			[]string{"Petro Calls for Calm", "Mr. Smith arrived at 5 p.m. on Monday.", "He left at 6.", "The U.S. said nothing."}},
		{"es", "El Sr. Pérez llegó el lunes. ¿Qué pasó después? Nadie lo sabe.",
			[]string{"El Sr. Pérez llegó el lunes.", "¿Qué pasó después?", "Nadie lo sabe."}},
		{"en", `"We will win," he said. Then he left.`,
			[]string{`"We will win," he said.`, "Then he left."}},
	}
	for _, tc := range tests {
		var got []string
		for _, s := range Sentences(tc.text, tc.lang) {
			got = append(got, tc.text[s.Start:s.End])
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Sentences(%q):\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := []struct{ text, want string }{
		{"The president said on Sunday that the attack was an aggression against the region.", "en"},
		{"El presidente dijo el domingo que el ataque fue una agresión contra toda la región.", "es"},
		{"Le président a déclaré dimanche que l'attaque était une agression contre la région.", "fr"},
		{"O presidente disse no domingo que o ataque foi uma agressão contra a região e não vai parar.", "pt"},
		{"THE PRESIDENT SAID ON SUNDAY THAT THE ATTACK WAS AN AGGRESSION.", "en"},
		{"Karvenia", "und"},
		// Only the first 2,000 words count.
		{strings.Repeat("the storm hit the coast and the port ", 250) + strings.Repeat("el puerto de la ciudad y la costa ", 600), "en"},
	}
	for _, tc := range tests {
		if got := DetectLanguage(tc.text); got != tc.want {
			t.Errorf("DetectLanguage(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
	if !Analysed("es") || Analysed("fr") {
		t.Error("Analysed should hold for en and es only")
	}
}

// TestSentencesOnSeeds checks invariants on real reports: spans are in
// order, inside the text, on rune boundaries and trimmed.
func TestSentencesOnSeeds(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sharedtest.Path(t, "seeds"), "*.txt"))
	if len(files) == 0 {
		t.Fatal("no seed reports in ../shared/seeds")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		sents := Sentences(s, DetectLanguage(s))
		if len(sents) < 10 {
			t.Errorf("%s: only %d sentences", f, len(sents))
		}
		prev := 0
		for _, sn := range sents {
			if sn.Start < prev || sn.End <= sn.Start || sn.End > len(s) {
				t.Fatalf("%s: bad span %d:%d after %d", f, sn.Start, sn.End, prev)
			}
			part := s[sn.Start:sn.End]
			if !utf8.ValidString(part) || strings.TrimSpace(part) != part {
				t.Errorf("%s: span %d:%d not trimmed or splits a rune: %q", f, sn.Start, sn.End, part)
			}
			prev = sn.End
		}
	}
}

func BenchmarkSentences(b *testing.B) {
	s := strings.Repeat("Mr. Smith arrived at 5 p.m. on Monday. He left at 6. The U.S. said nothing.\n\n", 500)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Sentences(s, "en")
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("Mr. Smith arrived. He left.\n\nNew line")
	f.Add("¿Qué? «Nada». —dijo él.")
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sn := range Sentences(s, "en") {
			if sn.Start < prev || sn.End < sn.Start || sn.End > len(s) {
				t.Fatalf("bad span %d:%d after %d in %q", sn.Start, sn.End, prev, s)
			}
			prev = sn.End
		}
		for _, tok := range Tokenize(s) {
			if tok.End <= tok.Start || tok.End > len(s) {
				t.Fatalf("bad token span %d:%d in %q", tok.Start, tok.End, s)
			}
		}
	})
}

func TestDatelineCredit(t *testing.T) {
	for text, want := range map[string]string{
		"SAN LUCIÁN, 3 de marzo (La Voz) – El Gobierno negó este martes…":  "La Voz",
		"WASHINGTON (Reuters) - The Senate voted on Tuesday…":              "Reuters",
		"CARACAS, 5 ene (EFE).- El Gobierno venezolano anunció…":           "EFE",
		"PORT AVELINE, March 4 (Atlas Monitor) — Inspectors found…":        "Atlas Monitor",
		"The minister (who spoke on Monday) - as ever - declined to talk.": "",
		"Rebels attacked the port on Saturday (local time) – officials…":   "",
		"BOGOTÁ — Petro said on Sunday…":                                   "",
		"Lodravo, 12 mar (EFE).- Tres obreros resultaron heridos…":         "EFE",
		"Port Aveline, 4 de marzo de 2026 (Atlas Monitor) – Inspectors…":   "Atlas Monitor",
		"Ana Ruiz, 54 años (PP), dijo que el puerto reabrirá…":             "",
		"Lodravo (Tarquela), 4 mar (EFE).- El Ejército bombardeó…":         "EFE",
		"Ana Ruiz (PP), 4 mar (EFE) dijo…":                                 "",
	} {
		if got := DatelineCredit(text); got != want {
			t.Errorf("DatelineCredit(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestDatelineEnd(t *testing.T) {
	s := "  Lodravo, 12 mar (EFE).- Tres obreros resultaron heridos."
	credit, end := Dateline(s)
	if credit != "EFE" || s[end:] != "Tres obreros resultaron heridos." {
		t.Errorf("Dateline(%q) = %q, rest %q", s, credit, s[end:])
	}
	if credit, end := Dateline("Tres obreros resultaron heridos."); credit != "" || end != 0 {
		t.Errorf("no dateline: got %q, %d", credit, end)
	}
}

func TestSentenceWords(t *testing.T) {
	s := "Ana Ruiz llegó el sábado. Dijo: «Basta»."
	sents := Sentences(s, "es")
	sents = append(sents, model.Sentence{Start: 30, End: len(s) + 5}) // outside s
	words := SentenceWords(s, sents)
	if len(words) != len(sents) {
		t.Fatalf("%d word lists for %d sentences", len(words), len(sents))
	}
	first := words[0]
	if len(first.Tokens) != 6 || first.Folded[2] != "llego" || first.Folded[4] != "sabado" {
		t.Errorf("first sentence: %+v", first)
	}
	second := words[1]
	if tk := second.Tokens[0]; s[tk.Start:tk.End] != "Dijo" {
		t.Errorf("offsets not into the text: %+v", tk)
	}
	if last := words[len(words)-1]; last.Tokens != nil {
		t.Errorf("a span outside the text has words: %+v", last)
	}
}
