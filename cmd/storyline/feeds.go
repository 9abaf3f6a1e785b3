package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/timex"
	"github.com/storyline/storyline/internal/watch"
)

func init() {
	register(&command{
		name:    "feeds",
		usage:   "add|import|export|list|remove ... (storyline feeds ACTION --help for each)",
		summary: "manage the feeds that watch polls: subscribe, import or export OPML, list their status, unsubscribe",
		run:     runFeeds,
	})
	// Set here, as the actions' own help refers back to this table.
	feedActions = []feedAction{
		{"add", "[--allow-private] [--max-bytes N] [--host-delay D] URL...",
			"subscribe to each URL: a feed (RSS, RDF, Atom, JSON Feed) or a web page whose <link rel=\"alternate\"> names one; each is fetched once to check it", runFeedsAdd},
		{"import", "FILE.opml", "subscribe to every feed of a feed reader's OPML export, folders as categories, without fetching them", runFeedsImport},
		{"export", "", "write the subscriptions as OPML to stdout", runFeedsExport},
		{"list", "[--format text|json]",
			"show each feed's status (new, ok, stale, failing, not a feed), last fetch, HTTP status, errors in a row, next poll and last error", runFeedsList},
		{"remove", "URL|ID...", "unsubscribe; the reports a feed brought stay", runFeedsRemove},
	}
}

// feedAction is one subcommand of feeds.
type feedAction struct {
	name, usage, summary string
	run                  func(context.Context, *env, []string) error
}

// feedActions are the subcommands of feeds, in the order help lists them.
var feedActions []feedAction

func runFeeds(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usagef("no action given (add, import, export, list or remove)")
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintf(e.stderr, "usage: storyline feeds ACTION [--db PATH] ...\n\n%s\n\nActions:\n", commands["feeds"].summary)
		for _, a := range feedActions {
			fmt.Fprintf(e.stderr, "  %s\n    \t%s\n", strings.TrimSpace(a.name+" "+a.usage), a.summary)
		}
		fmt.Fprintln(e.stderr, "\nstoryline feeds ACTION --help shows an action's options.")
		return flag.ErrHelp
	}
	for _, a := range feedActions {
		if a.name == args[0] {
			return a.run(ctx, e, args[1:])
		}
	}
	return usagef("unknown action %q (want add, import, export, list or remove)", args[0])
}

// feedFlags are the flags of one feeds action, its help naming it.
func feedFlags(e *env, name string) (*flag.FlagSet, *string) {
	for _, a := range feedActions {
		if a.name == name {
			return newFlags(e, &command{name: "feeds " + a.name, usage: a.usage, summary: a.summary})
		}
	}
	panic("no feeds action " + name)
}

func runFeedsAdd(ctx context.Context, e *env, args []string) error {
	fs, db := feedFlags(e, "add")
	maxBytes := fs.Int64("max-bytes", fetch.DefaultMaxBytes, "largest feed or page accepted, in bytes (after gzip decompression)")
	ff := addFetchFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("feeds add: no URL given")
	}
	st, err := openStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	c := ff.client(e, *maxBytes)
	opts := ingest.Options{MaxBytes: *maxBytes, InferDate: timex.DocumentDate}
	failed := false
	for _, u := range fs.Args() {
		f, isNew, err := watch.Subscribe(ctx, st, c, u, opts)
		if err != nil {
			fmt.Fprintf(e.stderr, "storyline feeds: %s: %v\n", u, err)
			failed = true
			continue
		}
		if isNew {
			fmt.Fprintf(e.stdout, "subscribed %d  %s  %s\n", f.ID, f.URL, f.Title)
		} else {
			fmt.Fprintf(e.stdout, "already subscribed %d  %s  %s\n", f.ID, f.URL, f.Title)
		}
	}
	if failed {
		return errFailed
	}
	return nil
}

// maxOPMLBytes bounds a subscription list read from disk.
const maxOPMLBytes = 8 << 20

func runFeedsImport(ctx context.Context, e *env, args []string) error {
	fs, db := feedFlags(e, "import")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("feeds import: give one OPML file")
	}
	path := fs.Arg(0)
	data, err := readLimited(path, maxOPMLBytes)
	if err != nil {
		return err
	}
	subs, err := ingest.ParseOPML(data)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	st, err := openStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	added := 0
	now := time.Now()
	for _, s := range subs {
		_, isNew, err := watch.AddSubscription(ctx, st, s, now)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if isNew {
			added++
		}
	}
	fmt.Fprintf(e.stdout, "%s: %d new subscriptions, %d already subscribed\n", path, added, len(subs)-added)
	return nil
}

func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, limit)
	}
	return data, nil
}

func runFeedsExport(ctx context.Context, e *env, args []string) error {
	fs, db := feedFlags(e, "export")
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return err
	}
	subs := make([]ingest.Subscription, len(feeds))
	for i, f := range feeds {
		subs[i] = ingest.Subscription{Title: f.Title, FeedURL: f.URL, SiteURL: f.SiteURL, Category: f.Category}
	}
	return ingest.WriteOPML(e.stdout, "storyline subscriptions", subs, time.Now())
}

func runFeedsList(ctx context.Context, e *env, args []string) error {
	fs, db := feedFlags(e, "list")
	format := fs.String("format", "text", "output format: text or json")
	if err := parseFormat(fs, args, format, "text", "json"); err != nil {
		return err
	}
	st, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return err
	}
	listed := make([]feedListing, len(feeds))
	for i, f := range feeds {
		listed[i] = feedListing{Feed: f, Status: watch.Status(f)}
	}
	return writeList(e, *format, listed, "no feeds subscribed", writeFeed)
}

// feedListing is a subscription as listed, with its status named.
type feedListing struct {
	store.Feed
	// Status is new, ok, stale, failing or not a feed (see watch.Status).
	Status string `json:"status"`
}

func writeFeed(w io.Writer, lf feedListing) {
	f := lf.Feed
	fmt.Fprintf(w, "%4d  %s  [%s]\n      %s\n", f.ID, dash(f.Title), lf.Status, f.URL)
	if f.LastFetch.IsZero() {
		fmt.Fprintf(w, "      never fetched; next poll: now\n")
		return
	}
	status := "no answer"
	if f.LastStatus != 0 {
		status = "HTTP " + strconv.Itoa(f.LastStatus)
	}
	fmt.Fprintf(w, "      last fetch %s: %s, %s in a row; next poll %s\n",
		f.LastFetch.UTC().Format(time.RFC3339), status, plural(f.ConsecutiveErrors, "error"), f.NextPoll.UTC().Format(time.RFC3339))
	switch {
	case f.ConsecutiveErrors > 0:
		fmt.Fprintf(w, "      last error: %s\n", f.LastError)
	case f.LastError != "":
		fmt.Fprintf(w, "      %s\n", f.LastError) // a stale note
	}
}

func runFeedsRemove(ctx context.Context, e *env, args []string) error {
	fs, db := feedFlags(e, "remove")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("feeds remove: give the URL or id of a feed")
	}
	st, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	failed := false
	for _, arg := range fs.Args() {
		f, err := findFeed(ctx, st, arg)
		if err == nil {
			err = st.RemoveFeed(ctx, f.ID)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "storyline feeds: %s: %v\n", arg, err)
			failed = true
			continue
		}
		fmt.Fprintf(e.stdout, "removed %d  %s\n", f.ID, f.URL)
	}
	if failed {
		return errFailed
	}
	return nil
}

// findFeed looks a feed up by id or by any spelling of its URL.
func findFeed(ctx context.Context, st *store.Store, arg string) (*store.Feed, error) {
	if id, err := strconv.ParseInt(arg, 10, 64); err == nil {
		return st.FeedByID(ctx, id)
	}
	f, err := st.FeedByCanonicalURL(ctx, fetch.Canonical(arg))
	if errors.Is(err, store.ErrNoFeed) {
		return nil, fmt.Errorf("%w (see storyline feeds list)", err)
	}
	return f, err
}
