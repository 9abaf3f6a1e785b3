// Package watch polls subscribed feeds: each on its own schedule, through
// a global pool of workers sharing one polite fetch.Client, with
// conditional requests, Retry-After and exponential backoff. New items,
// with the full text of truncated ones, are stored through the pipeline.
package watch

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/pipeline"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/story"
	"github.com/storyline/storyline/internal/timex"
)

// Defaults for zero Options fields.
const (
	DefaultWorkers  = 4
	DefaultInterval = 15 * time.Minute
	// DefaultPageGrace lets backoff retry a missing page about seven times.
	DefaultPageGrace = 2 * time.Hour
	// maxIdle bounds how long Run sleeps, so feeds added meanwhile by
	// another process are picked up.
	maxIdle = time.Minute
)

// Options configure a Watcher.
type Options struct {
	// Client fetches feeds and pages; its options decide the size cap,
	// per-host delay and whether private addresses may be reached.
	Client *fetch.Client
	// Workers is how many feeds are polled at once; DefaultWorkers when 0.
	Workers int
	// Interval is the time between two successful polls of a feed;
	// DefaultInterval when 0.
	Interval time.Duration
	// MaxBytes caps a feed or page as read by ingest; its default when 0.
	MaxBytes int64
	// StaleAfter is how long a feed may list nothing newer before it is
	// reported stale; DefaultStaleAfter when 0.
	StaleAfter time.Duration
	// PageGrace is how long after its date a truncated item whose page is
	// missing waits for the page, retried at each poll with the feed's
	// backoff, before its teaser is stored for good; DefaultPageGrace
	// when 0, none when negative.
	PageGrace time.Duration
	// Log is called once per poll.
	Log func(Poll)
	// OnError is called for each report that failed to be analysed or
	// stored. Log and OnError are never called at the same time, so
	// both may write to one unsynchronized writer.
	OnError func(error)
}

// Poll is the outcome of polling one feed.
type Poll struct {
	// Feed is the feed's state after the poll.
	Feed store.Feed
	// Items counts the feed's items, Known those already stored, Added
	// those stored as new articles and SameReport those recognised as a
	// stored article by their text.
	Items, Known, Added, SameReport int
	// Deferred counts items held back for the next poll because their
	// page could not be fetched yet.
	Deferred int
	// Warnings are failures that did not fail the poll (a page kept as
	// its teaser).
	Warnings []error
	// Stale explains why the feed, though it answered, counts as stale;
	// "" when it does not.
	Stale string
	// Interrupted is true when shutdown cut the poll short; what was
	// fetched was stored, the rest waits for the next poll.
	Interrupted bool
	// Skipped is true when the feed was not fetched because it is backing
	// off after failures; Err then repeats the last failure.
	Skipped bool
	// Err is why the poll failed, nil when it succeeded.
	Err error
}

func (p Poll) String() string {
	f := p.Feed
	switch {
	case p.Interrupted:
		return fmt.Sprintf("%s: interrupted, %d of %d items stored, the rest left for the next poll", f.URL, p.Added+p.SameReport+p.Known, p.Items)
	case p.Skipped:
		return fmt.Sprintf("%s: backing off until %s after %d failures: %v", f.URL, f.NextPoll.UTC().Format(time.RFC3339), f.ConsecutiveErrors, p.Err)
	case p.Err != nil:
		status := "no answer"
		if f.LastStatus != 0 {
			status = fmt.Sprintf("HTTP %d", f.LastStatus)
		}
		return fmt.Sprintf("%s: failed (%s, %d in a row, next try %s): %v", f.URL, status, f.ConsecutiveErrors, f.NextPoll.UTC().Format(time.RFC3339), p.Err)
	}
	line := fmt.Sprintf("%s: %d, %d items: %d new, %d known, %d same as a stored report", f.URL, f.LastStatus, p.Items, p.Added, p.Known, p.SameReport)
	if f.LastStatus == 304 {
		line = fmt.Sprintf("%s: 304 not modified", f.URL)
	}
	if len(p.Warnings) > 0 {
		pages := "1 page failed"
		if len(p.Warnings) > 1 {
			pages = fmt.Sprintf("%d pages failed, the first", len(p.Warnings))
		}
		line += fmt.Sprintf("; %s: %v", pages, p.Warnings[0])
	}
	if p.Stale != "" {
		line += "; " + p.Stale
	}
	return line
}

// Watcher polls the feeds of one store.
type Watcher struct {
	st     *store.Store
	opts   Options
	linker *story.Linker
	// storing serializes the single writer: the linker and the store.
	storing sync.Mutex
	// logging serializes the Log and OnError callbacks.
	logging sync.Mutex

	mu       sync.Mutex
	known    map[string]bool // identities of stored items
	loaded   bool
	inFlight map[int64]bool
	now      func() time.Time
}

// New returns a Watcher of st's feeds.
func New(st *store.Store, opts Options) *Watcher {
	if opts.Client == nil {
		opts.Client = fetch.New(fetch.Options{MaxBytes: opts.MaxBytes})
	}
	if opts.Workers <= 0 {
		opts.Workers = DefaultWorkers
	}
	if opts.Interval <= 0 {
		opts.Interval = DefaultInterval
	}
	if opts.StaleAfter <= 0 {
		opts.StaleAfter = DefaultStaleAfter
	}
	if opts.PageGrace == 0 {
		opts.PageGrace = DefaultPageGrace
	}
	return &Watcher{
		st: st, opts: opts, linker: pipeline.NewLinker(st),
		known: map[string]bool{}, inFlight: map[int64]bool{}, now: time.Now,
	}
}

func (w *Watcher) ingestOptions() ingest.Options {
	return ingest.Options{MaxBytes: w.opts.MaxBytes, InferDate: timex.DocumentDate}
}

// loadKnown reads the identities of stored items once.
func (w *Watcher) loadKnown(ctx context.Context) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.loaded {
		return nil
	}
	if err := w.st.FeedItemKeys(ctx, func(k string) { w.known[k] = true }); err != nil {
		return fmt.Errorf("reading known feed items: %w", err)
	}
	w.loaded = true
	return nil
}

func (w *Watcher) isKnown(keys []string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, k := range keys {
		if w.known[k] {
			return true
		}
	}
	return false
}

func (w *Watcher) remember(items []item, stored func(item) bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, it := range items {
		if stored(it) {
			for _, k := range it.keys {
				w.known[k] = true
			}
		}
	}
}

// Once polls every feed once, ignoring schedules except that a feed
// backing off after failures is left alone until its next poll is due
// (reported Skipped, as failing). It returns the polls in feed order.
func (w *Watcher) Once(ctx context.Context) ([]Poll, error) {
	if err := w.loadKnown(ctx); err != nil {
		return nil, err
	}
	feeds, err := w.st.Feeds(ctx)
	if err != nil {
		return nil, err
	}
	polls := make([]Poll, len(feeds))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(w.opts.Workers, max(len(feeds), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				f := feeds[i]
				if f.ConsecutiveErrors > 0 && f.NextPoll.After(w.now()) {
					polls[i] = Poll{Feed: f, Skipped: true, Err: errors.New(f.LastError)}
				} else {
					polls[i] = w.poll(ctx, f)
				}
				w.log(polls[i])
			}
		}()
	}
	for i := range feeds {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return polls, ctx.Err()
}

// Run polls each feed whenever it is due until ctx is cancelled; it then
// lets the workers finish storing what they hold and returns nil.
func (w *Watcher) Run(ctx context.Context) error {
	if err := w.loadKnown(ctx); err != nil {
		return err
	}
	jobs := make(chan store.Feed)
	done := make(chan struct{}, w.opts.Workers)
	var wg sync.WaitGroup
	for range w.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				w.log(w.poll(ctx, f))
				w.mu.Lock()
				delete(w.inFlight, f.ID)
				w.mu.Unlock()
				done <- struct{}{}
			}
		}()
	}
	defer func() {
		close(jobs)
		// Workers may be blocked reporting done; keep draining.
		go func() {
			for range done {
			}
		}()
		wg.Wait()
		close(done)
	}()
	for {
		feeds, err := w.st.Feeds(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		wake := w.now().Add(maxIdle)
		for _, f := range feeds {
			w.mu.Lock()
			busy := w.inFlight[f.ID]
			w.mu.Unlock()
			if busy {
				continue
			}
			if f.NextPoll.After(w.now()) {
				if f.NextPoll.Before(wake) {
					wake = f.NextPoll
				}
				continue
			}
			w.mu.Lock()
			w.inFlight[f.ID] = true
			w.mu.Unlock()
			select {
			case jobs <- f:
			case <-ctx.Done():
				return nil
			}
		}
		timer := time.NewTimer(time.Until(wake))
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil
		case <-done:
		case <-timer.C:
		}
		timer.Stop()
	}
}

func (w *Watcher) log(p Poll) {
	if w.opts.Log != nil {
		w.logging.Lock()
		defer w.logging.Unlock()
		w.opts.Log(p)
	}
}

// poll fetches one feed, stores its new items and records the outcome.
func (w *Watcher) poll(ctx context.Context, f store.Feed) Poll {
	p := Poll{Feed: f}
	// The status is this poll's: none until an answer comes.
	p.Feed.LastStatus = 0
	resp, err := w.opts.Client.Get(ctx, fetch.Request{URL: f.URL, ETag: f.ETag, LastModified: f.LastModified})
	if err != nil {
		return w.failed(ctx, p, err)
	}
	if resp.NotModified {
		return w.succeeded(ctx, p, resp, nil)
	}
	feed, err := ingest.ParseFeed(f.URL, resp.Body, resp.FetchedAt, w.ingestOptions())
	if err != nil {
		p.Feed.LastStatus = resp.Status
		if other := notAFeed(resp); other != nil {
			err = other
		}
		return w.failed(ctx, p, err)
	}
	p.Items = len(feed.Items)
	if p.Feed.Title == "" {
		p.Feed.Title = feed.Title
	}
	if p.Feed.SiteURL == "" {
		p.Feed.SiteURL = feed.SiteURL
	}
	reader := itemReader{client: w.opts.Client, opts: w.ingestOptions(), known: w.isKnown, pageGrace: w.opts.PageGrace, now: w.now()}
	items, skipped, deferred, pageErrs := reader.read(ctx, f.URL, feed)
	p.Known, p.Deferred = skipped, deferred
	p.Stale = staleNote(feed, w.now(), w.opts.StaleAfter)
	// What was fetched is stored even when shutdown began meanwhile: it
	// is little, and each report is written whole.
	if err := w.store(context.WithoutCancel(ctx), &p, items); err != nil {
		p.Feed.LastStatus = resp.Status
		return w.failed(ctx, p, err)
	}
	if ctx.Err() != nil {
		return w.interrupted(ctx, p, resp)
	}
	if deferred > 0 {
		// The feed must be read in full again, not answered with a 304.
		p.Feed.LastStatus = resp.Status
		p.Feed.ETag, p.Feed.LastModified = "", ""
		return w.failed(ctx, p, fmt.Errorf("%d items held back for the next poll, the first because %w", deferred, pageErrs[0]))
	}
	return w.succeeded(ctx, p, resp, pageErrs)
}

// interrupted records a poll cut short by shutdown: not a failure of the
// feed, but due again at once, and read in full rather than answered with
// a 304, for the items left out.
func (w *Watcher) interrupted(ctx context.Context, p Poll, resp *fetch.Response) Poll {
	now := w.now()
	f := &p.Feed
	f.ETag, f.LastModified = "", ""
	f.LastFetch, f.LastStatus, f.NextPoll = now, resp.Status, now
	p.Interrupted = true
	p.Err = ctx.Err()
	return w.record(ctx, p)
}

// store analyses and stores the new items and remembers every item's
// identities; one writer at a time.
func (w *Watcher) store(ctx context.Context, p *Poll, items []item) error {
	w.storing.Lock()
	defer w.storing.Unlock()
	stored, err := w.storedSources(ctx, items)
	if err != nil {
		return err
	}
	var arts []model.Article
	for i, it := range items {
		switch {
		case it.article.Source == "":
		case w.isKnown(it.keys):
			// Another feed polled meanwhile stored the same page.
			items[i].article = model.Article{}
			p.Known++
		case stored[it.article.Source]:
			// The page was stored before without an item's keys (by
			// ingest URL): RememberFeedItems below links the keys to it.
			p.Known++
		default:
			arts = append(arts, it.article)
		}
	}
	var errs []error
	stats := pipeline.Articles(ctx, w.linker, arts, pipeline.Options{
		MaxBytes: w.opts.MaxBytes,
		OnError: func(err error) {
			errs = append(errs, err)
			if w.opts.OnError != nil {
				w.logging.Lock()
				defer w.logging.Unlock()
				w.opts.OnError(err)
			}
		},
	})
	p.Added, p.SameReport = stats.Added, stats.SameReport
	// What was stored is remembered even when ctx was cancelled meanwhile.
	wctx := context.WithoutCancel(ctx)
	if _, err := w.st.RememberFeedItems(wctx, p.Feed.ID, storeItems(items), w.now()); err != nil {
		return fmt.Errorf("remembering items: %w", err)
	}
	// Items whose article exists are known from now on; a failed report
	// is not, so that the next poll tries it again.
	w.remember(items, func(it item) bool { return it.article.Source == "" || len(errs) == 0 })
	if len(errs) > 0 {
		return fmt.Errorf("%d reports not stored: %w", len(errs), errors.Join(errs...))
	}
	return nil
}

// storedSources reports which of the items' sources already produced an
// article.
func (w *Watcher) storedSources(ctx context.Context, items []item) (map[string]bool, error) {
	stored := map[string]bool{}
	err := w.st.Update(ctx, func(tx *store.Tx) error {
		for _, it := range items {
			if it.article.Source == "" {
				continue
			}
			id, err := tx.ArticleBySource(ctx, it.article.Source)
			if err != nil {
				return err
			}
			stored[it.article.Source] = id != 0
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("looking up stored reports: %w", err)
	}
	return stored, nil
}

func (w *Watcher) succeeded(ctx context.Context, p Poll, resp *fetch.Response, warnings []error) Poll {
	now := w.now()
	f := &p.Feed
	if resp.NotModified && f.ConsecutiveErrors == 0 && strings.HasPrefix(f.LastError, stalePrefix) {
		// An unchanged feed is as stale as it was.
		p.Stale = f.LastError
	}
	f.ETag, f.LastModified = resp.ETag, resp.LastModified
	f.LastFetch, f.LastStatus, f.LastError, f.ConsecutiveErrors = now, resp.Status, p.Stale, 0
	f.NextPoll = now.Add(w.opts.Interval)
	p.Warnings = warnings
	return w.record(ctx, p)
}

// failed counts a failure and schedules the next try: after the backoff
// for the failures in a row, and not before a host's Retry-After.
func (w *Watcher) failed(ctx context.Context, p Poll, err error) Poll {
	now := w.now()
	f := &p.Feed
	f.LastFetch, f.LastError = now, oneLine(err.Error())
	var st *fetch.StatusError
	var ra *fetch.RetryAfterError
	switch {
	case errors.As(err, &ra):
		f.LastStatus = ra.Status
	case errors.As(err, &st):
		f.LastStatus = st.Status
	}
	f.ConsecutiveErrors++
	f.NextPoll = now.Add(fetch.Backoff(f.ConsecutiveErrors))
	if ra != nil && ra.Until.After(f.NextPoll) {
		f.NextPoll = ra.Until
	}
	p.Err = err
	return w.record(ctx, p)
}

func (w *Watcher) record(ctx context.Context, p Poll) Poll {
	if err := w.st.RecordPoll(context.WithoutCancel(ctx), &p.Feed); err != nil && !errors.Is(err, store.ErrNoFeed) {
		p.Err = errors.Join(p.Err, fmt.Errorf("recording the poll: %w", err))
	}
	return p
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", "; ") }
