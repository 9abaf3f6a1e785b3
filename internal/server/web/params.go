package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/storyline/storyline/internal/server/query"
)

// The page forms follow the JSON API's rules for the same parameters
// (package query), so that a filter means one thing
// wherever it is typed. A value the page cannot use is never dropped
// silently: each becomes a problem the page shows next to its form, with
// status 400, naming the parameter and what it wants.

// queryReader reads a page's query parameters, collecting every problem
// so that the reader sees all of them at once.
type queryReader struct {
	q        url.Values
	problems []string
}

func newQueryReader(r *http.Request) *queryReader { return &queryReader{q: r.URL.Query()} }

func (p *queryReader) problem(name, format string, args ...any) {
	p.problems = append(p.problems, name+": "+fmt.Sprintf(format, args...))
}

// str is a parameter as typed, without surrounding space.
func (p *queryReader) str(name string) string { return strings.TrimSpace(p.q.Get(name)) }

// id reads a positive record id; 0 when absent.
func (p *queryReader) id(name string) int64 {
	s := p.str(name)
	if s == "" {
		return 0
	}
	n, problem := query.ID(s)
	if problem != "" {
		p.problem(name, "%s", problem)
	}
	return n
}

// count reads an integer from 0 to most; 0 when absent.
func (p *queryReader) count(name string, most int) int {
	s := p.str(name)
	if s == "" {
		return 0
	}
	n, problem := query.Count(s, most)
	if problem != "" {
		p.problem(name, "%s", problem)
	}
	return n
}

// maxPage bounds ?page= so that the offset cannot overflow.
const maxPage = 1_000_000

// page reads the 1-based ?page= of a list of pages of size.
func (p *queryReader) page(size int) paging {
	pg := paging{Page: 1, Size: size}
	s := p.str("page")
	if s == "" {
		return pg
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxPage {
		p.problem("page", "want a page number from 1 to %d, got %q", maxPage, s)
		return pg
	}
	pg.Page = n
	return pg
}

// date reads an ISO date at day, month or year precision, the precisions
// storyline stores; it is returned as typed, for the form to show.
func (p *queryReader) date(name string) string {
	s := p.str(name)
	if s == "" {
		return ""
	}
	if problem := query.Date(s); problem != "" {
		p.problem(name, "%s", problem)
	}
	return s
}

// dateRange reads from and to, and checks that to does not come before
// from (a coarser date such as "2026-03" overlaps the days it holds).
func (p *queryReader) dateRange(fromName, toName string) (from, to string) {
	n := len(p.problems)
	from, to = p.date(fromName), p.date(toName)
	if len(p.problems) == n && from != "" && to != "" && to < from && !strings.HasPrefix(from, to) {
		p.problem(toName, "want a date on or after %s (%s), got %q", fromName, from, to)
	}
	return from, to
}

// oneOf reads a value from a closed set, whatever its case, returning the
// set's spelling; a value outside the set is returned as typed.
func (p *queryReader) oneOf(name string, allowed []string) string {
	s := p.str(name)
	if s == "" {
		return ""
	}
	v, problem := query.OneOf(s, allowed)
	if problem != "" {
		p.problem(name, "%s", problem)
		return s
	}
	return v
}

// lang reads a language code such as "en" or "es".
func (p *queryReader) lang(name string) string {
	s := p.str(name)
	if s == "" {
		return ""
	}
	if len(s) < 2 || len(s) > 3 || strings.Trim(strings.ToLower(s), "abcdefghijklmnopqrstuvwxyz") != "" {
		p.problem(name, "want a two- or three-letter language code, got %q", s)
		return s
	}
	return strings.ToLower(s)
}
