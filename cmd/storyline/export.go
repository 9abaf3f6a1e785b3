package main

import (
	"context"

	"github.com/storyline/storyline/internal/export"
)

func init() {
	register(&command{
		name:    "export",
		usage:   "[--db PATH] [--story ID] --format json",
		summary: "write everything (or one story) in the storyline/v1 JSON contract",
		run:     runExport,
	})
}

func runExport(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, commands["export"])
	storyID := fs.Int64("story", 0, "only this story")
	format := fs.String("format", "json", "output format: json (storyline/v1)")
	if err := parseFormat(fs, args, format, "json"); err != nil {
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
	doc, err := export.Build(ctx, st, *storyID)
	if err != nil {
		return err
	}
	return export.WriteJSON(e.stdout, doc)
}
