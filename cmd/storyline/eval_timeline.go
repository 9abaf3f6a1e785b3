package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/eval"
	"github.com/storyline/storyline/internal/export"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/pipeline"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/timeline"
)

func init() {
	registerEval("timeline", evalTask{
		usage:   "timeline DIR [--topic NAME] [--select events|mentions] [--stores DIR] [--format text|json]",
		summary: "Timeline17-format topics (e.g. ../shared/data/timelines/t17): each topic's articles go through the pipeline into a store of their own, then a timeline with as many dates as the reference is scored: Date-F1 (news-tls) and alignment ROUGE-1 F, per topic and macro-averaged",
		run:     evalTimeline,
	})
}

func evalTimeline(e *env, args []string) error {
	fs, _ := newFlags(e, commands["eval"])
	only := fs.String("topic", "", "score only topics whose name contains this")
	selector := fs.String("select", "mentions", "date selection: events (merged events only, as `storyline timeline`) or mentions (events and every date expression)")
	stores := fs.String("stores", "", "keep each topic's store in this directory and reuse it when present (default: temporary)")
	format := fs.String("format", "text", "output format: text or json")
	if err := parseFormat(fs, args, format, "text", "json"); err != nil {
		return err
	}
	if *selector != "events" && *selector != "mentions" {
		return usagef("unknown --select %q (want events or mentions)", *selector)
	}
	if fs.NArg() != 1 {
		return usagef("want one Timeline17 directory")
	}
	topics, err := eval.LoadTimeline17(fs.Arg(0))
	if err != nil {
		return err
	}
	dir := *stores
	if dir == "" {
		tmp, err := os.MkdirTemp("", "storyline-eval-timeline-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	ctx := context.Background()
	start := time.Now()
	var scores eval.TimelineScores
	for i, t := range topics {
		if !strings.Contains(t.Name, *only) {
			continue
		}
		fmt.Fprintf(e.stderr, "[%d/%d] %s: %d articles, %d reference dates ... ", i+1, len(topics), t.Name, len(t.Articles), len(t.ReferenceDates()))
		began := time.Now()
		produced, err := topicTimeline(ctx, e, filepath.Join(dir, strings.ReplaceAll(t.Name, "/", "_")+".db"), t, *selector == "mentions")
		if err != nil {
			fmt.Fprintln(e.stderr)
			return fmt.Errorf("%s: %w", t.Name, err)
		}
		s := eval.ScoreTimeline(t, produced)
		s.ElapsedSec = time.Since(began).Seconds()
		fmt.Fprintf(e.stderr, "Date-F1 %.3f (%.1fs)\n", s.DateF1, s.ElapsedSec)
		scores.Topics = append(scores.Topics, s)
	}
	if len(scores.Topics) == 0 {
		return fmt.Errorf("no topic matches %q", *only)
	}
	scores.Average()
	scores.TotalSeconds = time.Since(start).Seconds()
	if *format == "json" {
		return export.WriteJSON(e.stdout, scores)
	}
	fmt.Fprintf(e.stdout, "%s\n(%s)\n", scores, time.Since(start).Round(time.Millisecond))
	return nil
}

// topicTimeline ingests a topic's articles into the store at path (unless
// it holds them already) and builds a timeline with as many dates as the
// reference, one lead sentence per date.
func topicTimeline(ctx context.Context, e *env, path string, t eval.TimelineTopic, useMentions bool) ([]eval.TimelineEntry, error) {
	_, statErr := os.Stat(path)
	st, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if statErr != nil {
		arts := make([]model.Article, 0, len(t.Articles))
		for _, a := range t.Articles {
			if strings.TrimSpace(a.Text) == "" {
				continue
			}
			pub, _ := time.Parse("2006-01-02", a.DCT) // checked when loading
			// Each article its own source: Timeline17 does not say which
			// outlet wrote it, so only wire credits in the text merge origins.
			arts = append(arts, model.Article{Source: "t17:" + t.Name + "/" + a.UID, Text: a.Text, Published: pub,
				PublishedPrecision: model.PrecisionDay, Lang: "en"})
		}
		stats := pipeline.Articles(ctx, pipeline.NewLinker(st), arts, pipeline.Options{
			OnError: func(err error) { fmt.Fprintf(e.stderr, "storyline: %v\n", err) },
		})
		if stats.StoreErrors > 0 {
			os.Remove(path) // a partial store must not be reused
			return nil, fmt.Errorf("%d reports failed to store", stats.StoreErrors)
		}
	}
	events, err := st.Events(ctx, store.EventFilter{DatedOnly: true})
	if err != nil {
		return nil, err
	}
	opt := timeline.Options{MaxDates: len(t.ReferenceDates())}
	if useMentions {
		if opt.Mentions, err = st.DateMentions(ctx, 0); err != nil {
			return nil, err
		}
	}
	var out []eval.TimelineEntry
	for _, d := range timeline.BuildWith(events, opt) {
		out = append(out, eval.TimelineEntry{Date: d.Date, Text: d.Lead.Text})
	}
	return out, nil
}
