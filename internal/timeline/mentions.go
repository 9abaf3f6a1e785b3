package timeline

import (
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/storyline/storyline/internal/store"
)

// Date ranking from date expressions, after the date-selection methods of
// timeline summarisation (news-tls DATEWISE): a day matters when many
// independent reports refer to it, more so when they refer back to it from
// a later day than when they only report the day they are published.
const (
	// mentionWeight scales the mention score against event weights.
	mentionWeight = 1.0
	// sameDayWeight is what a report counts for the day it is published
	// on, against 1 for a reference to another day.
	sameDayWeight = 0.5
)

// mentionCount gathers the evidence for one day.
type mentionCount struct {
	score     float64
	origins   map[string]bool
	sentences []store.Evidence
}

// countMentions scores every day that the mentions name, counting each
// report once per day.
func countMentions(mentions []store.DateMention) map[string]*mentionCount {
	days := map[string]*mentionCount{}
	type articleDay struct {
		article int64
		day     string
	}
	seen := map[articleDay]bool{}
	for _, m := range mentions {
		day, ok := dayOf(m.Value)
		if !ok {
			continue
		}
		c := days[day]
		if c == nil {
			c = &mentionCount{origins: map[string]bool{}}
			days[day] = c
		}
		c.sentences = append(c.sentences, m.Sentence)
		c.origins[m.Origin] = true
		k := articleDay{m.Article, day}
		if seen[k] {
			continue
		}
		seen[k] = true
		if day == m.Published {
			c.score += sameDayWeight
		} else {
			c.score++
		}
	}
	return days
}

// dayOf returns the day a TIMEX3 value names ("2010-04-20",
// "2010-04-20T14:00"), if it names one.
func dayOf(value string) (string, bool) {
	if len(value) < 10 {
		return "", false
	}
	day := value[:10]
	if _, err := time.Parse("2006-01-02", day); err != nil {
		return "", false
	}
	return day, true
}

// representative picks the sentence closest to the centroid of all the
// sentences about a day: the one that says what most of them say.
func representative(sentences []store.Evidence) store.Evidence {
	if len(sentences) == 0 {
		return store.Evidence{}
	}
	bags := make([]map[string]float64, len(sentences))
	centroid := map[string]float64{}
	for i, s := range sentences {
		bags[i] = wordBag(s.Text)
		for w, n := range bags[i] {
			centroid[w] += n
		}
	}
	best, bestScore := 0, -1.0
	for i, bag := range bags {
		var dot, norm float64
		for w, n := range bag {
			dot += n * centroid[w]
			norm += n * n
		}
		if norm == 0 {
			continue
		}
		if s := dot / math.Sqrt(norm); s > bestScore {
			best, bestScore = i, s
		}
	}
	return sentences[best]
}

// wordBag counts the content-bearing words of s: short words are mostly
// function words and carry little of what a sentence is about.
func wordBag(s string) map[string]float64 {
	bag := map[string]float64{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) > 3 {
			bag[strings.ToLower(w)]++
		}
	}
	return bag
}
