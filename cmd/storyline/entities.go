package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/storyline/storyline/internal/store"
)

func init() {
	register(&command{
		name:    "entities",
		usage:   "[--db PATH] [--story ID] [--limit N] [--format text|json]",
		summary: "people, organizations and places, with the names reports use for them",
		run:     runEntities,
	})
}

func runEntities(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, commands["entities"])
	storyID := fs.Int64("story", 0, "only this story")
	limit := fs.Int("limit", 50, "show at most N entities, most mentioned first (0: all)")
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
	ents, err := st.Entities(ctx, *storyID, *limit)
	if err != nil {
		return err
	}
	return writeList(e, *format, ents, "no entities", func(w io.Writer, en store.Entity) {
		fmt.Fprintf(w, "%-4s %-32s %4d %s", en.Type, en.Name, en.Mentions, nounFor(en.Mentions, "mention"))
		var others []string
		for _, a := range en.Aliases {
			if a != en.Name {
				others = append(others, a)
			}
		}
		if len(others) > 0 {
			fmt.Fprintf(w, "  aka %s", strings.Join(others, "; "))
		}
		fmt.Fprintln(w)
	})
}
