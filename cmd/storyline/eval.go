package main

import (
	"context"
	"fmt"
	"time"

	"github.com/storyline/storyline/internal/eval"
	"github.com/storyline/storyline/internal/export"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
	"github.com/storyline/storyline/internal/timex"
)

func init() {
	register(&command{
		name:    "eval",
		usage:   "timex DIR [--lang en|es] [--format text|json]",
		summary: "score analysis on standard data sets (TimeML: TempEval-3 span, value and type scores)",
		run:     runEval,
	})
}

func runEval(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintf(e.stderr, "usage: storyline eval %s\n\nTasks:\n  timex DIR   TimeML files (e.g. ../shared/data/timeml/TBAQ-cleaned): strict and relaxed span P/R/F1,\n              value F1 and type accuracy, TempEval-3 semantics, the DCT as reference date\n", commands["eval"].usage)
		if len(args) == 0 {
			return usagef("name a task")
		}
		return nil
	}
	switch args[0] {
	case "timex":
		return evalTimex(e, args[1:])
	default:
		return usagef("unknown task %q (want timex)", args[0])
	}
}

func evalTimex(e *env, args []string) error {
	fs, _ := newFlags(e, commands["eval"])
	lang := fs.String("lang", "en", "language of the documents")
	format := fs.String("format", "text", "output format: text or json")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("want one TimeML directory")
	}
	start := time.Now()
	scores, err := eval.ScoreTimex(fs.Arg(0), func(s string, dct time.Time) []model.Timex {
		return timex.Extract(s, text.Sentences(s, *lang), *lang, dct)
	})
	if err != nil {
		return err
	}
	if *format == "json" {
		return export.WriteJSON(e.stdout, scores)
	}
	fmt.Fprintf(e.stdout, "%s\n(%s)\n", scores, time.Since(start).Round(time.Millisecond))
	return nil
}
