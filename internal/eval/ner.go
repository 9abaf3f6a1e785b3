package eval

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/storyline/storyline/internal/entity"
)

// PRF is precision, recall and F1 with the counts behind them.
type PRF struct {
	Gold, Predicted, Correct int
	P, R, F1                 float64
}

func (s *PRF) finish() {
	s.P = ratio(s.Correct, s.Predicted)
	s.R = ratio(s.Correct, s.Gold)
	if s.P+s.R > 0 {
		s.F1 = 2 * s.P * s.R / (s.P + s.R)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// NERScores are conlleval phrase-level scores: a predicted chunk counts only
// with the exact span and type of a gold chunk.
type NERScores struct {
	Docs, Sentences, Tokens int
	Overall                 PRF
	ByType                  map[string]*PRF
}

func (s NERScores) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "docs %d sentences %d tokens %d | phrases gold %d predicted %d correct %d | P %.4f R %.4f F1 %.4f",
		s.Docs, s.Sentences, s.Tokens, s.Overall.Gold, s.Overall.Predicted, s.Overall.Correct, s.Overall.P, s.Overall.R, s.Overall.F1)
	types := make([]string, 0, len(s.ByType))
	for t := range s.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		p := s.ByType[t]
		fmt.Fprintf(&b, "\n  %-5s gold %5d predicted %5d | P %.4f R %.4f F1 %.4f", t, p.Gold, p.Predicted, p.P, p.R, p.F1)
	}
	return b.String()
}

// ScoreNER tags the tokens of every document with tag and scores the result
// against the gold tags (IOB1 or BIO).
func ScoreNER(docs []entity.TaggedDoc, tag func(doc [][]string) [][]string) NERScores {
	s := NERScores{ByType: map[string]*PRF{}}
	byType := func(t string) *PRF {
		if s.ByType[t] == nil {
			s.ByType[t] = &PRF{}
		}
		return s.ByType[t]
	}
	for _, doc := range docs {
		s.Docs++
		words := make([][]string, len(doc))
		for i, sent := range doc {
			words[i] = sent.Tokens
		}
		predicted := tag(words)
		for i, sent := range doc {
			s.Sentences++
			s.Tokens += len(sent.Tokens)
			var pred []string
			if i < len(predicted) {
				pred = predicted[i]
			}
			gold := map[entity.Chunk]bool{}
			for _, c := range entity.Chunks(sent.Tags) {
				gold[c] = true
				s.Overall.Gold++
				byType(c.Type).Gold++
			}
			for _, c := range entity.Chunks(pred) {
				s.Overall.Predicted++
				byType(c.Type).Predicted++
				if gold[c] {
					s.Overall.Correct++
					byType(c.Type).Correct++
				}
			}
		}
	}
	s.Overall.finish()
	for _, p := range s.ByType {
		p.finish()
	}
	return s
}

// ReadCoNLLFile reads a CoNLL NER file (see entity.ReadCoNLL).
func ReadCoNLLFile(path string) ([]entity.TaggedDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := entity.ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}
