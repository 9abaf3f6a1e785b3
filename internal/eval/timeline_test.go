package eval

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/storyline/storyline/internal/sharedtest"
)

func t17Dir(t testing.TB) string {
	return sharedtest.Path(t, "data", "timelines", "t17")
}

func TestDateF1(t *testing.T) {
	tests := []struct {
		name      string
		pred, ref []string
		p, r, f1  float64
	}{
		{"same dates", []string{"2010-04-20", "2010-04-22"}, []string{"2010-04-22", "2010-04-20"}, 1, 1, 1},
		{"half right", []string{"2010-04-20", "2010-04-21"}, []string{"2010-04-20", "2010-04-22"}, 0.5, 0.5, 0.5},
		{"repeated dates count once", []string{"2010-04-20", "2010-04-20"}, []string{"2010-04-20", "2010-04-22"}, 1, 0.5, 2.0 / 3},
		{"nothing produced", nil, []string{"2010-04-20"}, 0, 0, 0},
		{"all wrong", []string{"2010-05-01"}, []string{"2010-04-20"}, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, r, f1 := DateF1(tc.pred, tc.ref)
			if math.Abs(p-tc.p) > 1e-9 || math.Abs(r-tc.r) > 1e-9 || math.Abs(f1-tc.f1) > 1e-9 {
				t.Errorf("DateF1 = %.3f %.3f %.3f, want %.3f %.3f %.3f", p, r, f1, tc.p, tc.r, tc.f1)
			}
		})
	}
}

func TestAlignedRouge1(t *testing.T) {
	ref := []TimelineEntry{
		{Date: "2010-04-20", Text: "The rig exploded in the Gulf ."},
		{Date: "2010-04-22", Text: "The rig sank ."},
	}
	tests := []struct {
		name     string
		produced []TimelineEntry
		want     float64
	}{
		{"identical timeline", ref, 1},
		{"nothing in common", []TimelineEntry{{Date: "2010-04-20", Text: "markets fell sharply"}}, 0},
		// "rig exploded" a day late: each shared word counts a half.
		// P = (2/2)/2 = 0.5; recall aligns "the rig exploded in the gulf"
		// (6 words, 2 shared, 1 day off) and "the rig sank" (3 words, "rig",
		// 1 day off): (1 + 0.5) / 9.
		{"one day off", []TimelineEntry{{Date: "2010-04-21", Text: "rig exploded"}}, 2 * 0.5 * (1.5 / 9) / (0.5 + 1.5/9)},
		{"empty", nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := AlignedRouge1(tc.produced, ref); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("AlignedRouge1 = %.4f, want %.4f", got, tc.want)
			}
		})
	}
}

func TestLoadTimeline17(t *testing.T) {
	topics, err := LoadTimeline17(t17Dir(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(topics) < 5 {
		t.Fatalf("loaded %d topics, want the 11 of the development split", len(topics))
	}
	for _, tp := range topics {
		if len(tp.Articles) == 0 || len(tp.ReferenceDates()) == 0 {
			t.Errorf("%s: %d articles, %d reference dates", tp.Name, len(tp.Articles), len(tp.ReferenceDates()))
		}
		// The reference scored against itself is perfect.
		s := ScoreTimeline(tp, tp.Reference)
		if s.DateF1 != 1 || math.Abs(s.AlignR1F-1) > 1e-9 {
			t.Errorf("%s: reference against itself scores %+v", tp.Name, s)
		}
	}
	if _, err := LoadTimeline17(t.TempDir()); err == nil {
		t.Error("an empty directory loaded without error")
	}
}

func BenchmarkAlignedRouge1(b *testing.B) {
	topics, err := LoadTimeline17(t17Dir(b))
	if err != nil {
		b.Fatal(err)
	}
	// The largest reference against itself shifted by its own order.
	var ref []TimelineEntry
	for _, tp := range topics {
		if len(tp.Reference) > len(ref) {
			ref = tp.Reference
		}
	}
	produced := append([]TimelineEntry(nil), ref[1:]...)
	for b.Loop() {
		AlignedRouge1(produced, ref)
	}
}

func FuzzParseTimeline(f *testing.F) {
	f.Add(`[{"date": "2010-04-20", "text": "The rig exploded ."}]`)
	f.Add(`[{"date": "2010-4-20", "text": ""}]`)
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "data", "timelines", "t17", "*", "*.timeline.json"))
	for i, name := range files {
		if i >= 3 {
			break
		}
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		entries, err := ParseTimeline([]byte(s))
		if err != nil {
			return
		}
		// A parsed timeline scores perfectly against itself.
		if got := AlignedRouge1(entries, entries); got != 0 && math.Abs(got-1) > 1e-9 {
			t.Errorf("self alignment %.4f", got)
		}
		if _, _, f1 := DateF1(distinctDates(entries), distinctDates(entries)); f1 != 1 {
			t.Errorf("self Date-F1 %.3f", f1)
		}
	})
}
