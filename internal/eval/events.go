package eval

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/storyline/storyline/internal/event"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// EventCase is one gold sentence: its PLOVER type and source actors.
type EventCase struct {
	Text   string
	Lang   string
	Type   string
	Actors []string
}

// ploverV05 maps the PLOVER 0.5 labels of the gold standard records to
// the 2021 categories that storyline uses.
var ploverV05 = map[string]string{"FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "DEMAND": "REQUEST"}

// LoadEventCases reads a PLOVER gold standard JSON file (English) or a
// PETRARCH validation XML file (Spanish, CAMEO codes mapped to PLOVER with
// CAMEO2PLOVER-2021.txt from the same directory). Records whose type is
// not a PLOVER category storyline codes are left out.
func LoadEventCases(path string) ([]EventCase, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(strings.ToLower(path), ".xml") {
		table, err := os.ReadFile(filepath.Join(filepath.Dir(path), "CAMEO2PLOVER-2021.txt"))
		if err != nil {
			return nil, fmt.Errorf("%s: the CAMEO-to-PLOVER table must sit beside it: %w", path, err)
		}
		return petrarchCases(data, cameoTable(string(table)))
	}
	return ploverCases(data)
}

func ploverCases(data []byte) ([]EventCase, error) {
	var records []struct {
		Event  string `json:"event"`
		Text   string `json:"text"`
		Lang   string `json:"language"`
		Source []struct {
			ActorText string `json:"actorText"`
		} `json:"source"`
	}
	if err := json.Unmarshal(data, &records); err != nil {
		return nil, fmt.Errorf("PLOVER gold standard: %w", err)
	}
	var out []EventCase
	for _, r := range records {
		typ := r.Event
		if v, ok := ploverV05[typ]; ok {
			typ = v
		}
		if !event.IsType(typ) || r.Text == "" {
			continue
		}
		c := EventCase{Text: r.Text, Lang: r.Lang, Type: typ}
		if c.Lang == "" {
			c.Lang = "en"
		}
		for _, a := range r.Source {
			if a.ActorText != "" {
				c.Actors = append(c.Actors, a.ActorText)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

func petrarchCases(data []byte, table map[string]string) ([]EventCase, error) {
	var doc struct {
		Sentences []struct {
			Text  string `xml:"Text"`
			Event []struct {
				Source string `xml:"sourcetext,attr"`
			} `xml:"EventText"`
			Coding []struct {
				Code string `xml:"eventcode,attr"`
			} `xml:"EventCoding"`
		} `xml:"Sentences>Sentence"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("validation XML: %w", err)
	}
	var out []EventCase
	for _, s := range doc.Sentences {
		if len(s.Coding) == 0 {
			continue
		}
		typ := cameoToPLOVER(table, strings.SplitN(s.Coding[0].Code, "_", 2)[0])
		if typ == "" {
			continue
		}
		// The text is "date<TAB>id | sentence".
		body := s.Text
		if _, after, ok := strings.Cut(body, " | "); ok {
			body = after
		}
		c := EventCase{Text: strings.TrimSpace(body), Lang: "es", Type: typ}
		if len(s.Event) > 0 && s.Event[0].Source != "" {
			c.Actors = []string{s.Event[0].Source}
		}
		out = append(out, c)
	}
	return out, nil
}

// cameoTable reads "CODE: TYPE, ..." lines of the CAMEO-to-PLOVER table;
// a code listed twice keeps its first type.
func cameoTable(s string) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(s, "\n") {
		code, rest, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(code, "#") {
			continue
		}
		typ, _, _ := strings.Cut(rest, ",")
		typ = strings.TrimSpace(strings.SplitN(typ, "#", 2)[0])
		code = strings.TrimSpace(code)
		if _, seen := out[code]; !seen && event.IsType(typ) {
			out[code] = typ
		}
	}
	return out
}

// cameoToPLOVER maps a CAMEO code by its longest listed prefix.
func cameoToPLOVER(table map[string]string, code string) string {
	for n := len(code); n >= 2; n-- {
		if typ, ok := table[code[:n]]; ok {
			return typ
		}
	}
	return ""
}

// EventScores are event-typing and actor scores over gold sentences.
type EventScores struct {
	Sentences int `json:"sentences"`
	// Accuracy is the share of sentences whose first event has the gold
	// type; Recall the share with an event of the gold type anywhere.
	Accuracy float64 `json:"accuracy"`
	Recall   float64 `json:"recall"`
	// Confusion counts gold type → type of the first event ("NONE" when
	// no event was found).
	Confusion map[string]map[string]int `json:"confusion"`
	// Actor scores compare the actors of the event of the gold type (or
	// the first event) with the gold source actors: a predicted actor
	// matches when one name contains the other, accent and case folded.
	ActorP  float64 `json:"actor_precision"`
	ActorR  float64 `json:"actor_recall"`
	ActorF1 float64 `json:"actor_f1"`
}

// ScoreEvents runs analyse on each case and scores the events found.
func ScoreEvents(cases []EventCase, analyse func(text, lang string) []model.Event) EventScores {
	sc := EventScores{Sentences: len(cases), Confusion: map[string]map[string]int{}}
	first, any := 0, 0
	predicted, gold, matchedPred, matchedGold := 0, 0, 0, 0
	for _, c := range cases {
		evs := analyse(c.Text, c.Lang)
		got := "NONE"
		if len(evs) > 0 {
			got = evs[0].Type
		}
		if sc.Confusion[c.Type] == nil {
			sc.Confusion[c.Type] = map[string]int{}
		}
		sc.Confusion[c.Type][got]++
		if got == c.Type {
			first++
		}
		var chosen *model.Event
		for i := range evs {
			if evs[i].Type == c.Type {
				chosen = &evs[i]
				any++
				break
			}
		}
		if chosen == nil && len(evs) > 0 {
			chosen = &evs[0]
		}
		if len(c.Actors) == 0 {
			continue
		}
		gold += len(c.Actors)
		if chosen == nil {
			continue
		}
		predicted += len(chosen.Actors)
		for _, p := range chosen.Actors {
			if matchesAny(p, c.Actors) {
				matchedPred++
			}
		}
		for _, g := range c.Actors {
			if matchesAny(g, chosen.Actors) {
				matchedGold++
			}
		}
	}
	if len(cases) > 0 {
		sc.Accuracy = float64(first) / float64(len(cases))
		sc.Recall = float64(any) / float64(len(cases))
	}
	if predicted > 0 {
		sc.ActorP = float64(matchedPred) / float64(predicted)
	}
	if gold > 0 {
		sc.ActorR = float64(matchedGold) / float64(gold)
	}
	if sc.ActorP+sc.ActorR > 0 {
		sc.ActorF1 = 2 * sc.ActorP * sc.ActorR / (sc.ActorP + sc.ActorR)
	}
	return sc
}

func matchesAny(name string, others []string) bool {
	n := text.Fold(strings.TrimSpace(name))
	if n == "" {
		return false
	}
	for _, o := range others {
		o = text.Fold(strings.TrimSpace(o))
		if o != "" && (strings.Contains(o, n) || strings.Contains(n, o)) {
			return true
		}
	}
	return false
}

// String prints the scores and the confusion table, gold types as rows.
func (s EventScores) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "sentences %d | type accuracy %.3f (first event) recall %.3f (any event) | actors P %.3f R %.3f F1 %.3f\n",
		s.Sentences, s.Accuracy, s.Recall, s.ActorP, s.ActorR, s.ActorF1)
	golds := make([]string, 0, len(s.Confusion))
	for g := range s.Confusion {
		golds = append(golds, g)
	}
	sort.Strings(golds)
	for _, g := range golds {
		row := s.Confusion[g]
		total := 0
		preds := make([]string, 0, len(row))
		for p, n := range row {
			total += n
			preds = append(preds, p)
		}
		sort.Slice(preds, func(i, j int) bool {
			if row[preds[i]] != row[preds[j]] {
				return row[preds[i]] > row[preds[j]]
			}
			return preds[i] < preds[j]
		})
		fmt.Fprintf(&b, "  %-9s %4d →", g, total)
		for _, p := range preds {
			fmt.Fprintf(&b, " %s %d", p, row[p])
		}
		b.WriteByte('\n')
	}
	return b.String()
}
