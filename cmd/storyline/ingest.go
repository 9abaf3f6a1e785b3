package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"golang.org/x/term"

	"github.com/storyline/storyline/internal/pipeline"
	"github.com/storyline/storyline/internal/story"
)

func init() {
	register(&command{
		name:    "ingest",
		usage:   "[--db PATH] [--max-bytes N] [--allow-private] PATH|URL|- ...",
		summary: "add reports: text, HTML, RSS/Atom/JSON Feed, JSON Lines files, directories, http(s) URLs, or - for stdin",
		run:     runIngest,
	})
}

func runIngest(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, commands["ingest"])
	maxBytes := fs.Int64("max-bytes", 20<<20, "largest input accepted, in bytes")
	quiet := fs.Bool("quiet", false, "no progress or summary on stderr")
	ff := addFetchFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("no inputs given")
	}
	st, err := openStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	l := pipeline.NewLinker(st)
	paths, stats := ingestURLs(ctx, e, l, fs.Args(), *maxBytes, ff, *quiet)
	if len(paths) > 0 {
		files := ingestInto(ctx, e, l, paths, *maxBytes, *quiet)
		stats.Failed, stats.StoreErrors = stats.Failed+files.Failed, stats.StoreErrors+files.StoreErrors
	}
	if stats.Failed > 0 || stats.StoreErrors > 0 {
		return errFailed
	}
	return nil
}

// ingestInto runs the pipeline, reporting errors as they come, progress
// when stderr is a terminal, and a summary at the end.
func ingestInto(ctx context.Context, e *env, l *story.Linker, inputs []string, maxBytes int64, quiet bool) pipeline.Stats {
	tty := false
	if f, ok := e.stderr.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	start := time.Now()
	last := start
	opts := pipeline.Options{
		MaxBytes: maxBytes,
		OnError:  func(err error) { fmt.Fprintf(e.stderr, "storyline: %v\n", err) },
	}
	if tty && !quiet {
		opts.OnProgress = func(s pipeline.Stats) {
			if now := time.Now(); now.Sub(last) > 200*time.Millisecond {
				last = now
				fmt.Fprintf(e.stderr, "\r%d reports read, %d new", s.Articles, s.Added)
			}
		}
	}
	stats := pipeline.Ingest(ctx, l, inputs, e.stdin, opts)
	if tty && !quiet {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	if !quiet {
		fmt.Fprintf(e.stderr, "%s read: %d new (%d near-duplicates), %d already stored, %d known from another source; %d of %d inputs failed (%.1fs)\n",
			plural(stats.Articles, "report"), stats.Added, stats.NearDupes, stats.Unchanged, stats.SameReport, stats.Failed, stats.Inputs, time.Since(start).Seconds())
	}
	if ctx.Err() != nil {
		fmt.Fprintln(e.stderr, "storyline: interrupted; every report stored so far is complete")
	}
	return stats
}
