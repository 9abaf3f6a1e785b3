package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/hooks"
	"github.com/storyline/storyline/internal/watch"
)

func init() {
	register(&command{
		name:    "watch",
		usage:   "[--db PATH] [--once] [--allow-private] [--workers N] [--max-bytes N] [--host-delay D] [--interval D] [--stale-after D] [--page-grace D]",
		summary: "poll the subscribed feeds and add their new reports, until interrupted (SIGINT/SIGTERM stop it cleanly)",
		run:     runWatch,
	})
}

// fetchFlags are the options of commands that fetch from the network.
// Each command declares its own --max-bytes, which ingest has long had.
type fetchFlags struct {
	allowPrivate *bool
	hostDelay    *time.Duration
}

func addFetchFlags(fs *flag.FlagSet) fetchFlags {
	return fetchFlags{
		allowPrivate: fs.Bool("allow-private", false, "allow loopback, private and link-local addresses (env STORYLINE_ALLOW_PRIVATE=1)"),
		hostDelay:    fs.Duration("host-delay", fetch.DefaultHostDelay, "least time between two requests to one host"),
	}
}

// client builds the fetch client; the environment may allow private
// addresses too, for local servers.
// private reports whether private addresses are allowed, by flag or
// environment.
func (f fetchFlags) private(e *env) bool {
	return *f.allowPrivate || e.getenv("STORYLINE_ALLOW_PRIVATE") == "1"
}

func (f fetchFlags) client(e *env, maxBytes int64) *fetch.Client {
	delay := *f.hostDelay
	if delay == 0 {
		delay = -1 // zero means none here, not the default
	}
	return fetch.New(fetch.Options{
		AllowPrivate: f.private(e),
		MaxBytes:     maxBytes,
		HostDelay:    delay,
	})
}

func runWatch(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, commands["watch"])
	once := fs.Bool("once", false, "poll every feed once and exit (status 1 if any failed)")
	workers := fs.Int("workers", watch.DefaultWorkers, "feeds polled at the same time")
	interval := fs.Duration("interval", watch.DefaultInterval, "time between two polls of a feed that succeeded")
	maxBytes := fs.Int64("max-bytes", fetch.DefaultMaxBytes, "largest feed or page accepted, in bytes (after gzip decompression)")
	staleAfter := fs.Duration("stale-after", watch.DefaultStaleAfter, "list a feed as stale when its newest item is older than this")
	pageGrace := fs.Duration("page-grace", watch.DefaultPageGrace, "how long after its date a teaser whose page is missing (404) waits for the page, retried with backoff, before the teaser is stored for good")
	ff := addFetchFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *workers < 1 || *interval <= 0 || *maxBytes <= 0 || *staleAfter <= 0 || *pageGrace < 0 {
		return usagef("--workers, --interval, --max-bytes and --stale-after must be positive, --page-grace not negative")
	}
	grace := *pageGrace
	if grace == 0 {
		grace = -1 // zero means no wait here, not the default
	}
	st, err := openStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return err
	}
	if len(feeds) == 0 {
		return fmt.Errorf("no feeds subscribed in %s (add one: storyline feeds add URL)", *db)
	}
	w := watch.New(st, watch.Options{
		Client:     ff.client(e, *maxBytes),
		Workers:    *workers,
		Interval:   *interval,
		MaxBytes:   *maxBytes,
		StaleAfter: *staleAfter,
		PageGrace:  grace,
		Log:        func(p watch.Poll) { fmt.Fprintf(e.stderr, "storyline watch: %v\n", p) },
		OnError:    func(err error) { fmt.Fprintf(e.stderr, "storyline watch: %v\n", err) },
	})
	if !*once {
		fmt.Fprintf(e.stderr, "storyline watch: polling %s every %s; interrupt to stop\n", plural(len(feeds), "feed"), *interval)
		// Webhooks go out as the new reports arrive.
		delivered := make(chan struct{})
		go func() {
			hooks.Run(ctx, st, hookOptions(e, ff.private(e)))
			close(delivered)
		}()
		err := w.Run(ctx)
		<-delivered
		fmt.Fprintln(e.stderr, "storyline watch: stopped; every report stored so far is complete")
		return err
	}
	polls, err := w.Once(ctx)
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(e.stderr, "storyline watch: interrupted; every report stored so far is complete")
		return errFailed
	}
	if err != nil {
		return err
	}
	failed, added, stale := 0, 0, 0
	for _, p := range polls {
		added += p.Added
		if p.Err != nil {
			failed++
		}
		if p.Stale != "" {
			stale++
		}
	}
	summary := fmt.Sprintf("%s polled, %d new reports, %d failed", plural(len(polls), "feed"), added, failed)
	if stale > 0 {
		summary += fmt.Sprintf(", %d stale (see storyline feeds list)", stale)
	}
	fmt.Fprintf(e.stderr, "storyline watch: %s\n", summary)
	if _, err := hooks.Once(ctx, st, hookOptions(e, ff.private(e))); err != nil {
		fmt.Fprintf(e.stderr, "storyline watch: webhooks: %v\n", err)
	}
	if failed > 0 {
		return errFailed
	}
	return nil
}
