package main

import (
	"fmt"
	"time"

	"github.com/storyline/storyline/internal/claim"
	"github.com/storyline/storyline/internal/entity"
	"github.com/storyline/storyline/internal/eval"
	"github.com/storyline/storyline/internal/export"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/quote"
	"github.com/storyline/storyline/internal/text"
)

func init() {
	registerEval("claims", evalTask{
		usage:   "claims DIR [--lang en|es] [--errors N] [--format text|json]",
		summary: "PolNeAR-format folder (e.g. ../shared/data/quotes/polnear/data/dev): share of gold indirect attributions ('X said that …') a claim covers, and share of those with a named source credited to it",
		run:     evalClaims,
	})
}

func evalClaims(e *env, args []string) error {
	fs, _ := newFlags(e, commands["eval"])
	lang := fs.String("lang", "en", "language of the documents")
	showErrors := fs.Int("errors", 0, "print up to N missed or miscredited attributions")
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
	scores := eval.ScoreClaims(docs, func(s string) []model.Claim {
		sents := text.Sentences(s, *lang)
		mentions := entity.Recognize(s, sents, *lang)
		return claim.Extract(s, sents, nil, mentions, quote.Extract(s, sents, mentions, *lang), *lang)
	})
	if *format == "json" {
		return export.WriteJSON(e.stdout, scores)
	}
	for i, ce := range scores.Errors {
		if i >= *showErrors {
			break
		}
		fmt.Fprintln(e.stdout, ce)
	}
	fmt.Fprintf(e.stdout, "%s\n(%s)\n", scores, time.Since(start).Round(time.Millisecond))
	return nil
}
