package store

import (
	"context"
	"strings"
)

// queryColumn returns the one column a query selects.
func queryColumn[T any](ctx context.Context, q queryer, query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// rowsPerStatement is how many rows one statement of execRows carries.
const rowsPerStatement = 100

// execRows runs a statement over n rows, at most perStatement rows at a
// time: head is the statement up to its rows, columns how many values a
// row has, tail what follows the rows, and values appends row i's values.
// The linker writes each kind of a report's records this way: one
// statement per row would cost it more than writing the rows.
func (t *Tx) execRows(ctx context.Context, head string, columns int, tail string, n, perStatement int, values func(args []any, i int) []any) error {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", columns), ", ") + ")"
	for start := 0; start < n; start += perStatement {
		end := min(start+perStatement, n)
		args := make([]any, 0, columns*(end-start))
		for i := start; i < end; i++ {
			args = values(args, i)
		}
		q := head + strings.TrimSuffix(strings.Repeat(row+", ", end-start), ", ") + tail
		if _, err := t.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}
