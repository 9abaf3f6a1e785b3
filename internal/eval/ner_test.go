package eval

import (
	"testing"

	"github.com/storyline/storyline/internal/entity"
)

func TestScoreNER(t *testing.T) {
	docs := []entity.TaggedDoc{{
		{Tokens: []string{"Peter", "Blackburn", "visited", "Paris"}, Tags: []string{"I-PER", "I-PER", "O", "I-LOC"}},
		{Tokens: []string{"EU", "rejects", "German", "call"}, Tags: []string{"I-ORG", "O", "I-MISC", "O"}},
	}}
	predicted := [][]string{
		{"B-PER", "I-PER", "O", "B-ORG"},   // right person, wrong type for Paris
		{"B-ORG", "O", "B-MISC", "I-MISC"}, // right ORG, MISC too long
	}
	s := ScoreNER(docs, func([][]string) [][]string { return predicted })
	if s.Overall.Gold != 4 || s.Overall.Predicted != 4 || s.Overall.Correct != 2 {
		t.Fatalf("counts %+v", s.Overall)
	}
	if s.Overall.F1 != 0.5 || s.ByType["PER"].F1 != 1 || s.ByType["LOC"].Predicted != 0 || s.ByType["MISC"].F1 != 0 {
		t.Errorf("scores %s", s)
	}
}
