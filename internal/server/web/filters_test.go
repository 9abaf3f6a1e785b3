package web

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/store"
)

// TestFilterProblemsAreShown: a filter value a page cannot use answers 400
// with a message naming the parameter next to the form, which keeps what
// the reader typed; the filtered lists are not shown as if it applied.
func TestFilterProblemsAreShown(t *testing.T) {
	st := openDemoStore(t)
	h := New(st)
	story := mainStory(t, st)
	storyPath := fmt.Sprintf("/stories/%d", story.ID)
	tests := []struct {
		name    string
		path    string
		message string   // the problem as the reader reads it
		form    []string // what the form must show again
	}{
		{"story: impossible date", storyPath + "?from=2026-13-40", `from: want a date as YYYY-MM-DD, YYYY-MM or YYYY, got "2026-13-40"`,
			[]string{`name="from" inputmode="numeric" placeholder="YYYY-MM-DD" size="10" value="2026-13-40"`}},
		{"story: a word for a date", storyPath + "?to=yesterday", `to: want a date as YYYY-MM-DD, YYYY-MM or YYYY, got "yesterday"`,
			[]string{`value="yesterday"`}},
		{"story: inverted range", storyPath + "?from=2026-03-05&to=2026-03-01", `to: want a date on or after from (2026-03-05), got "2026-03-01"`,
			[]string{`value="2026-03-05"`, `value="2026-03-01"`}},
		{"story: unknown event type", storyPath + "?type=PARTY", `type: want one of AGREE, AID, `,
			[]string{`<option value="PARTY" selected>PARTY</option>`}},
		{"story: unknown claim status", storyPath + "?status=true", `status: want one of unconfirmed, corroborated, disputed, denied, got "true"`,
			[]string{`<option value="true" selected>true</option>`}},
		{"story: sources not a number", storyPath + "?min=two", `min: want an integer from 0 to 1048576, got "two"`,
			[]string{`id="f-min" name="min" inputmode="numeric" size="4" value="two"`}},
		{"story: language not a code", storyPath + "?lang=spanish", `lang: want a two- or three-letter language code, got "spanish"`,
			[]string{`<option value="spanish" selected>spanish</option>`}},
		{"story: page not a number", storyPath + "?page=last", `page: want a page number from 1 to 1000000, got "last"`, nil},
		{"search: impossible date", "/search?q=dam&from=2026-02-30", `from: want a date as YYYY-MM-DD, YYYY-MM or YYYY, got "2026-02-30"`,
			[]string{`value="dam"`, `value="2026-02-30"`}},
		{"search: inverted range", "/search?q=dam&from=2026&to=2025-12", `to: want a date on or after from (2026), got "2025-12"`,
			[]string{`value="2026"`, `value="2025-12"`}},
		{"search: entity not an id", "/search?q=dam&entity=abc", `entity: want a positive integer id, got "abc"`, []string{`value="dam"`}},
		{"search: language not a code", "/search?q=dam&lang=english", `lang: want a two- or three-letter language code, got "english"`,
			[]string{`<option value="english" selected>english</option>`}},
		{"search: problems without words", "/search?from=nope", `from: want a date as YYYY-MM-DD, YYYY-MM or YYYY, got "nope"`, []string{`value="nope"`}},
		{"what's new: a word for a date", "/new?since=yesterday", `since: want a date as YYYY-MM-DD or an RFC 3339 time such as 2026-03-01T12:00:00Z, got "yesterday"`,
			[]string{`name="since" placeholder="YYYY-MM-DD" size="20" value="yesterday"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, body, _ := get(t, h, http.MethodGet, tc.path)
			if code != http.StatusBadRequest {
				t.Fatalf("status %d, want 400", code)
			}
			form := formHTML(body)
			if !strings.Contains(form, `<div class="problems" id="filter-problems" role="alert">`) {
				t.Fatalf("the form shows no problem:\n%.1500s", form)
			}
			if want := html.EscapeString(tc.message); !strings.Contains(form, want) {
				t.Errorf("the form lacks %q:\n%.1500s", want, form)
			}
			for _, want := range tc.form {
				if !strings.Contains(form, want) {
					t.Errorf("the form lacks %q", want)
				}
			}
			for _, id := range []string{"timeline", "claims", "quotes"} {
				if section(body, id) != "" || strings.Contains(body, `href="#`+id+`"`) {
					t.Errorf("section %s shown or linked although its filter is wrong", id)
				}
			}
			if strings.Contains(body, `class="results"`) || strings.Contains(body, `id="h-events"`) {
				t.Error("results shown although a filter is wrong")
			}
		})
	}
}

// formHTML is the page's filter form.
func formHTML(body string) string {
	i := strings.Index(body, `<form class="filters"`)
	if i < 0 {
		return ""
	}
	j := strings.Index(body[i:], "</form>")
	if j < 0 {
		return body[i:]
	}
	return body[i : i+j]
}

// TestFiltersThatApply: valid filters, in any case and at any precision
// the API takes, answer 200 with the form showing them and no problem.
func TestFiltersThatApply(t *testing.T) {
	st := openDemoStore(t)
	h := New(st)
	story := mainStory(t, st)
	storyPath := fmt.Sprintf("/stories/%d", story.ID)
	tests := []struct {
		path string
		form []string
	}{
		{storyPath + "?type=assault&status=Denied&min=0&from=2026-03&to=2026-03-31", []string{`<option value="ASSAULT" selected>`, `<option value="denied" selected>`, `value="2026-03"`}},
		{storyPath + "?from=2026-03-04&to=2026-03-04&lang=ES", []string{`<option value="es" selected>`}},
		{storyPath + "?from=2026-03-04&to=2026-03", nil}, // a month holds its days
		{"/search?q=dam&lang=en&from=2026-03-01&to=2026", []string{`<option value="en" selected>English</option>`}},
		{"/search?q=dam&lang=", []string{`<option value="">Any</option>`, `<option value="es">Spanish</option>`}},
		{"/new?since=2026-03-01", []string{`value="2026-03-01"`}},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			code, body, _ := get(t, h, http.MethodGet, tc.path)
			if code != http.StatusOK {
				t.Fatalf("status %d, want 200\n%.1000s", code, formHTML(body))
			}
			form := formHTML(body)
			if strings.Contains(form, "filter-problems") {
				t.Errorf("a problem is shown:\n%.1500s", form)
			}
			for _, want := range tc.form {
				if !strings.Contains(form, want) {
					t.Errorf("the form lacks %q:\n%.1500s", want, form)
				}
			}
		})
	}
}

// TestPagesWithoutFormRejectBadPage: the stories list and an entity's page
// take only ?page=, and say when it is not a page number.
func TestPagesWithoutFormRejectBadPage(t *testing.T) {
	st := openDemoStore(t)
	h := New(st)
	ents, err := st.EntityList(t.Context(), store.EntityFilter{Story: mainStory(t, st).ID, Limit: 1})
	if err != nil || len(ents) == 0 {
		t.Fatalf("entities: %v %d", err, len(ents))
	}
	for _, path := range []string{"/?page=0", "/?page=x", fmt.Sprintf("/entities/%d?page=-2", ents[0].ID)} {
		code, body, _ := get(t, h, http.MethodGet, path)
		if code != http.StatusBadRequest || !strings.Contains(body, "page: want a page number from 1 to 1000000") {
			t.Errorf("%s: status %d, want 400 naming page\n%.500s", path, code, body)
		}
	}
	if code, _, _ := get(t, h, http.MethodGet, "/?page=2"); code != http.StatusOK {
		t.Errorf("/?page=2: status %d", code)
	}
}

// TestSearchLanguageChoices: the language field offers the languages
// storyline analyzes, and a search narrowed to one keeps it chosen and
// finds only its reports.
func TestSearchLanguageChoices(t *testing.T) {
	h := New(openDemoStore(t))
	code, body, _ := get(t, h, http.MethodGet, "/search?"+url.Values{"q": {"presa OR dam"}, "lang": {"es"}}.Encode())
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	want := `<select id="s-lang" name="lang"><option value="">Any</option><option value="en">English</option><option value="es" selected>Spanish</option></select>`
	if !strings.Contains(body, want) {
		t.Errorf("language field: want %s\n%.1500s", want, formHTML(body))
	}
	if strings.Contains(body, `<li lang="en">`) || !strings.Contains(body, `<li lang="es">`) {
		t.Error("lang=es shows a report not in Spanish, or none in Spanish")
	}
}

// BenchmarkStoryPageBadFilter: a page whose filters are wrong skips the
// filtered queries, so it costs less than the page it stands in for.
func BenchmarkStoryPageBadFilter(b *testing.B) {
	st := openDemoStore(b)
	h := New(st)
	path := fmt.Sprintf("/stories/%d?from=2026-13-40&type=party&min=x", mainStory(b, st).ID)
	b.ReportAllocs()
	for b.Loop() {
		if code, _, _ := get(b, h, http.MethodGet, path); code != http.StatusBadRequest {
			b.Fatalf("%s: status %d, want 400", path, code)
		}
	}
}
