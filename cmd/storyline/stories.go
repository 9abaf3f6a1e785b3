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
		name:    "stories",
		usage:   "[--db PATH] [--format text|json]",
		summary: "list the stories: reports clustered across outlets and languages",
		run:     runStories,
	})
}

func runStories(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, commands["stories"])
	format := fs.String("format", "text", "output format: text or json")
	if err := parseFormat(fs, args, format, "text", "json"); err != nil {
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
	return writeList(e, *format, stories, "no stories yet", func(w io.Writer, s store.Story) {
		fmt.Fprintf(w, "%4d  %s\n      %s, %s to %s, %s; %s\n",
			s.ID, s.Title, plural(len(s.Articles), "report"), dash(s.FirstPublished), dash(s.LastPublished),
			strings.Join(s.Languages, "+"), plural(len(s.Outlets), "outlet"))
	})
}

func dash(s string) string {
	if s == "" {
		return "?"
	}
	return s
}

func plural(n int, noun string) string {
	return fmt.Sprintf("%d %s", n, nounFor(n, noun))
}

// nounFor is noun in the number n asks for.
func nounFor(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}
