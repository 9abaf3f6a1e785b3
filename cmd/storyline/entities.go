package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/storyline/storyline/internal/export"
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
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	st, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	ents, err := st.Entities(ctx, *storyID, *limit)
	if err != nil {
		return err
	}
	if *format == "json" {
		if ents == nil {
			ents = []store.Entity{}
		}
		return export.WriteJSON(e.stdout, ents)
	}
	if len(ents) == 0 {
		fmt.Fprintln(e.stdout, "no entities")
		return nil
	}
	for _, en := range ents {
		fmt.Fprintf(e.stdout, "%-4s %-32s %4d mentions", en.Type, en.Name, en.Mentions)
		var others []string
		for _, a := range en.Aliases {
			if a != en.Name {
				others = append(others, a)
			}
		}
		if len(others) > 0 {
			fmt.Fprintf(e.stdout, "  aka %s", strings.Join(others, "; "))
		}
		fmt.Fprintln(e.stdout)
	}
	return nil
}
