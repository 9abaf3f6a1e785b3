package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/sharedtest"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
	"github.com/storyline/storyline/internal/timex"
)

const sampleTimeML = `<?xml version="1.0" ?>
<TimeML>
<DOCID>X</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Stocks <EVENT eid="e1">fell</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> after a <TIMEX3 tid="t2" type="DURATION" value="P5Y">five year</TIMEX3> high &amp; more.
</TEXT>
</TimeML>`

func TestParseTimeML(t *testing.T) {
	doc, err := ParseTimeML(strings.NewReader(sampleTimeML))
	if err != nil {
		t.Fatal(err)
	}
	if doc.DCT.Format("2006-01-02") != "1998-01-08" {
		t.Errorf("DCT = %v", doc.DCT)
	}
	if len(doc.Timex) != 2 {
		t.Fatalf("got %d timexes, want 2", len(doc.Timex))
	}
	for _, tx := range doc.Timex {
		if doc.Text[tx.Start:tx.End] != tx.Text {
			t.Errorf("offsets of %q give %q", tx.Text, doc.Text[tx.Start:tx.End])
		}
	}
	if doc.Timex[0].Text != "yesterday" || doc.Timex[1].Value != "P5Y" || !strings.Contains(doc.Text, "high & more") {
		t.Errorf("parsed %+v from %q", doc.Timex, doc.Text)
	}
	if _, err := ParseTimeML(strings.NewReader("<TimeML><TEXT>a</TimeML>")); err == nil {
		t.Error("malformed XML gave no error")
	}
	if _, err := ParseTimeML(strings.NewReader("<TimeML></TimeML>")); err == nil {
		t.Error("document without TEXT gave no error")
	}
}

func TestTimexCounts(t *testing.T) {
	gold := []model.Timex{
		{Start: 0, End: 9, Type: "DATE", Value: "1998-01-07"},
		{Start: 20, End: 29, Type: "DURATION", Value: "P5Y"},
		{Start: 40, End: 45, Type: "DATE", Value: "1998"},
	}
	pred := []model.Timex{
		{Start: 0, End: 9, Type: "DATE", Value: "1998-01-07"},    // strict, value right
		{Start: 16, End: 29, Type: "DATE", Value: "P5Y"},         // relaxed, value right, type wrong
		{Start: 50, End: 55, Type: "DATE", Value: "PRESENT_REF"}, // spurious
	}
	var c timexCounts
	c.add(gold, pred)
	s := c.scores(1)
	near := func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
	if !near(s.StrictP, 1.0/3) || !near(s.RelaxedR, 2.0/3) || !near(s.ValueF1, 2.0/3) || !near(s.TypeAccuracy, 0.5) {
		t.Errorf("scores = %v", s)
	}
}

func timeMLDir(t testing.TB) string {
	return sharedtest.Path(t, "data", "timeml")
}

func extractEnglish(s string, dct time.Time) []model.Timex {
	return timex.Extract(s, text.Sentences(s, "en"), "en", dct)
}

// TestScoreTimexDev scores the extractor on the TimeML development data;
// the floors sit a little under the measured numbers to catch regressions.
func TestScoreTimexDev(t *testing.T) {
	s, err := ScoreTimex(timeMLDir(t), extractEnglish)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(s)
	if s.RelaxedF1 < 0.89 || s.StrictF1 < 0.80 || s.ValueF1 < 0.74 || s.TypeAccuracy < 0.92 {
		t.Errorf("scores under the floor: %v", s)
	}
}

func BenchmarkParseTimeML(b *testing.B) {
	b.SetBytes(int64(len(sampleTimeML)))
	for i := 0; i < b.N; i++ {
		if _, err := ParseTimeML(strings.NewReader(sampleTimeML)); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzParseTimeML(f *testing.F) {
	f.Add(sampleTimeML)
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "data", "timeml", "TBAQ-cleaned", "*", "*.tml"))
	for i, name := range files {
		if i >= 5 {
			break
		}
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := ParseTimeML(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, tx := range doc.Timex {
			if tx.Start < 0 || tx.End > len(doc.Text) || tx.Start > tx.End || doc.Text[tx.Start:tx.End] != tx.Text {
				t.Fatalf("bad gold span %+v", tx)
			}
		}
	})
}
