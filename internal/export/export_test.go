package export

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/analyze"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/story"
)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "export.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func add(t *testing.T, l *story.Linker, a model.Article) story.Result {
	t.Helper()
	res, err := l.Add(context.Background(), a, analyze.Analyze(a.Text, a.Lang, a.Published, a.PublishedPrecision))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// exported builds the export and decodes its JSON generically, as a
// consumer of the contract would.
func exported(t *testing.T, st *store.Store, storyID int64) map[string]any {
	t.Helper()
	doc, err := Build(context.Background(), st, storyID)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, doc); err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatalf("export is not JSON: %v\n%s", err, buf.String())
	}
	return out
}

var topLevelLists = []string{"articles", "stories", "entities", "events", "quotes", "claims"}

func TestBuildEmptyStore(t *testing.T) {
	st := openStore(t)
	out := exported(t, st, 0)
	if out["schema"] != "storyline/v1" {
		t.Errorf("schema = %v, want storyline/v1", out["schema"])
	}
	for _, k := range topLevelLists {
		v, ok := out[k]
		if !ok {
			t.Errorf("%s missing", k)
			continue
		}
		if l, isList := v.([]any); !isList || len(l) != 0 {
			t.Errorf("%s = %#v, want []", k, v)
		}
	}
}

func TestBuildSmallStore(t *testing.T) {
	st := openStore(t)
	l := story.NewLinker(st)
	pub := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)
	dated := add(t, l, model.Article{Source: "planet/1", Outlet: "Daily Planet", URL: "https://planet.example/1", Title: "Port attacked",
		Lang: "en", Published: pub, PublishedPrecision: model.PrecisionMinute,
		Text: "Rebels attacked the port of Valmera on Saturday, killing four soldiers, officials said.\n" +
			"Mayor Ana Torres said that twelve civilians were wounded in the shelling of Tolosa."})
	// No publication date: dates of the article and of its events are unknown.
	undated := add(t, l, model.Article{Source: "notes.txt", Lang: "en",
		Text: "Rebels attacked the port of Valmera, killing four soldiers.\n\"We will rebuild the port,\" President Maria Lopez said."})
	other := add(t, l, model.Article{Source: "diario/9", Outlet: "El Diario", Lang: "es", Published: pub, PublishedPrecision: model.PrecisionDay,
		Text: "El congreso aprobó el presupuesto de educación por siete votos contra dos el lunes."})
	if other.StoryID == dated.StoryID {
		t.Fatalf("unrelated report joined story %d", dated.StoryID)
	}

	out := exported(t, st, 0)
	if out["schema"] != "storyline/v1" {
		t.Errorf("schema = %v, want storyline/v1", out["schema"])
	}
	for _, k := range topLevelLists {
		if _, ok := out[k].([]any); !ok {
			t.Errorf("%s = %#v, want a list", k, out[k])
		}
	}

	articles := out["articles"].([]any)
	if len(articles) != 3 {
		t.Fatalf("%d articles, want 3", len(articles))
	}
	byID := map[float64]map[string]any{}
	for _, a := range articles {
		m := a.(map[string]any)
		for _, k := range []string{"id", "source", "url", "outlet", "title", "published", "published_precision", "lang", "story", "duplicate_of"} {
			if _, ok := m[k]; !ok {
				t.Errorf("article %v lacks %q", m["id"], k)
			}
		}
		byID[m["id"].(float64)] = m
	}
	d := byID[float64(dated.ArticleID)]
	if d["published"] != "2026-01-05T09:30" || d["published_precision"] != "minute" || d["duplicate_of"] != nil ||
		d["story"] != float64(dated.StoryID) || d["url"] != "https://planet.example/1" {
		t.Errorf("dated article = %v", d)
	}
	u := byID[float64(undated.ArticleID)]
	if u["published"] != nil || u["published_precision"] != nil {
		t.Errorf("undated article published = %#v (%#v), want null (null)", u["published"], u["published_precision"])
	}

	var sawNull, sawDate bool
	for _, e := range out["events"].([]any) {
		m := e.(map[string]any)
		for _, k := range []string{"actors", "targets", "evidence"} {
			if _, ok := m[k].([]any); !ok {
				t.Errorf("event %v: %s = %#v, want a list", m["id"], k, m[k])
			}
		}
		switch date := m["date"].(type) {
		case nil:
			sawNull = true
			if m["precision"] != nil {
				t.Errorf("undated event %v precision = %#v, want null", m["id"], m["precision"])
			}
		case string:
			if date == "" {
				t.Errorf("event %v date is \"\", want null or a date", m["id"])
			}
			if date == "2026-01-03" {
				sawDate = true
				if m["precision"] != "day" {
					t.Errorf("event %v precision = %#v, want day", m["id"], m["precision"])
				}
			}
		default:
			t.Errorf("event %v date = %#v", m["id"], date)
		}
	}
	if !sawNull || !sawDate {
		t.Errorf("events: saw null date %v, saw 2026-01-03 %v; want both", sawNull, sawDate)
	}

	for _, s := range out["stories"].([]any) {
		m := s.(map[string]any)
		for _, k := range []string{"articles", "languages"} {
			if l, ok := m[k].([]any); !ok || len(l) == 0 {
				t.Errorf("story %v: %s = %#v, want a non-empty list", m["id"], k, m[k])
			}
		}
	}
	for _, e := range out["entities"].([]any) {
		if _, ok := e.(map[string]any)["aliases"].([]any); !ok {
			t.Errorf("entity %v aliases not a list", e)
		}
	}
	claims := out["claims"].([]any)
	if len(claims) == 0 {
		t.Fatal("no claims exported")
	}
	for _, c := range claims {
		m := c.(map[string]any)
		if ev, ok := m["evidence"].([]any); !ok || len(ev) == 0 {
			t.Errorf("claim %v evidence = %#v, want a non-empty list", m["id"], m["evidence"])
		}
	}
	quotes := out["quotes"].([]any)
	if len(quotes) != 1 || !strings.Contains(quotes[0].(map[string]any)["text"].(string), "rebuild") {
		t.Errorf("quotes = %v, want the one quote", quotes)
	}

	// One story's export holds only its records.
	one := exported(t, st, other.StoryID)
	if n := len(one["articles"].([]any)); n != 1 {
		t.Errorf("story %d export: %d articles, want 1", other.StoryID, n)
	}
	if s := one["stories"].([]any); len(s) != 1 || s[0].(map[string]any)["id"] != float64(other.StoryID) {
		t.Errorf("story %d export: stories = %v", other.StoryID, s)
	}
	for _, k := range []string{"quotes", "claims"} {
		if l, ok := one[k].([]any); !ok || len(l) != 0 {
			t.Errorf("story %d export: %s = %#v, want []", other.StoryID, k, one[k])
		}
	}
}
