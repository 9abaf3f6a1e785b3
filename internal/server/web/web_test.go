package web

import (
	"context"
	"encoding/xml"
	"fmt"
	"html"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/export"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/store"

	"github.com/storyline/storyline/internal/event"
)

// mainStory is the demo store's largest story, the one the corpus is about.
func mainStory(t testing.TB, st *store.Store) store.Story {
	t.Helper()
	stories, err := st.Stories(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(stories) == 0 {
		t.Fatal("the demo corpus made no story")
	}
	best := stories[0]
	for _, s := range stories {
		if len(s.Articles) > len(best.Articles) {
			best = s
		}
	}
	return best
}

func TestRoutesOnDemo(t *testing.T) {
	st := openDemoStore(t)
	h := New(st)
	story := mainStory(t, st)
	arts, err := st.Articles(context.Background(), story.ID)
	if err != nil || len(arts) == 0 {
		t.Fatalf("story %d articles: %v %d", story.ID, err, len(arts))
	}
	storyPath := fmt.Sprintf("/stories/%d", story.ID)
	a, b, err := st.StoryMainPair(context.Background(), story.ID, event.Score)
	if err != nil || a == nil {
		t.Fatalf("story %d has no main pair: %v", story.ID, err)
	}
	tests := []struct {
		method, path string
		status       int
		contains     []string
	}{
		{"GET", "/", 200, []string{`href="` + storyPath + `"`, "Languages: English, Spanish", `<time datetime="2026-03`, `href="/static/style.css"`, `href="#main"`}},
		{"HEAD", "/", 200, nil},
		{"GET", storyPath, 200, []string{"<h2 id=\"h-timeline\">Timeline</h2>", "<details class=\"evidence\">", "independent source", `<time datetime="2026-03-0`, `id="claims"`, `class="badge badge-`, "Quotes by speaker", `href="/entities/`, `<svg viewBox="0 0 600 220" role="img"`, `<rect class="conf"`,
			"Conflict and cooperation: " + html.EscapeString(a.Name) + " and " + html.EscapeString(b.Name)}},
		{"GET", storyPath + "?lang=es&min=1&from=2026-03-01&to=2026-03-31&type=&status=", 200, []string{`<option value="es" selected>`}},
		{"GET", fmt.Sprintf("/articles/%d", arts[0].ID), 200, []string{"<mark class=", `class="back" href="` + storyPath + "#", `class="back" href="` + storyPath + "?from=2026-03-0"}},
		{"GET", "/search?q=dam", 200, []string{`value="dam"`, "<mark>", `<h2 id="f-h-lang">Language</h2>`, `href="/articles/`}},
		{"GET", "/search?q=Sorel&lang=es", 200, []string{`<li lang="es">`}},
		{"GET", "/search?q=%22%2A", 200, []string{"Type a word to look for."}},
		{"GET", "/new?since=2026-03-01", 200, []string{`href="` + storyPath + `"`, "New events", `href="` + storyPath + "?from="}},
		{"GET", "/new?since=yesterday", 400, nil},
		{"GET", "/static/style.css", 200, []string{"font"}},
		{"GET", "/static/app.js", 200, []string{"Intl.DateTimeFormat"}},
		{"GET", "/stories/999999", 404, []string{"404"}},
		{"GET", "/stories/abc", 404, []string{"nothing at this address"}},
		{"GET", "/articles/0", 404, nil},
		{"GET", "/entities/999999", 404, nil},
		{"GET", "/no/such/page", 404, nil},
		{"GET", "/static/missing.css", 404, nil},
		{"GET", "/static/", 404, nil},
		{"POST", storyPath, 405, []string{"405"}},
		{"DELETE", "/", 405, nil},
		{"POST", "/no/such/page", 404, nil},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			code, body, hdr := get(t, h, tc.method, tc.path)
			if code != tc.status {
				t.Fatalf("status %d, want %d\n%.500s", code, tc.status, body)
			}
			if code == 405 && hdr.Get("Allow") == "" {
				t.Error("405 without an Allow header")
			}
			for _, want := range tc.contains {
				if !strings.Contains(body, want) {
					t.Errorf("body lacks %q", want)
				}
			}
			if strings.HasSuffix(tc.path, ".js") || strings.HasSuffix(tc.path, ".css") {
				return
			}
			// The lead's CSP allows scripts only from our own files.
			if strings.Contains(body, "<script>") || regexp.MustCompile(`\son[a-z]+=`).MatchString(body) {
				t.Error("page has an inline script or event handler")
			}
		})
	}
}

// TestStoryLanguageFilter checks that ?lang= keeps only that language's
// evidence, claims and quotes on the story page.
func TestStoryLanguageFilter(t *testing.T) {
	st := openDemoStore(t)
	h := New(st)
	story := mainStory(t, st)
	if len(story.Languages) < 2 {
		t.Fatalf("demo story has languages %v; the corpus has English and Spanish", story.Languages)
	}
	langAttr := regexp.MustCompile(`<li[^>]* lang="([a-z]*)"`)
	for _, lang := range story.Languages {
		code, body, _ := get(t, h, "GET", fmt.Sprintf("/stories/%d?lang=%s", story.ID, lang))
		if code != 200 {
			t.Fatalf("lang=%s: status %d", lang, code)
		}
		timeline := section(body, "timeline")
		items := langAttr.FindAllStringSubmatch(timeline+section(body, "claims")+section(body, "quotes"), -1)
		if len(items) == 0 {
			t.Errorf("lang=%s: no items at all", lang)
		}
		for _, m := range items {
			if m[1] != lang {
				t.Errorf("lang=%s: an item in %q remains", lang, m[1])
			}
		}
		if !strings.Contains(timeline, "<details") {
			t.Errorf("lang=%s: no event has evidence in that language", lang)
		}
	}
}

// section returns the HTML of <section id="id"> up to the next section.
func section(body, id string) string {
	i := strings.Index(body, `<section id="`+id+`"`)
	if i < 0 {
		return ""
	}
	rest := body[i+1:]
	if j := strings.Index(rest, `<section id="`); j >= 0 {
		return rest[:j]
	}
	return rest
}

func TestAtomFeed(t *testing.T) {
	st := openDemoStore(t)
	h := New(st)
	story := mainStory(t, st)
	path := fmt.Sprintf("/stories/%d/atom", story.ID)
	code, body, hdr := get(t, h, "GET", path)
	if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("status %d, type %q", code, hdr.Get("Content-Type"))
	}
	var feed atomFeed
	if err := xml.Unmarshal([]byte(body), &feed); err != nil {
		t.Fatalf("not valid XML: %v", err)
	}
	if len(feed.Entries) == 0 || feed.Title != story.Title {
		t.Fatalf("feed %q with %d entries", feed.Title, len(feed.Entries))
	}
	seen := map[string]bool{}
	for i, e := range feed.Entries {
		if seen[e.ID] || !strings.HasPrefix(e.ID, "tag:storyline,2026:event-") {
			t.Errorf("entry id %q repeated or malformed", e.ID)
		}
		seen[e.ID] = true
		if i > 0 && e.Updated > feed.Entries[i-1].Updated {
			t.Errorf("entry %d is newer than the one before it", i)
		}
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("entry updated %q: %v", e.Updated, err)
		}
	}
	// Ids are stable: a second fetch names the same entries.
	_, again, _ := get(t, h, "GET", path)
	if again != body {
		t.Error("the feed changed between two fetches of an unchanged store")
	}
}

// hostileStore holds one report whose title, outlet, URL and text carry
// markup and script; it returns the store, the story and the article.
func hostileStore(t *testing.T) (*store.Store, int64, int64) {
	t.Helper()
	published := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	text := "Officials said on Monday that the dam was attacked. <script>alert(1)</script> " +
		"A witness said: \"The water came at night.\" <img src=x onerror=alert(1)> " +
		"The minister denied that troops were sent to the border on Sunday."
	st, err := buildStore([]model.Article{{
		Source: "hostile.txt", Title: "Dam <b onmouseover=alert(1)>attacked</b>", Text: text,
		URL: "javascript:alert(1)", Outlet: "Test <i>Outlet</i>",
		Published: published, PublishedPrecision: model.PrecisionDay, Lang: "en",
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	stories, err := st.Stories(context.Background())
	if err != nil || len(stories) != 1 {
		t.Fatalf("stories %v, %v", stories, err)
	}
	arts, err := st.Articles(context.Background(), stories[0].ID)
	if err != nil || len(arts) != 1 {
		t.Fatalf("articles: %v", err)
	}
	return st, stories[0].ID, arts[0].ID
}

// TestHostileReportIsEscaped checks that a report's markup reaches the
// article and story pages only as text.
func TestHostileReportIsEscaped(t *testing.T) {
	st, storyID, articleID := hostileStore(t)
	h := New(st)
	for _, path := range []string{
		fmt.Sprintf("/articles/%d?hl=0-20", articleID),
		fmt.Sprintf("/stories/%d", storyID),
		"/",
	} {
		code, body, _ := get(t, h, "GET", path)
		if code != 200 {
			t.Fatalf("%s: status %d", path, code)
		}
		for _, bad := range []string{"<script>alert", "<img src=x", "<b onmouseover", "<i>Outlet", `href="javascript:`, "ZgotmplZ"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s renders %q unescaped", path, bad)
			}
		}
		if path != "/" && !strings.Contains(body, "Dam &lt;b onmouseover=alert(1)&gt;attacked&lt;/b&gt;") {
			t.Errorf("%s does not show the title as escaped text", path)
		}
	}
	_, body, _ := get(t, h, "GET", fmt.Sprintf("/articles/%d", articleID))
	if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(body, "&lt;img src=x onerror=alert(1)&gt;") {
		t.Error("the article text is not shown as escaped text")
	}
}

// TestSeedStoryPages builds a store from the seed reports and checks that
// each story page shows every dated event export reports, with its date
// and its independent-source count.
func TestSeedStoryPages(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(sharedDir(t, "seeds"), "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed reports: %v", err)
	}
	st := storeFromFiles(t, files)
	defer st.Close()
	h := New(st)
	doc, err := export.Build(context.Background(), st, 0)
	if err != nil {
		t.Fatal(err)
	}
	dated := 0
	for _, e := range doc.Events {
		if e.Date == nil {
			continue
		}
		dated++
		_, body, _ := get(t, h, "GET", fmt.Sprintf("/stories/%d", e.Story))
		item := eventItem(body, e.ID)
		if item == "" {
			t.Errorf("event %d (%s %s) is not on its story page", e.ID, *e.Date, e.Type)
			continue
		}
		if want := plural(e.IndependentSources, "independent source"); !strings.Contains(item, want) {
			t.Errorf("event %d does not show %q", e.ID, want)
		}
		if !strings.Contains(section(body, "timeline"), `<time datetime="`+*e.Date+`"`) {
			t.Errorf("event %d: date %s not shown", e.ID, *e.Date)
		}
		for _, ev := range e.Evidence {
			if !strings.Contains(item, fmt.Sprintf(`/articles/%d?hl=%d-%d`, ev.Article, ev.Start, ev.End)) {
				t.Errorf("event %d: evidence in article %d not linked", e.ID, ev.Article)
			}
		}
	}
	if dated == 0 {
		t.Fatal("the seeds gave no dated event")
	}
}

// eventItem returns the <li> of event id on a story page.
func eventItem(body string, id int64) string {
	i := strings.Index(body, fmt.Sprintf(`id="event-%d"`, id))
	if i < 0 {
		return ""
	}
	rest := body[i:]
	if j := strings.Index(rest, "</details>"); j >= 0 {
		return rest[:j]
	}
	return rest
}

func BenchmarkHomePage(b *testing.B) {
	benchPage(b, "/")
}

func BenchmarkStoryPage(b *testing.B) {
	st := openDemoStore(b)
	benchPage(b, fmt.Sprintf("/stories/%d", mainStory(b, st).ID))
}

func benchPage(b *testing.B, path string) {
	h := New(openDemoStore(b))
	b.ReportAllocs()
	for b.Loop() {
		if code, _, _ := get(b, h, http.MethodGet, path); code != 200 {
			b.Fatalf("%s: status %d", path, code)
		}
	}
}

func TestEntityPage(t *testing.T) {
	st := openDemoStore(t)
	h := New(st)
	ents, err := st.EntityList(context.Background(), store.EntityFilter{Type: "ORG", Limit: 1})
	if err != nil || len(ents) == 0 {
		t.Fatalf("no organisation in the demo corpus: %v", err)
	}
	code, body, _ := get(t, h, "GET", fmt.Sprintf("/entities/%d", ents[0].ID))
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	if !strings.Contains(body, "<h1>"+ents[0].Name+"</h1>") || !strings.Contains(body, `<li class="event" id="event-`) {
		t.Errorf("entity page lacks its name or its events:\n%.2000s", body)
	}
}

func TestGroupQuotes(t *testing.T) {
	petro := int64(7)
	quotes := []store.Quote{
		{ID: 1, Article: 1, Speaker: "Petro", SpeakerEntity: &petro, Text: "a", Lang: "en"},
		{ID: 2, Article: 2, Speaker: "Gustavo Petro", SpeakerEntity: &petro, Text: "b", Lang: "en"},
		{ID: 3, Article: 2, Speaker: "a spokesman", Text: "c", Lang: "en"},
		{ID: 4, Article: 1, Speaker: "", Text: "d", Lang: "en"},
		{ID: 5, Article: 3, Speaker: "Petro", SpeakerEntity: &petro, Text: "e", Lang: "es"},
	}
	got := groupQuotes(quotes, "")
	if len(got) != 3 || got[0].Speaker != "Gustavo Petro" || len(got[0].Quotes) != 3 {
		t.Fatalf("groups %+v", got)
	}
	if got[2].Speaker != "Unattributed" {
		t.Errorf("a quote without speaker is under %q", got[2].Speaker)
	}
	es := groupQuotes(quotes, "es")
	if len(es) != 1 || len(es[0].Quotes) != 1 || es[0].Quotes[0].ID != 5 || es[0].Quotes[0].Lang != "es" {
		t.Errorf("Spanish quotes %+v", es)
	}
}

func BenchmarkArticlePage(b *testing.B) {
	st := openDemoStore(b)
	arts, err := st.ArticleList(context.Background(), store.ArticleFilter{Story: mainStory(b, st).ID, Limit: 1})
	if err != nil || len(arts) == 0 {
		b.Fatal("no article", err)
	}
	benchPage(b, fmt.Sprintf("/articles/%d", arts[0].ID))
}

func TestDiverseFirst(t *testing.T) {
	ev := []store.Evidence{
		{Article: 1, Origin: "ap"}, {Article: 2, Origin: "ap"}, {Article: 3, Outlet: "El Tiempo"},
		{Article: 4, Origin: "ap"}, {Article: 5, Outlet: "Reuters", Origin: "reuters"},
	}
	var got []int64
	for _, e := range diverseFirst(ev, evidenceSource) {
		got = append(got, e.Article)
	}
	if fmt.Sprint(got) != "[1 3 5 2 4]" {
		t.Errorf("order %v, want each source's first sentence first: [1 3 5 2 4]", got)
	}
}

// TestEventNamesEachSource: an event lists one name per independent
// source, so the names match its count: a reprint of an agency's dispatch
// is the agency, and a report with no outlet is named by its article.
func TestEventNamesEachSource(t *testing.T) {
	var te timelineEvent
	for _, s := range []source{
		{Article: 1, Outlet: "Meridian Wire", Origin: "outlet:meridian wire"},
		{Article: 2, Outlet: "Atlas Monitor", Origin: "outlet:meridian wire"},
		{Article: 3, Origin: "source:notes.txt"},
		{Article: 4, Origin: "source:other.txt"},
		{Article: 5, Outlet: "Daily Planet", Origin: "wire:ap"},
	} {
		te.addSource(s)
	}
	if got := strings.Join(te.Outlets, ", "); got != "Meridian Wire, article 3, article 4, AP" {
		t.Errorf("sources named %q", got)
	}
}

func TestDateTag(t *testing.T) {
	tests := []struct{ iso, want string }{
		{"2026-03-01", `<time datetime="2026-03-01" data-precision="day">1 Mar 2026</time>`},
		{"2026-03", `<time datetime="2026-03" data-precision="month">March 2026</time>`},
		{"2026", `<time datetime="2026" data-precision="year">2026</time>`},
		{"2026-03-04T21:30", `<time datetime="2026-03-04T21:30" data-precision="minute">4 Mar 2026 21:30</time>`},
		{"2026-03-04T21:30:00Z", `<time datetime="2026-03-04T21:30:00Z" data-precision="minute">4 Mar 2026 21:30 UTC</time>`},
		{"", `<span class="undated">undated</span>`},
		{`"><script>`, `<time datetime="&#34;&gt;&lt;script&gt;" data-precision="day">&#34;&gt;&lt;script&gt;</time>`},
	}
	for _, tc := range tests {
		if got := string(dateTag(tc.iso)); got != tc.want {
			t.Errorf("dateTag(%q) = %s, want %s", tc.iso, got, tc.want)
		}
	}
}

func TestWebURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://meridian.example/a?b=c": "https://meridian.example/a?b=c",
		"http://x.example/":              "http://x.example/",
		"javascript:alert(1)":            "",
		"data:text/html,<script>":        "",
		"/relative/path":                 "",
		"https:///nohost":                "",
		"":                               "",
	} {
		if got := webURL(in); got != want {
			t.Errorf("webURL(%q) = %q, want %q", in, got, want)
		}
	}
}
