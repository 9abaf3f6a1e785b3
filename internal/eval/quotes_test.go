package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/sharedtest"

	"github.com/storyline/storyline/internal/model"
)

// A small PolNeAR-format document: a direct quotation named after it, one
// with a pronoun source, a paraphrase and a doubled-apostrophe quotation
// split in two fragments. Offsets count characters, not bytes.
const (
	fixtureText = "Sen. Ana Ruiz spoke in Dayton. “We will win Ohio,” Ruiz said.\n\n" +
		"She added that the race was close.\n\n" +
		"''It is tight,'' said Bo Lee, a pollster. ''Very tight.''\n"
	fixtureAnn = "T1\tSource 51 55\tRuiz\n" +
		"T2\tCue 56 60\tsaid\n" +
		"T3\tContent 31 50\t“We will win Ohio,”\n" +
		"T4\tAttribution 56 60\tsaid\n" +
		"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n" +
		"T5\tSource 63 66\tShe\n" +
		"T6\tCue 67 72\tadded\n" +
		"T7\tContent 73 96\tthat the race was close\n" +
		"E2\tCue:T6 Source:T5 Content:T7\n" +
		"#1\tAnnotatorNotes T7\tparaphrase\n" +
		"T8\tContent 99 115;141 156\t''It is tight,'' ''Very tight.''\n" +
		"T9\tSource 121 127\tBo Lee\n" +
		"T10\tCue 116 120\tsaid\n" +
		"E3\tContent:T8 Source:T9 Cue:T10\n"
)

func writeFixture(t *testing.T) string {
	dir := t.TempDir()
	for _, sub := range []string{"text", "attributions"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		"text/doc.txt":              fixtureText,
		"attributions/doc_a1.ann":   fixtureAnn,
		"attributions/doc_b2.ann":   "T1\tSource 0 3\tSen\n", // a second annotator: ignored
		"attributions/other_a1.ann": "",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadPolNeAR(t *testing.T) {
	dir := writeFixture(t)
	if _, err := LoadPolNeAR(dir); err == nil {
		t.Fatal("want an error for an annotation without its text")
	}
	os.Remove(filepath.Join(dir, "attributions", "other_a1.ann"))
	docs, err := LoadPolNeAR(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || len(docs[0].Attributions) != 3 {
		t.Fatalf("got %d docs %+v, want one with 3 attributions", len(docs), docs)
	}
	d := docs[0]
	wantText := []struct {
		source, content string
		direct          bool
	}{
		{"Ruiz", "“We will win Ohio,”", true},
		{"She", "that the race was close", false},
		{"Bo Lee", "''It is tight,'' … ''Very tight.''", true},
	}
	for i, w := range wantText {
		a := d.Attributions[i]
		if got := spanText(d.Text, a.Source); got != w.source {
			t.Errorf("attribution %d source %q, want %q", i, got, w.source)
		}
		if got := spanText(d.Text, a.Content); got != w.content {
			t.Errorf("attribution %d content %q, want %q", i, got, w.content)
		}
		if a.Direct != w.direct {
			t.Errorf("attribution %d direct %v, want %v", i, a.Direct, w.direct)
		}
	}
}

func TestParseBratErrors(t *testing.T) {
	for _, ann := range []string{
		"T1\tSource 5 900\tx\n",
		"T1\tSource 5\tx\n",
		"T1\tSource a b\tx\n",
		"E1\tSource:T9\n",
		"T1\tSource 1 2\tx\nE1\tSource\n",
	} {
		if _, err := ParseBrat(strings.NewReader(ann), "short text"); err == nil {
			t.Errorf("%q: want an error", ann)
		}
	}
}

func TestScoreQuotes(t *testing.T) {
	docs, err := LoadPolNeAR(func() string {
		dir := writeFixture(t)
		os.Remove(filepath.Join(dir, "attributions", "other_a1.ann"))
		return dir
	}())
	if err != nil {
		t.Fatal(err)
	}
	txt := docs[0].Text
	at := func(s string) (int, int) {
		i := strings.Index(txt, s)
		return i, i + len(s)
	}
	quoteOf := func(q, speakerText, speaker string) model.Quote {
		a, b := at(q)
		sa, sb := -1, -1
		if speakerText != "" {
			sa, sb = at(speakerText)
		}
		return model.Quote{Start: a, End: b, Text: q, Speaker: speaker, SpeakerStart: sa, SpeakerEnd: sb}
	}
	tests := []struct {
		name                 string
		preds                []model.Quote
		found, right, attrib int
	}{
		{"nothing", nil, 0, 0, 0},
		{"both right", []model.Quote{
			quoteOf("We will win Ohio", "Ruiz", "Ana Ruiz"),
			quoteOf("It is tight", "Bo Lee", "Bo Lee"),
		}, 2, 2, 2},
		{"name matches without span", []model.Quote{quoteOf("We will win Ohio", "Sen. Ana Ruiz", "Ana Ruiz")}, 1, 1, 1},
		{"wrong speaker, second fragment", []model.Quote{quoteOf("Very tight.", "Ruiz", "Ana Ruiz")}, 1, 0, 1},
		{"unattributed prediction", []model.Quote{quoteOf("spoke in Dayton", "", "")}, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := ScoreQuotes(docs, func(string) []model.Quote { return tc.preds })
			if s.Direct != 2 || s.Found != tc.found || s.RightSpeaker != tc.right || s.Attributed != tc.attrib || s.Predicted != len(tc.preds) {
				t.Errorf("got %s, want found %d right %d attributed %d", s, tc.found, tc.right, tc.attrib)
			}
			if len(s.Errors) != 2-tc.right {
				t.Errorf("got %d errors %v, want %d", len(s.Errors), s.Errors, 2-tc.right)
			}
		})
	}
}

func polnearDir(t testing.TB) string {
	t.Helper()
	return sharedtest.Path(t, "data", "quotes", "polnear", "data", "dev")
}

// TestLoadPolNeARDev reads the real dev split: every annotation parses and
// a good share of its attributions are direct quotations.
func TestLoadPolNeARDev(t *testing.T) {
	docs, err := LoadPolNeAR(polnearDir(t))
	if err != nil {
		t.Fatal(err)
	}
	direct, all := 0, 0
	for _, d := range docs {
		for _, a := range d.Attributions {
			all++
			if a.Direct {
				direct++
			}
		}
	}
	t.Logf("%d docs, %d attributions, %d direct", len(docs), all, direct)
	if len(docs) < 50 || direct*10 < all || direct*2 > all {
		t.Errorf("%d docs with %d direct of %d attributions: implausible", len(docs), direct, all)
	}
}

func BenchmarkParseBrat(b *testing.B) {
	dir := polnearDir(b)
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil || len(anns) == 0 {
		b.Fatal("no annotations", err)
	}
	ann, err := os.ReadFile(anns[0])
	if err != nil {
		b.Fatal(err)
	}
	name := filepath.Base(anns[0])
	txt, err := os.ReadFile(filepath.Join(dir, "text", name[:strings.LastIndexByte(name, '_')]+".txt"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(ann)))
	for b.Loop() {
		if _, err := ParseBrat(strings.NewReader(string(ann)), string(txt)); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzParseBrat(f *testing.F) {
	f.Add(fixtureAnn, fixtureText)
	dir := filepath.Join("..", "..", "..", "shared", "data", "quotes", "polnear", "data", "dev")
	if anns, _ := filepath.Glob(filepath.Join(dir, "attributions", "*.ann")); len(anns) > 0 {
		name := filepath.Base(anns[0])
		ann, err1 := os.ReadFile(anns[0])
		txt, err2 := os.ReadFile(filepath.Join(dir, "text", name[:strings.LastIndexByte(name, '_')]+".txt"))
		if err1 == nil && err2 == nil {
			f.Add(string(ann), string(txt))
		}
	}
	f.Fuzz(func(t *testing.T, ann, txt string) {
		atts, err := ParseBrat(strings.NewReader(ann), txt)
		if err != nil {
			return
		}
		for _, a := range atts {
			for _, s := range append(append(a.Source, a.Cue...), a.Content...) {
				if s.Start < 0 || s.End > len(txt) || s.Start > s.End {
					t.Fatalf("span %+v outside a text of %d bytes", s, len(txt))
				}
			}
		}
	})
}
