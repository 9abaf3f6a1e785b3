package event

import (
	"fmt"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// TestFigures: counts of the dead, wounded and arrested are read with
// their qualifier and go to the event they count the victims of.
func TestFigures(t *testing.T) {
	tests := []struct {
		name, lang, text string
		timexes          map[string]string
		want             []string // "TYPE kind value qualifier|text"
	}{
		{"after the number", "en", "At least eight people were killed in the blast.", nil,
			[]string{"ASSAULT killed 8 min|At least eight people were killed"}},
		{"verb before the number, two kinds", "en", "The airstrike killed 95 people and wounded more than 100.", nil,
			[]string{"ASSAULT killed 95 |killed 95", "ASSAULT wounded 100 more|wounded more than 100"}},
		{"hyphenated number words", "en", "The blast killed twenty-four people on Monday.", nil,
			[]string{"ASSAULT killed 24 |killed twenty-four"}},
		{"thousands separator", "en", "Troops arrested 1,200 protesters.", nil,
			[]string{"COERCE arrested 1200 |arrested 1,200"}},
		{"a verb and a number apart count nobody", "en", "Ruiz was killed in three attacks, and police arrested him.", nil, nil},
		{"a percentage counts nobody", "en", "The bombing killed 40 percent of the herd.", nil, nil},
		{"a year counts nobody", "en", "Ruiz was killed in 1999 by rebels.", map[string]string{"1999": "1999"}, nil},
		{"the figure goes to the event it counts", "en", "Soldiers opened fire on the march and arrested about 30 demonstrators.", nil,
			[]string{"COERCE arrested 30 about|arrested about 30"}},
		{"a toll in the next sentence counts the paragraph's attack", "en", "An airstrike hit the market on Sunday. The death toll rose to 95 on Monday.", nil,
			[]string{"ASSAULT killed 95 |death toll rose to 95"}},
		{"a toll in another paragraph counts nothing", "en", "Talks resumed on Friday.\n\nAn airstrike hit the market on Sunday.\n\nThe death toll rose to 95 on Monday.", nil, nil},
		// The headline's event is the story's: a toll in the body counts it.
		{"a toll counts the headline's event", "en", "Airstrike hits market in Lodravo\n\nThe death toll from Sunday's airstrike rose to 95 on Monday.", nil,
			[]string{"ASSAULT killed 95 |death toll from Sunday's airstrike rose to 95"}},
		// A verb of the toll reaches back to it past the event it counts.
		{"a toll far before its verb", "en", "The death toll from Tuesday's explosion at the port of Varnholt has risen to 95.", nil,
			[]string{"ASSAULT killed 95 |death toll from Tuesday's explosion at the port of Varnholt has risen to 95"}},
		{"Spanish toll far before its verb", "es", "El balance de víctimas del ataque contra el puerto ascendió a 95.", nil,
			[]string{"ASSAULT killed 95 |balance de víctimas del ataque contra el puerto ascendió a 95"}},
		// "Un centenar", "una docena": counts in words.
		{"Spanish hundred and dozen", "es", "El ataque dejó un centenar de muertos y una docena de heridos.", nil,
			[]string{"ASSAULT killed 100 |un centenar de muertos", "ASSAULT wounded 12 |una docena de heridos"}},
		// A count of the dead told after the event it counts is no event
		// of its own, and no one in its clause killed them.
		{"a toll after its event", "es", "Una explosión sacudió el puerto el martes. Diputados de la oposición elevaron el número de muertos a más de un centenar y acusaron al Gobierno de mentir.", nil,
			[]string{"ASSAULT killed 100 more|número de muertos a más de un centenar"}},
		// A sentence whose events count no dead gives its count to the
		// last event that does.
		{"a count beside an accusation", "en", "An explosion hit the port on Tuesday.\n\nOpposition lawmakers put the number of dead at more than 100 and accused the government of lying.", nil,
			[]string{"ASSAULT killed 100 more|number of dead at more than 100"}},
		{"Spanish after the number", "es", "Al menos 95 personas murieron en el ataque.", nil,
			[]string{"ASSAULT killed 95 min|Al menos 95 personas murieron"}},
		{"lives lost", "en", "In the attack on the village, 30 civilians lost their lives.", nil,
			[]string{"ASSAULT killed 30 |30 civilians lost their lives"}},
		{"Spanish lives lost", "es", "En el ataque, 12 soldados perdieron la vida.", nil,
			[]string{"ASSAULT killed 12 |12 soldados perdieron la vida"}},
		{"Spanish number words", "es", "El bombardeo dejó doce muertos y más de cien heridos.", nil,
			[]string{"ASSAULT killed 12 |doce muertos", "ASSAULT wounded 100 more|más de cien heridos"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			evs := Extract(tc.text, text.Sentences(tc.text, tc.lang), nil, nil, timexesIn(tc.text, tc.timexes), tc.lang, pub, model.PrecisionMinute)
			var got []string
			for _, e := range evs {
				for _, f := range e.Figures {
					if tc.text[f.Start:f.End] != f.Text {
						t.Errorf("figure span %d:%d is %q, not %q", f.Start, f.End, tc.text[f.Start:f.End], f.Text)
					}
					got = append(got, fmt.Sprintf("%s %s %d %s|%s", e.Type, f.Kind, f.Value, f.Qualifier, f.Text))
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("figures:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestParseFigureRulesErrors(t *testing.T) {
	for _, bad := range []string{"after\tkilled", "sideways\tkilled\tdead", "after\tbruised\tdead", "qualifier\tlots\tmany", "event\tkilled\tPICNIC"} {
		if _, err := parseFigureRules([]byte(bad + "\n")); err == nil {
			t.Errorf("parseFigureRules(%q): no error", bad)
		}
	}
}
