package event

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/storyline/storyline/internal/text"
)

// scores holds the conflict–cooperation weight of each PLOVER type, read
// from data/plover_scores.txt.
var scores = mustLoadScores()

func mustLoadScores() map[string]float64 {
	b, err := dataFS.ReadFile("data/plover_scores.txt")
	if err != nil {
		panic("event: missing data/plover_scores.txt")
	}
	s, err := parseScores(b)
	if err != nil {
		panic("event: data/plover_scores.txt: " + err.Error())
	}
	return s
}

func parseScores(data []byte) (map[string]float64, error) {
	out := map[string]float64{}
	for _, line := range text.ReadLines(data) {
		fields := strings.Split(line, "\t")
		if len(fields) < 2 {
			return nil, fmt.Errorf("line %q: want TYPE<TAB>score", line)
		}
		v, err := strconv.ParseFloat(fields[1], 64)
		if err != nil || v < -10 || v > 10 {
			return nil, fmt.Errorf("line %q: score must be a number from -10 to 10", line)
		}
		out[fields[0]] = v
	}
	return out, nil
}

// Score is the conflict (negative) or cooperation (positive) weight of a
// PLOVER event type on Goldstein's -10..+10 scale; ok is false for a type
// without one.
func Score(eventType string) (score float64, ok bool) {
	score, ok = scores[eventType]
	return score, ok
}

// intents maps an event type to the type of a stated intention to act so,
// read from data/intent.txt.
var intents = mustLoadIntents()

func mustLoadIntents() map[string]string {
	b, err := dataFS.ReadFile("data/intent.txt")
	if err != nil {
		panic("event: missing data/intent.txt")
	}
	out := map[string]string{}
	for _, line := range text.ReadLines(b) {
		from, to, ok := strings.Cut(line, "\t")
		if !ok || !eventTypes[from] || !eventTypes[to] {
			panic(fmt.Sprintf("event: data/intent.txt: line %q: want TYPE<TAB>TYPE", line))
		}
		out[from] = to
	}
	return out
}
