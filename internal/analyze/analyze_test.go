package analyze

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/model"
)

func TestAnalyze(t *testing.T) {
	monday := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	an := Analyze(`President Maria Lopez said on Sunday: "The port of Valmera was attacked."`, "en", monday, model.PrecisionDay)
	if len(an.Sentences) != 1 || len(an.Entities) == 0 || len(an.Quotes) != 1 {
		t.Fatalf("got %d sentences, %d entities, %d quotes: %+v", len(an.Sentences), len(an.Entities), len(an.Quotes), an)
	}
	if len(an.Timexes) == 0 || an.Timexes[0].Value != "2026-01-04" {
		t.Errorf("timexes %+v, want Sunday = 2026-01-04", an.Timexes)
	}
	if an.Quotes[0].Speaker != "Maria Lopez" {
		t.Errorf("speaker %q, want Maria Lopez", an.Quotes[0].Speaker)
	}

	// Unknown publication date: relative dates stay underspecified.
	an = Analyze("El sábado hubo protestas en Bogotá.", "es", time.Time{}, model.PrecisionNone)
	for _, tx := range an.Timexes {
		if len(tx.Value) >= 4 && tx.Value[:4] != "XXXX" {
			t.Errorf("with no publication date %q got value %q", tx.Text, tx.Value)
		}
	}

	// Other languages get sentences only, and lists are never nil.
	an = Analyze("Le président a parlé dimanche. Il a quitté Paris.", "fr", monday, model.PrecisionDay)
	if len(an.Sentences) != 2 || an.Entities == nil || an.Timexes == nil || an.Quotes == nil || an.Events == nil || an.Claims == nil {
		t.Errorf("French: %+v", an)
	}
}

// TestTimesAreNoNames checks that a word of a time expression names no
// one, while the same word as a name stays one: "May" the surname, the
// month, and a holiday.
func TestTimesAreNoNames(t *testing.T) {
	monday := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	an := Analyze("Interior Minister Lena May said on Monday that the vote would be held on 28 May 2026. "+
		"May said Ana Ruiz would take office in May. Last week, the Christmas truce collapsed.", "en", monday, model.PrecisionDay)
	var names []string
	for _, m := range an.Entities {
		names = append(names, m.Text+"/"+m.Type)
	}
	want := []string{"Lena May/PER", "May/PER", "Ana Ruiz/PER"}
	if len(names) != len(want) {
		t.Fatalf("names %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("name %d = %s, want %s", i, names[i], want[i])
		}
	}
	var times []string
	for _, tx := range an.Timexes {
		times = append(times, tx.Text)
	}
	if len(times) != 5 || times[2] != "May" || times[1] != "28 May 2026" {
		t.Errorf("times %q, want Monday, 28 May 2026, May, Last week, Christmas", times)
	}
}

// BenchmarkAnalyze runs every analysis step over the demo corpus's plain
// text reports of each language, a report at a time as ingest does.
func BenchmarkAnalyze(b *testing.B) {
	for _, tt := range []struct{ lang, glob string }{
		{"en", "aveline_herald_*.txt"},
		{"es", "la_*.txt"},
	} {
		b.Run(tt.lang, func(b *testing.B) {
			files, err := filepath.Glob(filepath.Join("..", "..", "demo", "corpus", tt.glob))
			if err != nil || len(files) == 0 {
				b.Fatalf("no demo reports %s: %v", tt.glob, err)
			}
			var texts []string
			size := 0
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					b.Fatal(err)
				}
				texts = append(texts, string(data))
				size += len(data)
			}
			published := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)
			Analyze(texts[0], tt.lang, published, model.PrecisionDay) // loads the models
			b.SetBytes(int64(size))
			b.ResetTimer()
			for b.Loop() {
				for _, s := range texts {
					Analyze(s, tt.lang, published, model.PrecisionDay)
				}
			}
		})
	}
}
