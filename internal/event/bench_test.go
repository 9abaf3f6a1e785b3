package event

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/entity"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
	"github.com/storyline/storyline/internal/timex"
)

var seedFiles = []string{"000_7b0cbaef3ab0568e.txt", "001_a6813ebf46bda63b.txt", "002_d64706cff6155e23.txt"}

func BenchmarkExtract(b *testing.B) {
	var sb strings.Builder
	for _, f := range seedFiles {
		sb.Write(readShared(b, "seeds", f))
		sb.WriteString("\n")
	}
	s := sb.String()
	sents := text.Sentences(s, "en")
	mentions := entity.Recognize(s, sents, "en")
	// One date per sentence, so that every event goes through date choice.
	var timexes []model.Timex
	for _, st := range sents {
		timexes = append(timexes, model.Timex{Start: st.Start, End: st.Start + 1, Type: model.DATE, Value: "2026-01-03"})
	}
	b.SetBytes(int64(len(s)))
	b.ResetTimer()
	for range b.N {
		Extract(s, sents, nil, mentions, timexes, "en", pub, model.PrecisionMinute)
	}
}

func FuzzExtract(f *testing.F) {
	for _, name := range seedFiles[:2] {
		if b, err := os.ReadFile(filepath.Join(sharedDir, "seeds", name)); err == nil {
			f.Add(string(b), "2026-01-03")
		}
	}
	f.Add("El 3 de enero, EE. UU. capturó a Maduro en Caracas.", "2026-01")
	f.Add("Maduro was captured by US forces on Saturday.", "XXXX-WXX-6")
	f.Add("The strike killed at least 95 people and wounded more than 1,200; dos mil heridos.", "2026-01-03")
	f.Add("El martes, dos días después de que los rebeldes atacaran el puerto, llegaron las tropas.", "2026-01-06")
	f.Fuzz(func(t *testing.T, s, value string) {
		for _, lang := range []string{"en", "es"} {
			sents := text.Sentences(s, lang)
			mentions := entity.Recognize(s, sents, lang)
			var timexes []model.Timex
			for _, st := range sents {
				timexes = append(timexes, model.Timex{Start: st.Start, End: st.End, Type: model.DATE, Value: value})
			}
			// The text's own expressions too, durations among them, which
			// date events anchored by a count of days.
			timexes = append(timexes, timex.Extract(s, sents, lang, pub)...)
			for _, ev := range Extract(s, sents, nil, mentions, timexes, lang, pub, model.PrecisionDay) {
				if ev.Start < 0 || ev.End > len(s) || ev.Start >= ev.End {
					t.Fatalf("event span %d:%d outside text of %d bytes", ev.Start, ev.End, len(s))
				}
				if ev.Trigger == "" || !strings.Contains(s[ev.Start:ev.End], ev.Trigger) {
					t.Fatalf("trigger %q not inside its event %q", ev.Trigger, s[ev.Start:ev.End])
				}
				if _, _, ok := parseDateValue(ev.Date); ev.Date != "" && !ok {
					t.Fatalf("event date %q is not a date", ev.Date)
				}
				for _, f := range ev.Figures {
					if f.Start < 0 || f.End > len(s) || f.Start >= f.End || s[f.Start:f.End] != f.Text || f.Value < 1 {
						t.Fatalf("figure %+v is not a count in the text", f)
					}
				}
			}
		}
	})
}
