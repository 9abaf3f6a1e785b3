package web

import (
	"io/fs"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storyline/storyline/demo"
)

func TestSegments(t *testing.T) {
	text := "El ministro dijo: «fue un sabotaje». Luego calló."
	quote := strings.Index(text, "«")
	tests := []struct {
		name  string
		spans []span
		want  []string // the text of each segment; marked ones in [brackets]
	}{
		{"none", nil, []string{text}},
		{"one", []span{{Start: 3, End: 11}}, []string{"El ", "[ministro]", text[11:]}},
		{"multibyte start inside a rune", []span{{Start: quote + 1, End: quote + 2}}, []string{text[:quote], "[«]", text[quote+2:]}},
		{"overlap keeps the later part", []span{{Start: 0, End: 11}, {Start: 3, End: 16}}, []string{"[El ministro]", "[ dijo]", text[16:]}},
		{"focus wins a tie", []span{{Start: 0, End: 2, Kind: "event"}, {Start: 0, End: 2, Kind: "focus", Focus: true}}, []string{"[El]", text[2:]}},
		{"out of range dropped", []span{{Start: -5, End: 2}, {Start: 10, End: 1000}, {Start: 5, End: 5}}, []string{text}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range segments(text, tc.spans) {
				if s.Mark != nil {
					got = append(got, "["+s.Text+"]")
				} else {
					got = append(got, s.Text)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
	if segs := segments(text, []span{{Start: 0, End: 2, Kind: "event"}, {Start: 0, End: 2, Focus: true}}); !segs[0].Mark.Focus {
		t.Error("the focused span did not win the tie")
	}
}

func TestParseHighlight(t *testing.T) {
	tests := []struct {
		in         string
		start, end int
		ok         bool
	}{
		{"10-20", 10, 20, true},
		{"0-1", 0, 1, true},
		{"20-10", 0, 0, false},
		{"-1-5", 0, 0, false},
		{"abc", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tc := range tests {
		start, end, ok := parseHighlight(tc.in)
		if ok != tc.ok || ok && (start != tc.start || end != tc.end) {
			t.Errorf("parseHighlight(%q) = %d, %d, %v", tc.in, start, end, ok)
		}
	}
}

// FuzzSegments feeds real reports with arbitrary offsets: the pieces must
// put the text back together, in order, on rune boundaries, and never panic.
func FuzzSegments(f *testing.F) {
	files, err := demo.ReportFiles()
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := fs.ReadFile(demo.Corpus, name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data), 10, 60, 40, 90, "10-60")
	}
	f.Add("ñandú", 1, 2, -3, 99, "1-2")
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 int, hl string) {
		spans := []span{{Start: s1, End: e1}, {Start: s2, End: e2}}
		if s, e, ok := parseHighlight(hl); ok {
			spans = append(spans, span{Start: s, End: e, Focus: true})
		}
		var b strings.Builder
		for _, seg := range segments(text, spans) {
			if seg.Text == "" {
				t.Fatal("empty segment")
			}
			if utf8.ValidString(text) && !utf8.ValidString(seg.Text) {
				t.Fatalf("segment %q splits a rune", seg.Text)
			}
			b.WriteString(seg.Text)
		}
		if b.String() != text {
			t.Fatalf("segments do not rebuild the text")
		}
	})
}
