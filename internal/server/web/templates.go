package web

import (
	"html"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/story"
	"github.com/storyline/storyline/internal/text"
)

// pageNames are the page templates; each is parsed together with the
// shared layout.
var pageNames = []string{"home", "story", "entity", "article", "search", "new", "error"}

var funcs = template.FuncMap{
	"date":     dateTag,
	"join":     strings.Join,
	"has":      slices.Contains[[]string],
	"query":    withQuery,
	"plural":   plural,
	"webURL":   webURL,
	"language": languageName,
	"figures":  story.FigureReports,
	"languages": func(codes []string) string {
		names := make([]string, len(codes))
		for i, c := range codes {
			names[i] = languageName(c)
		}
		return strings.Join(names, ", ")
	},
}

// languageNames maps language codes to readers' names, from data/languages.txt.
var languageNames = func() map[string]string {
	out := map[string]string{}
	for _, line := range text.ReadLines(mustReadData("data/languages.txt")) {
		if code, name, ok := strings.Cut(line, "\t"); ok {
			out[code] = name
		}
	}
	return out
}()

// languageName is a language's name, or its code when the name is unknown.
func languageName(code string) string {
	if name, ok := languageNames[code]; ok {
		return name
	}
	return code
}

func parsePages() map[string]*template.Template {
	layout := template.Must(template.New("layout").Funcs(funcs).ParseFS(templateFS, "templates/layout.html"))
	pages := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		t := template.Must(layout.Clone())
		pages[name] = template.Must(t.ParseFS(templateFS, "templates/"+name+".html"))
	}
	return pages
}

// readableDate is the server's rendering of an ISO date at its precision
// ("2026-03-01", "2026-03", "2026", or with a time), shown until the
// reader's browser formats it in their own locale.
func readableDate(iso string) string {
	layouts := []struct{ in, out string }{
		{"2006-01-02T15:04:05Z07:00", "2 Jan 2006 15:04 MST"},
		{"2006-01-02T15:04", "2 Jan 2006 15:04"},
		{"2006-01-02", "2 Jan 2006"},
		{"2006-01", "January 2006"},
		{"2006", "2006"},
	}
	for _, l := range layouts {
		if t, err := time.Parse(l.in, iso); err == nil {
			return t.Format(l.out)
		}
	}
	return iso
}

// dateTag renders an ISO date as a <time> element with a readable
// fallback, or "undated" when the date is unknown. The precision goes
// along so that the script formats a month as a month.
func dateTag(iso string) template.HTML {
	if iso == "" {
		return `<span class="undated">undated</span>`
	}
	prec := "day"
	switch {
	case len(iso) == 4:
		prec = "year"
	case len(iso) == 7:
		prec = "month"
	case len(iso) > 10:
		prec = "minute"
	}
	e := html.EscapeString(iso)
	return template.HTML(`<time datetime="` + e + `" data-precision="` + prec + `">` + html.EscapeString(readableDate(iso)) + `</time>`)
}

// webURL keeps a report's address only when it is a web page (http or
// https); any other scheme is no link a reader should follow.
func webURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return raw
}

// withQuery returns the query string q with key set to value, keeping
// the others (for pagination links that keep the filters).
func withQuery(q url.Values, key, value string) string {
	c := url.Values{}
	for k, v := range q {
		c[k] = v
	}
	c.Set(key, value)
	return "?" + c.Encode()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
