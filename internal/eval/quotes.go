package eval

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/entity"
	"github.com/storyline/storyline/internal/model"
)

// Span is a stretch of a document in UTF-8 byte offsets, end exclusive.
type Span struct{ Start, End int }

func (s Span) overlaps(a, b int) bool { return s.Start < b && a < s.End }

// Attribution is one PolNeAR attribution relation: who (Source) said what
// (Content) with which words (Cue). Each part may be discontinuous.
type Attribution struct {
	Source, Cue, Content []Span
	// Direct marks a direct quotation: the Content, once stripped of spaces
	// and final punctuation, opens and closes with quotation marks (marks
	// just outside the span count too). Paraphrases with a quoted fragment
	// ("said that she wanted to “keep it under wraps”") are indirect.
	Direct bool
}

// QuoteDoc is one annotated document of a PolNeAR-format folder.
type QuoteDoc struct {
	Name         string
	Text         string
	Attributions []Attribution
}

// LoadPolNeAR reads a PolNeAR-format folder: text/NAME.txt and
// attributions/NAME_ANNOTATOR.ann (BRAT standoff). When several annotators
// marked the same text, the first annotation file by name is used, so that
// each text counts once.
func LoadPolNeAR(dir string) ([]QuoteDoc, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, err
	}
	if len(anns) == 0 {
		return nil, fmt.Errorf("%s: no attributions/*.ann files", dir)
	}
	sort.Strings(anns)
	seen := map[string]bool{}
	var docs []QuoteDoc
	for _, ann := range anns {
		base := strings.TrimSuffix(filepath.Base(ann), ".ann")
		name := base
		if k := strings.LastIndexByte(base, '_'); k > 0 {
			name = base[:k]
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		raw, err := os.ReadFile(filepath.Join(dir, "text", name+".txt"))
		if err != nil {
			return nil, err
		}
		f, err := os.Open(ann)
		if err != nil {
			return nil, err
		}
		atts, err := ParseBrat(f, string(raw))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ann, err)
		}
		docs = append(docs, QuoteDoc{Name: name, Text: string(raw), Attributions: atts})
	}
	return docs, nil
}

// ParseBrat reads PolNeAR's BRAT standoff annotation of txt: text-bound
// annotations "T1\tSource 89 106\tThe New York Post" (offsets in characters,
// fragments separated by ';') and relations "E1\tAttribution:T4 Content:T3
// Cue:T2 Source:T1". A span text that holds line breaks continues on the
// following lines, which are skipped. Offsets outside txt are an error.
func ParseBrat(r io.Reader, txt string) ([]Attribution, error) {
	byteAt := runeOffsets(txt)
	spans := map[string][]Span{}
	var relations [][]string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 2 || len(f[0]) < 2 {
			continue // continuation of a multi-line span text
		}
		if _, err := strconv.Atoi(f[0][1:]); err != nil {
			continue
		}
		switch f[0][0] {
		case 'T':
			typ, offs, ok := strings.Cut(f[1], " ")
			if !ok || typ == "" {
				return nil, fmt.Errorf("bad text-bound annotation %q", sc.Text())
			}
			var frags []Span
			for _, frag := range strings.Split(offs, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(frag), " ")
				if !ok {
					return nil, fmt.Errorf("bad span %q", frag)
				}
				i, err1 := strconv.Atoi(a)
				j, err2 := strconv.Atoi(b)
				if err1 != nil || err2 != nil || i < 0 || j < i || j >= len(byteAt) {
					return nil, fmt.Errorf("bad span %q for a text of %d characters", frag, len(byteAt)-1)
				}
				frags = append(frags, Span{byteAt[i], byteAt[j]})
			}
			spans[f[0]] = frags
		case 'E':
			relations = append(relations, strings.Fields(f[1]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []Attribution
	for _, rel := range relations {
		var a Attribution
		for _, arg := range rel {
			role, id, ok := strings.Cut(arg, ":")
			if !ok {
				return nil, fmt.Errorf("bad relation argument %q", arg)
			}
			s, ok := spans[id]
			if !ok {
				return nil, fmt.Errorf("relation names unknown annotation %q", id)
			}
			switch strings.TrimRight(role, "0123456789") {
			case "Source":
				a.Source = append(a.Source, s...)
			case "Cue":
				a.Cue = append(a.Cue, s...)
			case "Content":
				a.Content = append(a.Content, s...)
			}
		}
		if len(a.Content) == 0 {
			continue
		}
		sort.Slice(a.Content, func(i, j int) bool { return a.Content[i].Start < a.Content[j].Start })
		a.Direct = inQuotes(txt, a.Content[0].Start, a.Content[len(a.Content)-1].End)
		out = append(out, a)
	}
	return out, nil
}

// runeOffsets maps each character index of s (and len) to its byte offset.
func runeOffsets(s string) []int {
	out := make([]int, 0, len(s)+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}

const (
	openMarks  = "\"“«‘'"
	closeMarks = "\"”»’'"
)

// inQuotes reports whether txt[a:b] is a quotation: it opens with a mark
// (or one sits just before it) and closes with one (or one follows it).
func inQuotes(txt string, a, b int) bool {
	s := strings.TrimRightFunc(strings.TrimSpace(txt[a:b]), func(r rune) bool { return strings.ContainsRune(".,;:", r) || unicode.IsSpace(r) })
	if s == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	before, _ := utf8.DecodeLastRuneInString(strings.TrimRight(txt[:a], " "))
	after, _ := utf8.DecodeRuneInString(strings.TrimLeft(txt[b:], " .,"))
	opens := strings.ContainsRune(openMarks, first) || strings.ContainsRune(openMarks, before)
	closes := strings.ContainsRune(closeMarks, last) || strings.ContainsRune(closeMarks, after)
	return opens && closes
}

// QuoteScores measure quotation finding and attribution on PolNeAR.
type QuoteScores struct {
	Docs int
	// Direct counts the gold direct quotations, Found those overlapped by a
	// predicted quotation and RightSpeaker those of Found whose overlapping
	// quotation names the gold speaker.
	Direct, Found, RightSpeaker int
	// Predicted counts the quotations the extractor returned and Attributed
	// those that overlap the Content of some gold attribution, direct or not.
	Predicted, Attributed int

	FoundShare   float64 // Found / Direct
	SpeakerShare float64 // RightSpeaker / Found
	Precision    float64 // Attributed / Predicted

	// Errors lists the gold direct quotations missed or given the wrong
	// speaker, for error analysis.
	Errors []QuoteError `json:"-"`
}

// QuoteError is one gold direct quotation the extractor got wrong.
type QuoteError struct {
	Doc, Quote, Source string
	// Predicted is the speaker the extractor named; empty when the
	// quotation was not found at all (Found false).
	Predicted, PredictedText string
	Found                    bool
}

func (e QuoteError) String() string {
	if !e.Found {
		return fmt.Sprintf("%s: MISSED %q (source %q)", e.Doc, e.Quote, e.Source)
	}
	return fmt.Sprintf("%s: SPEAKER %q as %q, want %q: %q", e.Doc, e.Predicted, e.PredictedText, e.Source, e.Quote)
}

func (s QuoteScores) String() string {
	return fmt.Sprintf("docs %d | direct quotes %d found %d (%.3f) right speaker %d (%.3f of found, %.3f of all) | predicted %d attributed %d (precision %.3f)",
		s.Docs, s.Direct, s.Found, s.FoundShare, s.RightSpeaker, s.SpeakerShare, ratio(s.RightSpeaker, s.Direct), s.Predicted, s.Attributed, s.Precision)
}

// ScoreQuotes runs extract on each document and scores it against the gold
// direct quotations. A gold quotation is found when a predicted one overlaps
// its Content; the speaker is right when the predicted speaker mention
// overlaps the gold Source, or the predicted name and the Source text denote
// the same entity (entity.SameEntity).
func ScoreQuotes(docs []QuoteDoc, extract func(txt string) []model.Quote) QuoteScores {
	var s QuoteScores
	for _, d := range docs {
		s.add(d, extract(d.Text))
	}
	s.FoundShare = ratio(s.Found, s.Direct)
	s.SpeakerShare = ratio(s.RightSpeaker, s.Found)
	s.Precision = ratio(s.Attributed, s.Predicted)
	return s
}

func (s *QuoteScores) add(d QuoteDoc, preds []model.Quote) {
	s.Docs++
	s.Predicted += len(preds)
	for _, q := range preds {
		if d.attributed(q.Start, q.End) {
			s.Attributed++
		}
	}
	for _, a := range d.Attributions {
		if !a.Direct {
			continue
		}
		s.Direct++
		found, right := false, false
		var wrong model.Quote
		for _, q := range preds {
			if !anyOverlap(a.Content, q.Start, q.End) {
				continue
			}
			if !found {
				wrong = q
			}
			found = true
			if rightSpeaker(d.Text, a, q) {
				right = true
				break
			}
		}
		if found {
			s.Found++
		}
		if right {
			s.RightSpeaker++
			continue
		}
		e := QuoteError{Doc: d.Name, Quote: spanText(d.Text, a.Content), Source: spanText(d.Text, a.Source), Found: found}
		if found {
			e.Predicted = wrong.Speaker
			if wrong.SpeakerStart >= 0 {
				e.PredictedText = d.Text[wrong.SpeakerStart:wrong.SpeakerEnd]
			}
		}
		s.Errors = append(s.Errors, e)
	}
}

// attributed reports whether [start,end) overlaps the Content of some
// attribution of d, direct or not.
func (d QuoteDoc) attributed(start, end int) bool {
	for _, a := range d.Attributions {
		if anyOverlap(a.Content, start, end) {
			return true
		}
	}
	return false
}

func spanText(txt string, spans []Span) string {
	parts := make([]string, len(spans))
	for i, sp := range spans {
		parts[i] = txt[sp.Start:sp.End]
	}
	return strings.Join(parts, " … ")
}

func anyOverlap(spans []Span, a, b int) bool {
	for _, s := range spans {
		if s.overlaps(a, b) {
			return true
		}
	}
	return false
}

func rightSpeaker(txt string, a Attribution, q model.Quote) bool {
	if q.SpeakerStart >= 0 && anyOverlap(a.Source, q.SpeakerStart, q.SpeakerEnd) {
		return true
	}
	if q.Speaker == "" {
		return false
	}
	for _, src := range a.Source {
		if entity.SameEntity(q.Speaker, txt[src.Start:src.End], "") {
			return true
		}
	}
	return false
}
