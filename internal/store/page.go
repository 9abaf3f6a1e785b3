package store

import "strings"

// paged appends LIMIT and OFFSET to a query when limit > 0, so that lists
// served to readers stop at a page and callers reading everything pass 0.
func paged(q string, args []any, limit, offset int) (string, []any) {
	if limit <= 0 {
		return q, args
	}
	return q + ` LIMIT ? OFFSET ?`, append(args, limit, max(offset, 0))
}

// likeEscaper protects LIKE's wildcards in user input; queries using it
// say ESCAPE '\'.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func likeEscape(s string) string { return likeEscaper.Replace(s) }
