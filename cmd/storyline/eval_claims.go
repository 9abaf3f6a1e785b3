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
	run, err := parsePolNeAR(e, args, "missed or miscredited attributions")
	if err != nil {
		return err
	}
	start := time.Now()
	scores := eval.ScoreClaims(run.docs, func(s string) []model.Claim {
		sents := text.Sentences(s, run.lang)
		mentions := entity.Recognize(s, sents, run.lang)
		return claim.Extract(s, sents, nil, mentions, quote.Extract(s, sents, mentions, run.lang), run.lang)
	})
	if run.json {
		return export.WriteJSON(e.stdout, scores)
	}
	printErrors(e, scores.Errors, run.showErrors)
	fmt.Fprintf(e.stdout, "%s\n(%s)\n", scores, time.Since(start).Round(time.Millisecond))
	return nil
}
