package main

import (
	"context"
	"fmt"
	"io"

	"github.com/storyline/storyline/internal/store"
)

func init() {
	register(&command{
		name:    "quotes",
		usage:   "[--db PATH] [--story ID] [--speaker NAME] [--format text|json]",
		summary: "who said what, with the report each quote comes from",
		run:     runQuotes,
	})
}

func runQuotes(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, commands["quotes"])
	storyID := fs.Int64("story", 0, "only this story")
	speaker := fs.String("speaker", "", "only speakers whose name contains this")
	format := fs.String("format", "text", "output format: text or json")
	if err := parseFormat(fs, args, format, "text", "json"); err != nil {
		return err
	}
	st, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := checkStory(ctx, st, *storyID); err != nil {
		return err
	}
	quotes, err := st.Quotes(ctx, store.QuoteFilter{Story: *storyID, Speaker: *speaker})
	if err != nil {
		return err
	}
	return writeList(e, *format, quotes, "no quotes", func(w io.Writer, q store.Quote) {
		who := q.Speaker
		if who == "" {
			who = "(unattributed)"
		}
		fmt.Fprintf(w, "%s — %s, %s\n  “%s”\n", who, outletOr(q.Outlet, q.Article), dash(q.Date), oneLine(q.Text, 400))
	})
}
