package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/pipeline"
	"github.com/storyline/storyline/internal/story"
	"github.com/storyline/storyline/internal/timex"
	"github.com/storyline/storyline/internal/watch"
)

func isURL(arg string) bool {
	lower := strings.ToLower(arg)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}

// ingestURLs fetches the inputs that are http(s) URLs, a feed for its
// items (with the full text of truncated ones), a page for its main text,
// and adds them to l, with a summary line per URL unless quiet. It
// returns the other inputs, and the URLs' stats.
func ingestURLs(ctx context.Context, e *env, l *story.Linker, inputs []string, maxBytes int64, ff fetchFlags, quiet bool) ([]string, pipeline.Stats) {
	var paths, urls []string
	for _, in := range inputs {
		if isURL(in) {
			urls = append(urls, in)
		} else {
			paths = append(paths, in)
		}
	}
	var total pipeline.Stats
	if len(urls) == 0 {
		return paths, total
	}
	c := ff.client(e, maxBytes)
	opts := ingest.Options{MaxBytes: maxBytes, InferDate: timex.DocumentDate}
	report := func(err error) { fmt.Fprintf(e.stderr, "storyline: %v\n", err) }
	for _, u := range urls {
		total.Inputs++
		arts, warnings, err := watch.FetchArticles(ctx, c, u, opts)
		for _, w := range warnings {
			report(fmt.Errorf("%s: %w", u, w))
		}
		if err != nil {
			report(err)
			total.Failed++
			continue
		}
		st := pipeline.Articles(ctx, l, arts, pipeline.Options{MaxBytes: maxBytes, OnError: report})
		addStats(&total, st)
		if st.StoreErrors > 0 {
			total.Failed++
		}
		if quiet {
			continue
		}
		fmt.Fprintf(e.stderr, "%s: %s read: %d new, %d already stored, %d known from another source\n",
			u, plural(len(arts), "report"), st.Added, st.Unchanged, st.SameReport)
	}
	return paths, total
}

func addStats(total *pipeline.Stats, s pipeline.Stats) {
	total.Articles += s.Articles
	total.Added += s.Added
	total.Unchanged += s.Unchanged
	total.SameReport += s.SameReport
	total.NearDupes += s.NearDupes
	total.StoreErrors += s.StoreErrors
	total.Bytes += s.Bytes
}
