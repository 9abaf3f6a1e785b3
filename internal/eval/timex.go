// Package eval scores the analysis against public benchmark data.
package eval

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/model"
)

// Scores are TempEval-3 style TIMEX3 scores over a set of documents.
type Scores struct {
	Docs      int
	Gold      int // expressions in the gold standard
	Predicted int // expressions the extractor found

	StrictP, StrictR, StrictF1    float64 // exact span
	RelaxedP, RelaxedR, RelaxedF1 float64 // overlapping span
	// ValueF1 counts a relaxed match as correct only with the gold value,
	// as the TempEval-3 scorer does for attributes.
	ValueP, ValueR, ValueF1 float64
	// TypeAccuracy is the share of relaxed matches with the gold type.
	TypeAccuracy float64
}

func (s Scores) String() string {
	return fmt.Sprintf("docs %d gold %d predicted %d | strict P %.3f R %.3f F1 %.3f | relaxed P %.3f R %.3f F1 %.3f | value F1 %.3f | type acc %.3f",
		s.Docs, s.Gold, s.Predicted, s.StrictP, s.StrictR, s.StrictF1, s.RelaxedP, s.RelaxedR, s.RelaxedF1, s.ValueF1, s.TypeAccuracy)
}

// TimeMLDoc is one TimeML document: the plain text of its TEXT element, the
// gold expressions in it (byte offsets into Text) and its creation time.
type TimeMLDoc struct {
	Text  string
	DCT   time.Time
	Timex []model.Timex
}

// ParseTimeML reads a TimeML document. It fails on malformed XML, on a
// document without TEXT and on a DCT whose value is not a date.
func ParseTimeML(r io.Reader) (TimeMLDoc, error) {
	var doc TimeMLDoc
	dec := xml.NewDecoder(r)
	var sb strings.Builder
	var open []model.Timex // TIMEX3 elements not yet closed, innermost last
	inText, inDCT, sawText := false, false, false
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return doc, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "TEXT":
				inText, sawText = true, true
			case "DCT":
				inDCT = true
			case "TIMEX3":
				tx := model.Timex{Start: sb.Len(), Type: attr(t, "type"), Value: attr(t, "value")}
				if inDCT && doc.DCT.IsZero() {
					dct, err := parseDCT(tx.Value)
					if err != nil {
						return doc, err
					}
					doc.DCT = dct
				}
				open = append(open, tx)
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "TEXT":
				inText = false
			case "DCT":
				inDCT = false
			case "TIMEX3":
				if len(open) == 0 {
					return doc, errors.New("timeml: unbalanced TIMEX3")
				}
				tx := open[len(open)-1]
				open = open[:len(open)-1]
				if inText {
					tx.End = sb.Len()
					tx.Text = sb.String()[tx.Start:tx.End]
					doc.Timex = append(doc.Timex, tx)
				}
			}
		case xml.CharData:
			if inText {
				sb.Write(t)
			}
		}
	}
	if !sawText {
		return doc, errors.New("timeml: no TEXT element")
	}
	if depth != 0 || len(open) != 0 {
		return doc, errors.New("timeml: unclosed element")
	}
	doc.Text = sb.String()
	return doc, nil
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func parseDCT(v string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if len(v) >= len(layout) {
			if t, err := time.Parse(layout, v[:len(layout)]); err == nil {
				return t, nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("timeml: DCT value %q is not a date", v)
}

// ScoreTimex runs extract over every TimeML (.tml) file under dir, the DCT
// as reference date, and scores it against the gold TIMEX3s of the TEXT.
func ScoreTimex(dir string, extract func(text string, dct time.Time) []model.Timex) (Scores, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".tml") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return Scores{}, err
	}
	if len(files) == 0 {
		return Scores{}, fmt.Errorf("eval: no .tml files under %s", dir)
	}
	sort.Strings(files)
	var c timexCounts
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return Scores{}, err
		}
		doc, err := ParseTimeML(f)
		f.Close()
		if err != nil {
			return Scores{}, fmt.Errorf("%s: %w", name, err)
		}
		c.add(doc.Timex, extract(doc.Text, doc.DCT))
	}
	return c.scores(len(files)), nil
}

type timexCounts struct {
	gold, predicted, strict, relaxed, value, typ int
}

// add matches predictions to gold one to one, each gold expression to the
// first unused prediction overlapping it.
func (c *timexCounts) add(gold, pred []model.Timex) {
	c.gold += len(gold)
	c.predicted += len(pred)
	used := make([]bool, len(pred))
	for _, g := range gold {
		for i, p := range pred {
			if used[i] || p.End <= g.Start || p.Start >= g.End {
				continue
			}
			used[i] = true
			c.relaxed++
			if p.Start == g.Start && p.End == g.End {
				c.strict++
			}
			if p.Value == g.Value {
				c.value++
			}
			if p.Type == g.Type {
				c.typ++
			}
			break
		}
	}
}

func (c *timexCounts) scores(docs int) Scores {
	s := Scores{Docs: docs, Gold: c.gold, Predicted: c.predicted}
	s.StrictP, s.StrictR, s.StrictF1 = prf(c.strict, c.predicted, c.gold)
	s.RelaxedP, s.RelaxedR, s.RelaxedF1 = prf(c.relaxed, c.predicted, c.gold)
	s.ValueP, s.ValueR, s.ValueF1 = prf(c.value, c.predicted, c.gold)
	if c.relaxed > 0 {
		s.TypeAccuracy = float64(c.typ) / float64(c.relaxed)
	}
	return s
}

func prf(correct, predicted, gold int) (p, r, f float64) {
	if predicted > 0 {
		p = float64(correct) / float64(predicted)
	}
	if gold > 0 {
		r = float64(correct) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}
