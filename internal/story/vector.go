package story

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/claim"
	"github.com/storyline/storyline/internal/entity"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

var storyStops = func() text.Set {
	words := text.LoadWordList("stop_en.txt")
	words = append(words, text.LoadWordList("stop_es.txt")...)
	b, err := dataFS.ReadFile("data/stop_story.txt")
	if err != nil {
		panic(err)
	}
	words = append(words, text.ReadLines(b)...)
	var all []string
	for _, w := range words {
		all = append(all, strings.Fields(w)...)
	}
	return text.NewSet(all, true)
}()

// leadSentences is how much of a report's opening stands for its topic.
const leadSentences = 6

// termVector describes what a report is about: its entities (which carry
// across languages) and the content words of its title and lead.
func termVector(a model.Article, an model.Analysis) map[string]float64 {
	counts := map[string]float64{}
	for _, m := range an.Entities {
		if m.Canonical == "" {
			continue
		}
		counts["e:"+entity.Key(m.Canonical)] += 2
	}
	addWords := func(s string, w float64) {
		for _, tok := range text.Tokenize(s) {
			if tok.Kind != text.Word || utf8.RuneCountInString(tok.Text) < 4 {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(tok.Text); unicode.IsUpper(r) {
				continue // names are counted as entities
			}
			lw := strings.ToLower(tok.Text)
			if storyStops.Has(lw) {
				continue
			}
			// Key words count as their concept, shared by English and
			// Spanish, so a report meets its story in the other language.
			if c := claim.Concept(lw, a.Lang); c != "" {
				counts["c"+c] += w
				continue
			}
			counts["w:"+stem(lw)] += w
		}
	}
	addWords(a.Title, 2)
	for i, s := range an.Sentences {
		if i >= leadSentences {
			break
		}
		addWords(a.Text[s.Start:s.End], 1)
	}
	vec := make(map[string]float64, len(counts))
	for t, c := range counts {
		vec[t] = 1 + math.Log(c)
	}
	return vec
}

// stem strips common English and Spanish inflections, enough to let
// "strikes" meet "strike" and "bombardeos" meet "bombardeo".
func stem(w string) string {
	for _, suf := range []string{"ing", "es", "s", "ed"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 4 {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

func norm(v map[string]float64) float64 {
	s := 0.0
	for _, w := range v {
		s += w * w
	}
	return math.Sqrt(s)
}
