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

func evalQuotes(e *env, args []string) error {
	fs, _ := newFlags(e, commands["eval"])
	lang := fs.String("lang", "en", "language of the documents")
	showErrors := fs.Int("errors", 0, "print up to N missed or misattributed quotes")
	format := fs.String("format", "text", "output format: text or json")
	if err := parseFormat(fs, args, format, "text", "json"); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("want one PolNeAR-format directory")
	}
	docs, err := eval.LoadPolNeAR(fs.Arg(0))
	if err != nil {
		return err
	}
	start := time.Now()
	bytes := 0
	scores := eval.ScoreQuotes(docs, func(s string) []model.Quote {
		bytes += len(s)
		sents := text.Sentences(s, *lang)
		return quote.Extract(s, sents, entity.Recognize(s, sents, *lang), *lang)
	})
	elapsed := time.Since(start)
	if *format == "json" {
		return export.WriteJSON(e.stdout, scores)
	}
	for i, qe := range scores.Errors {
		if i >= *showErrors {
			break
		}
		fmt.Fprintln(e.stdout, qe)
	}
	fmt.Fprintf(e.stdout, "%s\n(%s, %.2f MB/s with sentences and entities)\n", scores, elapsed.Round(time.Millisecond), float64(bytes)/1e6/elapsed.Seconds())
	return nil
}
