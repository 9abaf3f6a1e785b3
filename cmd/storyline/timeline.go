package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/storyline/storyline/internal/export"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/story"
	"github.com/storyline/storyline/internal/timeline"
)

func init() {
	register(&command{
		name:    "timeline",
		usage:   "[--db PATH] [--story ID] [--since DATE] [--until DATE] [--max-dates K] [--events-per-date N] [--format text|md|json]",
		summary: "events by the date they happened, each with its sources",
		run:     runTimeline,
	})
}

func runTimeline(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, commands["timeline"])
	storyID := fs.Int64("story", 0, "only this story (see storyline stories)")
	since := fs.String("since", "", "first date to show (YYYY-MM-DD, YYYY-MM or YYYY)")
	until := fs.String("until", "", "last date to show")
	maxDates := fs.Int("max-dates", 0, "show only the K most important dates (0: all)")
	perDate := fs.Int("events-per-date", 0, "in text output, show at most N events per date (0: all)")
	format := fs.String("format", "text", "output format: text, md or json")
	if err := parseFormat(fs, args, format, "text", "md", "json"); err != nil {
		return err
	}
	for _, d := range []string{*since, *until} {
		if d != "" && !isoDate(d) {
			return usagef("bad date %q: want YYYY-MM-DD, YYYY-MM or YYYY", d)
		}
	}
	if *maxDates < 0 {
		return usagef("--max-dates must be 0 or more")
	}
	st, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := checkStory(ctx, st, *storyID); err != nil {
		return err
	}
	events, err := st.Events(ctx, store.EventFilter{Story: *storyID, Since: *since, Until: *until, DatedOnly: true})
	if err != nil {
		return err
	}
	dates := timeline.Build(events, *maxDates)
	if *maxDates > 0 {
		// Picking the dates that matter uses every date the reports name,
		// not only those their events carry.
		mentions, err := st.DateMentions(ctx, *storyID)
		if err != nil {
			return err
		}
		kept := mentions[:0]
		for _, m := range mentions {
			if inRange(m.Value, *since, *until) {
				kept = append(kept, m)
			}
		}
		dates = timeline.BuildWith(events, timeline.Options{MaxDates: *maxDates, Mentions: kept})
	}
	switch *format {
	case "json":
		if dates == nil {
			dates = []timeline.Date{}
		}
		return export.WriteJSON(e.stdout, dates)
	case "md":
		writeTimelineMarkdown(e.stdout, dates)
	default:
		writeTimelineText(e.stdout, dates, *perDate)
		undated, err := st.CountUndated(ctx, *storyID)
		if err != nil {
			return err
		}
		if undated > 0 {
			verb := "are"
			if undated == 1 {
				verb = "is"
			}
			fmt.Fprintf(e.stdout, "\n%s without a date %s not shown (storyline export lists them).\n", plural(undated, "event"), verb)
		}
	}
	return nil
}

// inRange reports whether an ISO date at any precision overlaps the range
// since..until (either may be empty).
func inRange(date, since, until string) bool {
	if since != "" && date < since && !strings.HasPrefix(since, date) {
		return false
	}
	return until == "" || date <= until || strings.HasPrefix(date, until)
}

// isoDate accepts the precisions storyline stores: day, month or year.
func isoDate(s string) bool {
	for i, c := range s {
		switch i {
		case 4, 7:
			if c != '-' {
				return false
			}
		default:
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return len(s) == 4 || len(s) == 7 || len(s) == 10
}

// writeTimelineText prints each date with its events, the most important
// first, at most perDate of them (0: all).
func writeTimelineText(w io.Writer, dates []timeline.Date, perDate int) {
	if len(dates) == 0 {
		fmt.Fprintln(w, "no dated events")
		return
	}
	for _, d := range dates {
		fmt.Fprintf(w, "%-10s  %s\n", d.Date, plural(d.Sources, "source"))
		if len(d.Events) == 0 && d.Lead.Text != "" {
			fmt.Fprintf(w, "            “%s” (%s)\n", oneLine(d.Lead.Text, 150), outletOr(d.Lead.Outlet, d.Lead.Article))
		}
		events := d.Events
		if perDate > 0 && len(events) > perDate {
			events = events[:perDate]
		}
		for _, ev := range events {
			fmt.Fprintf(w, "  %-9s %s  [%s]\n", ev.Type, participants(ev), plural(ev.IndependentSources, "source"))
			if len(ev.Evidence) > 0 {
				x := ev.Evidence[0]
				fmt.Fprintf(w, "            “%s” (%s)\n", oneLine(x.Text, 150), outletOr(x.Outlet, x.Article))
			}
			writeFigures(w, "            ", ev)
		}
		if len(events) < len(d.Events) {
			fmt.Fprintf(w, "            … and %d more\n", len(d.Events)-len(events))
		}
	}
}

func writeTimelineMarkdown(w io.Writer, dates []timeline.Date) {
	fmt.Fprintln(w, "# Timeline")
	for _, d := range dates {
		fmt.Fprintf(w, "\n## %s\n\n", d.Date)
		for _, ev := range d.Events {
			fmt.Fprintf(w, "- **%s** %s (%s)\n", ev.Type, participants(ev), plural(ev.IndependentSources, "independent source"))
			for _, x := range ev.Evidence {
				fmt.Fprintf(w, "  - %s: “%s”\n", outletOr(x.Outlet, x.Article), oneLine(x.Text, 300))
			}
			writeFigures(w, "  - ", ev)
		}
	}
}

// writeFigures prints the counts the reports give of an event's dead,
// wounded or arrested, a line per kind, and says where they disagree.
func writeFigures(w io.Writer, indent string, ev store.Event) {
	for _, f := range story.FigureReports(ev) {
		fmt.Fprintf(w, "%s%s: %s", indent, f.Kind, strings.Join(f.Counts, ", "))
		if f.Disputed {
			fmt.Fprint(w, " — reports disagree")
		}
		fmt.Fprintln(w)
	}
}

// participants says who did what to whom, and where, as far as known.
func participants(ev store.Event) string {
	who, whom := "?", "?"
	if len(ev.Actors) > 0 {
		who = strings.Join(ev.Actors, ", ")
	}
	if len(ev.Targets) > 0 {
		whom = strings.Join(ev.Targets, ", ")
	}
	s := who + " → " + whom
	if ev.Place != "" {
		s += " in " + ev.Place
	}
	return s
}

func outletOr(outlet string, article int64) string {
	if outlet != "" {
		return outlet
	}
	return fmt.Sprintf("article %d", article)
}

// oneLine flattens whitespace and shortens s to about n bytes at a word.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut] + " …"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
