package main

import (
	"fmt"
	"time"

	"github.com/storyline/storyline/internal/entity"
	"github.com/storyline/storyline/internal/eval"
	"github.com/storyline/storyline/internal/export"
)

func init() {
	registerEval("ner", evalTask{
		usage:   "ner FILE [--lang en|es] [--train FILE] [--format text|json]",
		summary: "CoNLL-2002/2003 NER file (e.g. ../shared/data/ner/conll2003/eng.testa): conlleval phrase-level P/R/F1 overall and per type, with the embedded tagger; with --train, also on the names that training file never holds",
		run:     evalNER,
	})
}

func evalNER(e *env, args []string) error {
	fs, _ := newFlags(e, commands["eval"])
	lang := fs.String("lang", "en", "language of the file: en or es")
	train := fs.String("train", "", "CoNLL training file (e.g. ../shared/data/ner/conll2003/eng.train): also score the names it never holds")
	format := fs.String("format", "text", "output format: text or json")
	if err := parseFormat(fs, args, format, "text", "json"); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("want one CoNLL file")
	}
	tagger := entity.TaggerFor(*lang)
	if tagger == nil {
		return usagef("no NER model for language %q", *lang)
	}
	docs, err := eval.ReadCoNLLFile(fs.Arg(0))
	if err != nil {
		return err
	}
	var seen map[string]bool
	if *train != "" {
		trainDocs, err := eval.ReadCoNLLFile(*train)
		if err != nil {
			return err
		}
		seen = eval.Names(trainDocs)
	}
	start := time.Now()
	scores := eval.ScoreNER(docs, func(doc [][]string) [][]string { return tagger.TagDoc(doc, *lang) }, seen)
	elapsed := time.Since(start)
	if *format == "json" {
		return export.WriteJSON(e.stdout, scores)
	}
	fmt.Fprintf(e.stdout, "%s\n(%s, %.0f tokens/s)\n", scores, elapsed.Round(time.Millisecond), float64(scores.Tokens)/elapsed.Seconds())
	return nil
}
