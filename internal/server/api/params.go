package api

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/server/query"
)

const (
	defaultLimit = 50
	maxLimit     = 500
)

// params reads query parameters, keeping the first error so that a
// handler can read all it needs and check once.
type params struct {
	q   url.Values
	err *Error
}

func newParams(r *http.Request) *params { return &params{q: r.URL.Query()} }

func (p *params) fail(e *Error) {
	if p.err == nil {
		p.err = e
	}
}

func (p *params) str(name string) string { return strings.TrimSpace(p.q.Get(name)) }

// id reads a positive record id; 0 when absent.
func (p *params) id(name string) int64 {
	s := p.str(name)
	if s == "" {
		return 0
	}
	n, problem := query.ID(s)
	if problem != "" {
		p.fail(badParam(name, "%s", problem))
	}
	return n
}

// count reads a non-negative integer no larger than max; def when absent.
func (p *params) count(name string, def, max int) int {
	s := p.str(name)
	if s == "" {
		return def
	}
	n, problem := query.Count(s, max)
	if problem != "" {
		p.fail(badParam(name, "%s", problem))
		return def
	}
	return n
}

// date reads an ISO date at day, month or year precision.
func (p *params) date(name string) string {
	s := p.str(name)
	if s == "" {
		return ""
	}
	if problem := query.Date(s); problem != "" {
		p.fail(badParam(name, "%s", problem))
		return ""
	}
	return s
}

// oneOf reads a value from a closed set; "" when absent.
func (p *params) oneOf(name string, allowed ...string) string {
	s := p.str(name)
	if s == "" {
		return ""
	}
	v, problem := query.OneOf(s, allowed)
	if problem != "" {
		p.fail(badParam(name, "%s", problem))
	}
	return v
}

// list reads comma-separated values from a closed set, allowing repeats
// of the parameter.
func (p *params) list(name string, allowed func(string) bool) []string {
	var out []string
	for _, v := range p.q[name] {
		for _, s := range strings.Split(v, ",") {
			s = strings.ToUpper(strings.TrimSpace(s))
			if s == "" {
				continue
			}
			if !allowed(s) {
				p.fail(badParam(name, "unknown value %q", s))
				return nil
			}
			out = append(out, s)
		}
	}
	return out
}

// moment reads an RFC 3339 time or an ISO day (midnight UTC).
func (p *params) moment(name string, required bool) time.Time {
	s := p.str(name)
	if s == "" {
		if required {
			p.fail(badParam(name, "required: an RFC 3339 time or a date as YYYY-MM-DD"))
		}
		return time.Time{}
	}
	// An offset's "+" left unencoded in a URL arrives as a space.
	if t, err := time.Parse(time.RFC3339, strings.ReplaceAll(s, " ", "+")); err == nil {
		return t
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t
	}
	p.fail(badParam(name, "want an RFC 3339 time or a date as YYYY-MM-DD, got %q", s))
	return time.Time{}
}

// page reads limit and offset.
func (p *params) page() (limit, offset int) {
	s := p.str("limit")
	limit = defaultLimit
	if s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			p.fail(badParam("limit", "want a positive integer, got %q", s))
		} else {
			limit = min(n, maxLimit)
		}
	}
	offset = p.count("offset", 0, 1<<31-1)
	return limit, offset
}

// pathID reads the {id} of a route.
func pathID(r *http.Request) (int64, *Error) {
	s := r.PathValue("id")
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, &Error{Status: http.StatusBadRequest, Message: "id: want a positive integer, got " + strconv.Quote(s)}
	}
	return n, nil
}

// Page is one page of a list. A page holds items limit+1 were asked for,
// so HasMore is known without counting the whole list.
type Page[T any] struct {
	Items      []T  `json:"items"`
	Limit      int  `json:"limit"`
	Offset     int  `json:"offset"`
	HasMore    bool `json:"has_more"`
	NextOffset *int `json:"next_offset"`
	// Total is set where counting is cheap.
	Total *int `json:"total,omitempty"`
}

// pageOf trims items fetched with limit+1 to a page.
func pageOf[T any](items []T, limit, offset int) Page[T] {
	p := Page[T]{Items: items, Limit: limit, Offset: offset}
	if len(items) > limit {
		p.Items, p.HasMore = items[:limit], true
		next := offset + limit
		p.NextOffset = &next
	}
	if p.Items == nil {
		p.Items = []T{}
	}
	return p
}
