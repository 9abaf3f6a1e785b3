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
	s := ScoreNER(docs, func([][]string) [][]string { return predicted }, nil)
	if s.Overall.Gold != 4 || s.Overall.Predicted != 4 || s.Overall.Correct != 2 {
		t.Fatalf("counts %+v", s.Overall)
	}
	if s.Overall.F1 != 0.5 || s.ByType["PER"].F1 != 1 || s.ByType["LOC"].Predicted != 0 || s.ByType["MISC"].F1 != 0 {
		t.Errorf("scores %s", s)
	}
}

func TestScoreNERUnseen(t *testing.T) {
	train := []entity.TaggedDoc{{
		{Tokens: []string{"Ana", "Ruiz", "left", "Paris"}, Tags: []string{"B-PER", "I-PER", "O", "B-LOC"}},
	}}
	docs := []entity.TaggedDoc{{
		{Tokens: []string{"Ana", "Ruiz", "met", "Tomás", "Vidal", "in", "Paris", "and", "Tarquela"}, Tags: []string{"B-PER", "I-PER", "O", "B-PER", "I-PER", "O", "B-LOC", "O", "B-LOC"}},
	}}
	predicted := [][]string{{"B-PER", "I-PER", "O", "B-PER", "O", "O", "B-LOC", "O", "B-ORG"}}
	s := ScoreNER(docs, func([][]string) [][]string { return predicted }, Names(train))
	// Unseen gold: Tomás Vidal, Tarquela; unseen predicted: Tomás, Tarquela (ORG); none right.
	if u := s.Unseen; u == nil || u.Gold != 2 || u.Predicted != 2 || u.Correct != 0 {
		t.Fatalf("unseen %+v", s.Unseen)
	}
	if s.Overall.Correct != 2 {
		t.Errorf("overall %+v", s.Overall)
	}
	if none := ScoreNER(docs, func([][]string) [][]string { return predicted }, nil); none.Unseen != nil {
		t.Errorf("unseen scored without training names")
	}
}
