package main

import (
	"fmt"
	"time"

	"github.com/storyline/storyline/internal/analyze"
	"github.com/storyline/storyline/internal/eval"
	"github.com/storyline/storyline/internal/export"
	"github.com/storyline/storyline/internal/model"
)

func init() {
	registerEval("events", evalTask{
		usage:   "events FILE [--format text|json]",
		summary: "PLOVER gold records (../shared/data/events/PLOVER_GSR_CAMEO.txt) or the Spanish validation XML: event-type accuracy with a confusion table, actor P/R/F1",
		run:     evalEvents,
	})
}

func evalEvents(e *env, args []string) error {
	fs, _ := newFlags(e, commands["eval"])
	format := fs.String("format", "text", "output format: text or json")
	if err := parseFormat(fs, args, format, "text", "json"); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("want one gold file")
	}
	cases, err := eval.LoadEventCases(fs.Arg(0))
	if err != nil {
		return err
	}
	start := time.Now()
	scores := eval.ScoreEvents(cases, func(s, lang string) []model.Event {
		return analyze.Analyze(s, lang, time.Time{}, model.PrecisionNone).Events
	})
	if *format == "json" {
		return export.WriteJSON(e.stdout, scores)
	}
	fmt.Fprintf(e.stdout, "%s(%s)\n", scores, time.Since(start).Round(time.Millisecond))
	return nil
}
