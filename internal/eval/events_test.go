package eval

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/sharedtest"

	"github.com/storyline/storyline/internal/analyze"
	"github.com/storyline/storyline/internal/model"
)

func eventsDir(t testing.TB) string {
	return sharedtest.Path(t, "data", "events")
}

func analyseEvents(s, lang string) []model.Event {
	return analyze.Analyze(s, lang, time.Time{}, model.PrecisionNone).Events
}

func TestScoreEvents(t *testing.T) {
	cases := []EventCase{
		{Text: "Rebels attacked the port of Valmera.", Lang: "en", Type: "ASSAULT", Actors: []string{"Rebels"}},
		{Text: "The weather was mild.", Lang: "en", Type: "AGREE"},
	}
	sc := ScoreEvents(cases, func(s, lang string) []model.Event {
		if s == cases[0].Text {
			return []model.Event{{Type: "ASSAULT", Actors: []string{"rebels", "army"}}}
		}
		return nil
	})
	if sc.Accuracy != 0.5 || sc.Recall != 0.5 || sc.Confusion["AGREE"]["NONE"] != 1 || sc.ActorP != 0.5 || sc.ActorR != 1 {
		t.Errorf("scores %+v", sc)
	}
}

func TestLoadEventCasesFixtures(t *testing.T) {
	dir := t.TempDir()
	gsr := filepath.Join(dir, "gsr.txt")
	os.WriteFile(gsr, []byte(`[{"event":"DOCUMENT","text":""},
		{"event":"FIGHT","text":"Troops clashed with rebels.","language":"en","source":[{"actorText":"Troops"}]},
		{"event":"NOTATYPE","text":"x"}]`), 0o644)
	cases, err := LoadEventCases(gsr)
	if err != nil || len(cases) != 1 || cases[0].Type != "ASSAULT" || cases[0].Actors[0] != "Troops" {
		t.Fatalf("PLOVER fixture: %+v, %v", cases, err)
	}
	xmlPath := filepath.Join(dir, "val.xml")
	os.WriteFile(filepath.Join(dir, "CAMEO2PLOVER-2021.txt"), []byte("# table\n13: THREATEN, x\n19: ASSAULT\n"), 0o644)
	os.WriteFile(xmlPath, []byte(`<Validation><Sentences><Sentence>
		<EventText sourcetext="Guerrilleros" /><EventCoding eventcode="130_threaten" />
		<Text>20000430	ID | Guerrilleros amenazaron de muerte a los candidatos</Text></Sentence></Sentences></Validation>`), 0o644)
	cases, err = LoadEventCases(xmlPath)
	if err != nil || len(cases) != 1 || cases[0].Type != "THREATEN" || cases[0].Lang != "es" || cases[0].Text != "Guerrilleros amenazaron de muerte a los candidatos" {
		t.Fatalf("validation fixture: %+v, %v", cases, err)
	}
}

// TestEventsOnGold keeps event typing from regressing on the English
// PLOVER records and the Spanish validation sentences; the floors sit a
// little under the measured numbers.
func TestEventsOnGold(t *testing.T) {
	dir := eventsDir(t)
	for _, tc := range []struct {
		file             string
		accuracy, actors float64
	}{
		{"PLOVER_GSR_CAMEO.txt", 0.63, 0.68},
		{"spanish_fight_reduced_181227v2_validation.xml", 0.85, 0.69},
	} {
		cases, err := LoadEventCases(filepath.Join(dir, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		sc := ScoreEvents(cases, analyseEvents)
		t.Logf("%s: %d sentences, accuracy %.3f, recall %.3f, actor F1 %.3f", tc.file, sc.Sentences, sc.Accuracy, sc.Recall, sc.ActorF1)
		if sc.Accuracy < tc.accuracy || sc.ActorF1 < tc.actors {
			t.Errorf("%s: accuracy %.3f actor F1 %.3f, want at least %.2f and %.2f", tc.file, sc.Accuracy, sc.ActorF1, tc.accuracy, tc.actors)
		}
	}
}
