package main

import (
	"fmt"
	"time"

	"github.com/storyline/storyline/internal/entity"
	"github.com/storyline/storyline/internal/eval"
	"github.com/storyline/storyline/internal/export"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/quote"
	"github.com/storyline/storyline/internal/text"
)

func init() {
	registerEval("quotes", evalTask{
		usage:   "quotes DIR [--lang en|es] [--errors N] [--format text|json]",
		summary: "PolNeAR-format folder with text/ and attributions/ (e.g. ../shared/data/quotes/polnear/data/dev): share of gold direct quotes found and share of those with the right speaker",
		run:     evalQuotes,
	})
}

// polnearRun is what evalQuotes and evalClaims read from their arguments.
type polnearRun struct {
	docs       []eval.QuoteDoc
	lang       string
	showErrors int
	json       bool
}

// parsePolNeAR reads the flags and the one PolNeAR-format folder of an
// eval task over PolNeAR; what are errors says what --errors lists.
func parsePolNeAR(e *env, args []string, whatAreErrors string) (polnearRun, error) {
	fs, _ := newFlags(e, commands["eval"])
	lang := fs.String("lang", "en", "language of the documents")
	showErrors := fs.Int("errors", 0, "print up to N "+whatAreErrors)
	format := fs.String("format", "text", "output format: text or json")
	if err := parseFormat(fs, args, format, "text", "json"); err != nil {
		return polnearRun{}, err
	}
	if fs.NArg() != 1 {
		return polnearRun{}, usagef("want one PolNeAR-format directory")
	}
	docs, err := eval.LoadPolNeAR(fs.Arg(0))
	if err != nil {
		return polnearRun{}, err
	}
	return polnearRun{docs: docs, lang: *lang, showErrors: *showErrors, json: *format == "json"}, nil
}

// printErrors prints up to n of errs, one a line.
func printErrors[E fmt.Stringer](e *env, errs []E, n int) {
	for _, err := range errs[:min(n, len(errs))] {
		fmt.Fprintln(e.stdout, err)
	}
}

func evalQuotes(e *env, args []string) error {
	run, err := parsePolNeAR(e, args, "missed or misattributed quotes")
	if err != nil {
		return err
	}
	start := time.Now()
	bytes := 0
	scores := eval.ScoreQuotes(run.docs, func(s string) []model.Quote {
		bytes += len(s)
		sents := text.Sentences(s, run.lang)
		return quote.Extract(s, sents, entity.Recognize(s, sents, run.lang), run.lang)
	})
	elapsed := time.Since(start)
	if run.json {
		return export.WriteJSON(e.stdout, scores)
	}
	printErrors(e, scores.Errors, run.showErrors)
	fmt.Fprintf(e.stdout, "%s\n(%s, %.2f MB/s with sentences and entities)\n", scores, elapsed.Round(time.Millisecond), float64(bytes)/1e6/elapsed.Seconds())
	return nil
}
