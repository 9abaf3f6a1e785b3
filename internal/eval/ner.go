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
	// Unseen, when the scoring was given the names of a training text,
	// scores only the names whose words it never holds: the gold ones
	// and the predicted ones. New text brings more of them than a
	// development split does.
	Unseen *PRF `json:",omitempty"`
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
	if p := s.Unseen; p != nil {
		fmt.Fprintf(&b, "\nnames unseen in training: gold %d predicted %d correct %d | P %.4f R %.4f F1 %.4f", p.Gold, p.Predicted, p.Correct, p.P, p.R, p.F1)
	}
	return b.String()
}

// Names returns the names of tagged documents, their words joined by
// spaces: what ScoreNER takes as the names seen in training.
func Names(docs []entity.TaggedDoc) map[string]bool {
	out := map[string]bool{}
	for _, doc := range docs {
		for _, sent := range doc {
			for _, c := range entity.Chunks(sent.Tags) {
				out[strings.Join(sent.Tokens[c.Start:c.End], " ")] = true
			}
		}
	}
	return out
}

// ScoreNER tags the tokens of every document with tag and scores the result
// against the gold tags (IOB1 or BIO). If seen is not nil, it also scores
// the names not in it apart (NERScores.Unseen).
func ScoreNER(docs []entity.TaggedDoc, tag func(doc [][]string) [][]string, seen map[string]bool) NERScores {
	s := NERScores{ByType: map[string]*PRF{}}
	if seen != nil {
		s.Unseen = &PRF{}
	}
	unseen := func(sent entity.TaggedSentence, c entity.Chunk) bool {
		return seen != nil && !seen[strings.Join(sent.Tokens[c.Start:c.End], " ")]
	}
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
				if unseen(sent, c) {
					s.Unseen.Gold++
				}
			}
			for _, c := range entity.Chunks(pred) {
				s.Overall.Predicted++
				byType(c.Type).Predicted++
				fresh := unseen(sent, c)
				if fresh {
					s.Unseen.Predicted++
				}
				if gold[c] {
					s.Overall.Correct++
					byType(c.Type).Correct++
					if fresh {
						s.Unseen.Correct++
					}
				}
			}
		}
	}
	s.Overall.finish()
	for _, p := range s.ByType {
		p.finish()
	}
	if s.Unseen != nil {
		s.Unseen.finish()
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
