package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/text"
)

// t17Store holds every Timeline17 report from ../shared, built once: real
// news in stories of hundreds of reports, for page latency on large stories.
var t17Store struct {
	once sync.Once
	st   *store.Store
	err  error
}

func openT17Store(b *testing.B) *store.Store {
	b.Helper()
	dir := sharedDir(b, "data", "timelines", "t17")
	t17Store.once.Do(func() {
		files, _ := filepath.Glob(filepath.Join(dir, "*", "articles.json"))
		var arts []model.Article
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t17Store.err = err
				return
			}
			var docs []struct{ UID, DCT, Text string }
			if err := json.Unmarshal(data, &docs); err != nil {
				t17Store.err = fmt.Errorf("%s: %w", f, err)
				return
			}
			for _, d := range docs {
				pub, _ := time.Parse(time.DateOnly, d.DCT)
				arts = append(arts, model.Article{Source: f + "#" + d.UID, Text: d.Text, Published: pub,
					PublishedPrecision: model.PrecisionDay, Lang: text.DetectLanguage(d.Text), Outlet: filepath.Base(filepath.Dir(f))})
			}
		}
		t17Store.st, t17Store.err = buildStore(arts)
	})
	if t17Store.err != nil {
		b.Fatal(t17Store.err)
	}
	return t17Store.st
}

// BenchmarkPagesLargeStories times each page on the Timeline17 store,
// on its largest story and that story's first report and top entity.
func BenchmarkPagesLargeStories(b *testing.B) {
	st := openT17Store(b)
	ctx := context.Background()
	story := mainStory(b, st)
	arts, err := st.ArticleList(ctx, store.ArticleFilter{Story: story.ID, Limit: 1})
	if err != nil || len(arts) == 0 {
		b.Fatal("no article in the largest story", err)
	}
	ents, err := st.EntityList(ctx, store.EntityFilter{Story: story.ID, Limit: 1})
	if err != nil || len(ents) == 0 {
		b.Fatal("no entity in the largest story", err)
	}
	h := New(st)
	b.Logf("largest story %d: %d reports", story.ID, len(story.Articles))
	for _, route := range []struct{ name, path string }{
		{"home", "/"},
		{"story", fmt.Sprintf("/stories/%d", story.ID)},
		{"story_filtered", fmt.Sprintf("/stories/%d?lang=en&min=2&type=ACCUSE", story.ID)},
		{"atom", fmt.Sprintf("/stories/%d/atom", story.ID)},
		{"article", fmt.Sprintf("/articles/%d", arts[0].ID)},
		{"entity", fmt.Sprintf("/entities/%d", ents[0].ID)},
		{"search", "/search?q=oil+spill"},
		{"new", "/new?since=2000-01-01"},
	} {
		b.Run(route.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if code, _, _ := get(b, h, http.MethodGet, route.path); code != http.StatusOK {
					b.Fatalf("%s: status %d", route.path, code)
				}
			}
		})
	}
	// A story page with nothing cached yet, as for a story no reader has
	// opened since it last changed.
	b.Run("story_cold", func(b *testing.B) {
		path := fmt.Sprintf("/stories/%d", story.ID)
		for b.Loop() {
			b.StopTimer()
			fresh := New(st)
			b.StartTimer()
			if code, _, _ := get(b, fresh, http.MethodGet, path); code != http.StatusOK {
				b.Fatalf("%s: status %d", path, code)
			}
		}
	})
}
