package main

import (
	"context"
	"fmt"
	"sort"
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
		usage:   "TASK [options] ... (timex, and see storyline eval --help)",
		summary: "score analysis on standard data sets in the field's standard metrics",
		run:     runEval,
	})
}

// evalTask is one `storyline eval` task; each lives in its own file.
type evalTask struct {
	usage   string
	summary string
	run     func(e *env, args []string) error
}

var evalTasks = map[string]evalTask{}

func registerEval(name string, t evalTask) { evalTasks[name] = t }

func init() {
	registerEval("timex", evalTask{
		usage:   "timex DIR [--lang en|es] [--format text|json]",
		summary: "TimeML files (e.g. ../shared/data/timeml/TBAQ-cleaned): strict and relaxed span P/R/F1, value F1 and type accuracy, TempEval-3 semantics, the DCT as reference date",
		run:     evalTimex,
	})
}

func runEval(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintf(e.stderr, "usage: storyline eval TASK [options] ...\n\nTasks:\n")
		names := make([]string, 0, len(evalTasks))
		for n := range evalTasks {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(e.stderr, "  storyline eval %s\n      %s\n", evalTasks[n].usage, evalTasks[n].summary)
		}
		if len(args) == 0 {
			return usagef("name a task")
		}
		return nil
	}
	t, ok := evalTasks[args[0]]
	if !ok {
		return usagef("unknown task %q (see storyline eval --help)", args[0])
	}
	return t.run(e, args[1:])
}

func evalTimex(e *env, args []string) error {
	fs, _ := newFlags(e, commands["eval"])
	lang := fs.String("lang", "en", "language of the documents")
	format := fs.String("format", "text", "output format: text or json")
	if err := parseFormat(fs, args, format, "text", "json"); err != nil {
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
