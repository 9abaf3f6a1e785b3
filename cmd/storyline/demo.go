package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/storyline/storyline/demo"
	"github.com/storyline/storyline/internal/pipeline"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/timeline"
)

func init() {
	register(&command{
		name:    "demo",
		usage:   "[--db PATH] [--addr HOST:PORT] [--no-serve]",
		summary: "ingest the bundled example corpus, print its timeline and claims, and serve it",
		run:     runDemo,
	})
}

func runDemo(ctx context.Context, e *env, args []string) error {
	fs, _ := newFlags(e, commands["demo"])
	keep := fs.Lookup("db")
	keep.Usage = "keep the demo database in this file (default: a throwaway one)"
	keep.DefValue = ""
	if err := keep.Value.Set(""); err != nil {
		return err
	}
	addr := fs.String("addr", defaultAddr, "address to serve the web UI and API on")
	noServe := fs.Bool("no-serve", false, "print the summary and exit instead of serving")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	// A taken address fails now, not after the whole summary.
	var ln net.Listener
	if !*noServe {
		var err error
		if ln, err = listen(*addr); err != nil {
			return err
		}
		defer ln.Close()
	}
	path := keep.Value.String()
	if path == "" {
		dir, err := os.MkdirTemp("", "storyline-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "demo.db")
	}
	st, err := store.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	arts, err := demo.Articles()
	if err != nil {
		return err
	}
	stats := pipeline.Articles(ctx, pipeline.NewLinker(st), arts, pipeline.Options{
		OnError: func(err error) { fmt.Fprintf(e.stderr, "storyline: %v\n", err) },
	})
	fmt.Fprintf(e.stdout, "Ingested %d example reports (%d new) from the bundled corpus into %s.\n\n", stats.Articles, stats.Added, st.Path())
	stories, err := st.Stories(ctx)
	if err != nil {
		return err
	}
	for _, s := range stories {
		fmt.Fprintf(e.stdout, "Story %d: %s (%d reports, %s)\n", s.ID, s.Title, len(s.Articles), plural(len(s.Outlets), "outlet"))
	}
	events, err := st.Events(ctx, store.EventFilter{DatedOnly: true})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "\n== Timeline: the 8 most important dates, 2 main events each ==")
	writeTimelineText(e.stdout, timeline.Build(events, 8), 2)
	claims, err := st.Claims(ctx, store.ClaimFilter{})
	if err != nil {
		return err
	}
	var settled []store.Claim
	for _, c := range claims {
		if c.Status != store.Unconfirmed {
			settled = append(settled, c)
		}
	}
	fmt.Fprintln(e.stdout, "\n== Claims that other reports corroborate, dispute or deny ==")
	if err := writeList(e, "text", settled, "no claims", writeClaim); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "(and %d unconfirmed claims: storyline claims --status unconfirmed)\n", len(claims)-len(settled))
	if keep.Value.String() != "" {
		fmt.Fprintf(e.stdout, "\nExplore further: storyline timeline --db %s (or stories, quotes, claims, entities, export, serve)\n", path)
	} else {
		fmt.Fprintln(e.stdout, "\nThe demo database is temporary; run \"storyline demo --db demo.db\" to keep it and explore with the other commands.")
	}
	if stats.Failed > 0 || stats.StoreErrors > 0 {
		return errFailed
	}
	if *noServe {
		return nil
	}
	fmt.Fprintln(e.stdout)
	return serveOn(ctx, e, st, ln, *addr, nil)
}
