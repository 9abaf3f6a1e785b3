package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/storyline/storyline/internal/export"
)

func init() {
	register(&command{
		name:    "stories",
		usage:   "[--db PATH] [--format text|json]",
		summary: "list the stories: reports clustered across outlets and languages",
		run:     runStories,
	})
}

func runStories(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, commands["stories"])
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
	stories, err := st.Stories(ctx)
	if err != nil {
		return err
	}
	if *format == "json" {
		return export.WriteJSON(e.stdout, stories)
	}
	if len(stories) == 0 {
		fmt.Fprintln(e.stdout, "no stories yet")
		return nil
	}
	for _, s := range stories {
		fmt.Fprintf(e.stdout, "%4d  %s\n      %d reports, %s to %s, %s; %s\n",
			s.ID, s.Title, len(s.Articles), dash(s.FirstPublished), dash(s.LastPublished),
			strings.Join(s.Languages, "+"), plural(len(s.Outlets), "outlet"))
	}
	return nil
}

func dash(s string) string {
	if s == "" {
		return "?"
	}
	return s
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
