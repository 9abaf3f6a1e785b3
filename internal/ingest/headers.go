package ingest

import (
	"regexp"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// headerFields maps each word that may name a header to its field.
var headerFields, headerKeyRe = loadHeaderFields()

func loadHeaderFields() (map[string]string, *regexp.Regexp) {
	fields := map[string]string{}
	var words []string
	for _, line := range text.ReadLines(mustData("headers.txt")) {
		f := strings.Fields(line)
		for _, w := range f[1:] {
			fields[strings.ToLower(w)] = f[0]
			words = append(words, w)
		}
	}
	return fields, regexp.MustCompile(`(?i)^[ \t]*(` + alternation(words) + `)[ \t]*(:?)[ \t]*`)
}

// headers are the fields a plain-text report declared before its body.
type headers struct {
	title, url, outlet, lang string
	published                time.Time
	precision                model.Precision
}

// parseHeaders reads header fields at the start of s and returns them with
// the offset where the body begins. Only a date may share its line with
// the body; a word such as "Date" opening ordinary prose is no header,
// because a date value must follow it.
func parseHeaders(s string) (headers, int) {
	var h headers
	pos := 0
	for pos < len(s) {
		lineEnd := strings.IndexByte(s[pos:], '\n')
		if lineEnd < 0 {
			lineEnd = len(s)
		} else {
			lineEnd += pos
		}
		line := s[pos:lineEnd]
		if strings.TrimSpace(line) == "" && h == (headers{}) {
			pos = lineEnd + 1
			continue
		}
		m := headerKeyRe.FindStringSubmatchIndex(line)
		if m == nil {
			break
		}
		field := headerFields[strings.ToLower(line[m[2]:m[3]])]
		hasColon := m[5] > m[4]
		value := line[m[1]:]
		if field == "date" {
			tok := isoDateToken.FindString(value)
			if tok == "" && hasColon {
				tok = strings.TrimSpace(value)
			}
			t, p, ok := parseTimestamp(tok)
			if !ok {
				break
			}
			h.published, h.precision = t, p
			rest := strings.TrimLeft(value[len(tok):], " \t")
			if strings.TrimSpace(rest) != "" {
				return h, lineEnd - len(rest)
			}
			pos = lineEnd + 1
			continue
		}
		if !hasColon {
			break
		}
		value = strings.TrimSpace(value)
		switch field {
		case "title":
			h.title = value
		case "url":
			h.url = value
		case "outlet":
			h.outlet = value
		case "lang":
			h.lang = strings.ToLower(value)
		}
		pos = lineEnd + 1
	}
	if h == (headers{}) {
		return h, 0
	}
	return h, min(pos, len(s))
}
