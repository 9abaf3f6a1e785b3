// Package story links analysed reports to what is already stored: it
// groups them into stories, merges their events, resolves entities across
// documents, matches claims and derives how many independent sources
// stand behind each.
package story

import (
	"embed"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

//go:embed data/*.txt
var dataFS embed.FS

type wire struct {
	name    string
	credits []string
}

var wires = loadWires()

func loadWires() []wire {
	b, err := dataFS.ReadFile("data/wires.txt")
	if err != nil {
		panic(err)
	}
	var out []wire
	for _, line := range text.ReadLines(b) {
		parts := strings.Split(line, "|")
		w := wire{name: strings.TrimSpace(parts[0])}
		for _, p := range parts[1:] {
			if p = strings.TrimSpace(p); p != "" {
				w.credits = append(w.credits, p)
			}
		}
		out = append(out, w)
	}
	return out
}

// Origin returns the key that identifies a report's independent source:
// the news agency it credits for its copy ("(Reuters) -", "This is
// reported by the AP."), else the outlet its opening dateline credits (a
// paper reprinting a smaller agency's dispatch keeps its dateline),
// else its outlet, else its site, else the file it came from. Reports
// with the same origin count once.
func Origin(a model.Article) string {
	if w := wireCredit(a.Text); w != "" {
		return "wire:" + strings.ToLower(w)
	}
	if c := text.DatelineCredit(a.Text); c != "" {
		return "outlet:" + strings.ToLower(c)
	}
	if a.Outlet != "" {
		return "outlet:" + strings.ToLower(strings.TrimSpace(a.Outlet))
	}
	if u, err := url.Parse(a.URL); err == nil && u.Host != "" {
		return "site:" + strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	src := a.Source
	if i := strings.LastIndexByte(src, '#'); i > 0 {
		src = src[:i] // items of one file share its origin
	}
	return "source:" + src
}

// OriginName is what readers call an origin: the agency's name for a
// wire credit, the outlet or site otherwise, and "" for a report known
// only by the file or feed it came from, whose path is nobody's name.
func OriginName(origin string) string {
	kind, key, _ := strings.Cut(origin, ":")
	switch kind {
	case "wire":
		for _, w := range wires {
			if strings.ToLower(w.name) == key {
				return w.name
			}
		}
		return key
	case "outlet", "site":
		return key
	}
	return ""
}

// SourceName is what readers call the independent source behind a
// report with this outlet and origin: the agency or outlet its origin
// names (written as the report's outlet writes it when they agree), else
// its outlet or site; "" for a report known only by its file.
func SourceName(outlet, origin string) string {
	kind, key, _ := strings.Cut(origin, ":")
	outlet = strings.TrimSpace(outlet)
	if kind == "outlet" && !strings.EqualFold(outlet, key) {
		// The outlet a dateline credits: its words, capitalized.
		words := strings.Fields(key)
		for i, w := range words {
			r, n := utf8.DecodeRuneInString(w)
			words[i] = string(unicode.ToUpper(r)) + w[n:]
		}
		return strings.Join(words, " ")
	}
	if kind == "wire" {
		return OriginName(origin)
	}
	if outlet != "" {
		return outlet
	}
	return OriginName(origin)
}

// SourceLabel is SourceName, or for a report known only by its file,
// the report itself ("article 12"): readers can tell such sources apart.
func SourceLabel(article int64, outlet, origin string) string {
	if name := SourceName(outlet, origin); name != "" {
		return name
	}
	return "article " + strconv.FormatInt(article, 10)
}

// wireCredit finds an agency credit in the opening or closing lines of a
// report: a dateline credit "(AP) —", a sign-off line "— Reuters", or a
// sentence saying the report comes from the agency.
func wireCredit(body string) string {
	head := body
	if len(head) > 600 {
		head = head[:600]
	}
	tail := body
	if len(tail) > 300 {
		tail = tail[len(tail)-300:]
	}
	for _, w := range wires {
		for _, c := range w.credits {
			if strings.Contains(head, "("+c+")") || strings.Contains(tail, "("+c+")") {
				return w.name
			}
			for _, lead := range []string{"reported by ", "according to ", "informó ", "según "} {
				if creditSentence(head, lead+c) || creditSentence(head, lead+"the "+c) {
					return w.name
				}
			}
			if strings.HasSuffix(strings.TrimSpace(tail), "— "+c) || strings.HasSuffix(strings.TrimSpace(tail), "- "+c) {
				return w.name
			}
		}
	}
	return ""
}

// creditSentence reports whether phrase ends a short sentence of s ("This
// is reported by the AP."), not merely appears inside a longer one.
func creditSentence(s, phrase string) bool {
	i := strings.Index(s, phrase)
	if i < 0 {
		return false
	}
	rest := s[i+len(phrase):]
	if rest == "" || !(rest[0] == '.' || rest[0] == '\n') {
		return false
	}
	start := strings.LastIndexAny(s[:i], ".\n")
	return i-start < 40
}
