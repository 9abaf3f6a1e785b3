package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// SearchQuery is a full-text search over article titles and text.
type SearchQuery struct {
	// Text holds the words to find; every word must occur unless "OR"
	// stands between two (diacritics and case are ignored). A word ending
	// in * matches as a prefix.
	Text     string
	Lang     string
	Outlet   string // matched whatever its case
	From, To string // ISO dates bounding the publication date; "" for open
	// Entity keeps articles that mention this entity.
	Entity        int64
	Limit, Offset int
}

// SearchHit is one matching article with the passage that matched.
type SearchHit struct {
	ArticleSummary
	// Snippet is a short passage around the matches, plain text.
	Snippet string `json:"snippet"`
	// Highlights are the byte ranges of matched words within Snippet.
	Highlights [][2]int `json:"highlights"`
}

// FacetCount is how many matching articles share one value, among the
// facetHits newest matches.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// EntityFacet is how many of the best matches mention an entity.
type EntityFacet struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Type  string `json:"type"`
	Count int    `json:"count"`
}

// SearchFacets break the matches down for narrowing a search.
type SearchFacets struct {
	Lang   []FacetCount `json:"lang"`
	Outlet []FacetCount `json:"outlet"`
	// Entity counts over the entityFacetHits newest matches only:
	// counting mentions across every match of a common word would cost a
	// scan of most of the store.
	Entity []EntityFacet `json:"entity"`
}

// SearchResult is a page of hits, newest stored first, with facets.
type SearchResult struct {
	Total  int          `json:"total"`
	Hits   []SearchHit  `json:"hits"`
	Facets SearchFacets `json:"facets"`
}

// ErrEmptySearch is returned for a query without a word to look for.
var ErrEmptySearch = errors.New("search query has no words")

const (
	facetHits       = 5000
	entityFacetHits = 200
	facetValues     = 20
	// Private-use characters mark matches in FTS5 snippets; they cannot
	// occur in stored text that a reader typed.
	markOpen  = "\ue000"
	markClose = "\ue001"
)

// ftsQuery turns what a reader typed into an FTS5 query: each word quoted,
// so that FTS5 operators and punctuation in the input are plain text.
func ftsQuery(s string) string {
	var terms []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '*'
	}) {
		if f == "OR" {
			// The one operator readers type; between two words only.
			if len(terms) > 0 && terms[len(terms)-1] != "OR" {
				terms = append(terms, "OR")
			}
			continue
		}
		prefix := strings.HasSuffix(f, "*")
		f = strings.ReplaceAll(f, "*", "")
		if f == "" {
			continue
		}
		term := `"` + f + `"`
		if prefix {
			term += "*"
		}
		terms = append(terms, term)
	}
	if len(terms) > 0 && terms[len(terms)-1] == "OR" {
		terms = terms[:len(terms)-1]
	}
	return strings.Join(terms, " ")
}

// Search finds articles by their words, the most recently stored first:
// the index keeps no word positions to rank by (see migration 3), and for
// a developing story the latest reports are what a reader looks for.
func (s *Store) Search(ctx context.Context, q SearchQuery) (*SearchResult, error) {
	match := ftsQuery(q.Text)
	if match == "" {
		return nil, ErrEmptySearch
	}
	where := []string{"articles_fts MATCH ?"}
	args := []any{match}
	if q.Lang != "" {
		where = append(where, "a.lang = ?")
		args = append(args, q.Lang)
	}
	if q.Outlet != "" {
		// Readers type an outlet's name in any case ("reuters").
		where = append(where, "a.outlet = ? COLLATE NOCASE")
		args = append(args, q.Outlet)
	}
	if q.From != "" {
		where = append(where, "a.published >= ?")
		args = append(args, q.From)
	}
	if q.To != "" {
		// "~" sorts after any time of day that follows the date.
		where = append(where, "a.published != '' AND a.published <= ?")
		args = append(args, q.To+"~")
	}
	if q.Entity != 0 {
		where = append(where, "a.id IN (SELECT article_id FROM mentions WHERE entity_id = ?)")
		args = append(args, q.Entity)
	}
	from := ` FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE ` + strings.Join(where, " AND ")
	res := &SearchResult{Hits: []SearchHit{}}
	count := `SELECT COUNT(*)` + from
	if len(where) == 1 {
		// Every indexed row is an article: the index alone counts the
		// matches, without reading thousands of articles.
		count = `SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?`
	}
	if err := s.read.QueryRowContext(ctx, count, args...).Scan(&res.Total); err != nil {
		return nil, err
	}
	if res.Total == 0 {
		res.Facets = SearchFacets{Lang: []FacetCount{}, Outlet: []FacetCount{}, Entity: []EntityFacet{}}
		return res, nil
	}
	hq, hargs := paged(`SELECT `+articleSummaryColumns+`, snippet(articles_fts, -1, '`+markOpen+`', '`+markClose+`', '…', 24)`+from+
		` ORDER BY articles_fts.rowid DESC`, append([]any{}, args...), q.Limit, q.Offset)
	rows, err := s.read.QueryContext(ctx, hq, hargs...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var h SearchHit
		var snippet string
		var ps, prec string
		var story, dup int64
		a := &h.ArticleSummary
		if err := rows.Scan(&a.ID, &a.Source, &a.URL, &a.Outlet, &a.Title, &ps, &prec, &a.Lang, &story, &dup, &snippet); err != nil {
			rows.Close()
			return nil, err
		}
		a.setDates(ps, prec, story, dup)
		h.Snippet, h.Highlights = splitMarks(snippet)
		res.Hits = append(res.Hits, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if res.Facets.Lang, res.Facets.Outlet, err = s.facets(ctx, from, args); err != nil {
		return nil, err
	}
	res.Facets.Entity, err = s.entityFacet(ctx, from, args)
	return res, err
}

// facets counts the languages and outlets of the facetHits newest
// matches, in one pass over them.
func (s *Store) facets(ctx context.Context, from string, args []any) (langs, outlets []FacetCount, err error) {
	rows, err := s.read.QueryContext(ctx, `SELECT lang, outlet, COUNT(*) FROM (SELECT a.lang AS lang, a.outlet AS outlet`+from+`
		ORDER BY articles_fts.rowid DESC LIMIT ?) GROUP BY 1, 2`, append(append([]any{}, args...), facetHits)...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	langCount, outletCount := map[string]int{}, map[string]int{}
	for rows.Next() {
		var lang, outlet string
		var n int
		if err := rows.Scan(&lang, &outlet, &n); err != nil {
			return nil, nil, err
		}
		langCount[lang] += n
		outletCount[outlet] += n
	}
	return topValues(langCount), topValues(outletCount), rows.Err()
}

// topValues are the facetValues most frequent non-empty values, most
// frequent first, ties in value order.
func topValues(counts map[string]int) []FacetCount {
	out := []FacetCount{}
	for v, n := range counts {
		if v != "" {
			out = append(out, FacetCount{v, n})
		}
	}
	slices.SortFunc(out, func(a, b FacetCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Value, b.Value))
	})
	return out[:min(len(out), facetValues)]
}

func (s *Store) entityFacet(ctx context.Context, from string, args []any) ([]EntityFacet, error) {
	rows, err := s.read.QueryContext(ctx, `
		SELECT e.id, e.name, e.type, COUNT(DISTINCT m.article_id) FROM mentions m JOIN entities e ON e.id = m.entity_id
		WHERE m.article_id IN (SELECT a.id`+from+` ORDER BY articles_fts.rowid DESC LIMIT ?)
		GROUP BY e.id ORDER BY 4 DESC, e.id LIMIT ?`, append(append([]any{}, args...), entityFacetHits, facetValues)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []EntityFacet{}
	for rows.Next() {
		var f EntityFacet
		if err := rows.Scan(&f.ID, &f.Name, &f.Type, &f.Count); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// splitMarks removes the match marks from an FTS5 snippet, returning the
// plain text and where the marks were.
func splitMarks(s string) (string, [][2]int) {
	var b strings.Builder
	spans := [][2]int{}
	open := -1
	for s != "" {
		i := strings.IndexAny(s, markOpen+markClose)
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		if strings.HasPrefix(s[i:], markOpen) {
			open = b.Len()
			s = s[i+len(markOpen):]
			continue
		}
		if open >= 0 {
			spans = append(spans, [2]int{open, b.Len()})
			open = -1
		}
		s = s[i+len(markClose):]
	}
	return b.String(), spans
}

// indexText adds the articles written in a transaction to the full-text
// index just before it commits. FTS5 writes what it holds in memory as a
// new index segment whenever a statement opens a savepoint, which the
// linker's statements do; indexing each article as it is written would
// make a segment per article and keep FTS5 merging them.
func (t *Tx) indexText(ctx context.Context) error {
	err := inChunks(t.unindexed, func(chunk []int64) error {
		_, err := t.tx.ExecContext(ctx, `INSERT INTO articles_fts (rowid, title, text)
			SELECT id, title, text FROM articles WHERE id IN (`+placeholders(len(chunk))+`)`, int64Args(chunk)...)
		return err
	})
	t.unindexed = t.unindexed[:0]
	if err != nil {
		return fmt.Errorf("index article text: %w", err)
	}
	return nil
}
