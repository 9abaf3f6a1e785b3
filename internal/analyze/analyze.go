// Package analyze runs every analysis step over one text. It is a pure
// function of the text, its language and its publication date: it never
// touches storage, so the same call serves ingest, annotate and tests.
package analyze

import (
	"time"

	"github.com/storyline/storyline/internal/claim"
	"github.com/storyline/storyline/internal/entity"
	"github.com/storyline/storyline/internal/event"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/quote"
	"github.com/storyline/storyline/internal/text"
	"github.com/storyline/storyline/internal/timex"
)

// Analyze returns the sentences, entities, temporal expressions, quotes,
// events and claims of s. published anchors relative dates; a zero time
// (or PrecisionNone) means the publication date is unknown. Languages
// other than English and Spanish get sentences only.
func Analyze(s, lang string, published time.Time, prec model.Precision) model.Analysis {
	an := model.Analysis{Lang: lang}
	an.Sentences = text.Sentences(s, lang)
	if !text.Analysed(lang) {
		return nonNil(an)
	}
	ref := published
	if prec == model.PrecisionNone {
		ref = time.Time{}
	}
	an.Timexes = timex.Extract(s, an.Sentences, lang, ref)
	an.Entities = outsideTimes(entity.Recognize(s, an.Sentences, lang), an.Timexes)
	an.Quotes = quote.Extract(s, an.Sentences, an.Entities, lang)
	// Events and claims both scan the sentences word by word.
	words := text.SentenceWords(s, an.Sentences)
	an.Events = event.Extract(s, an.Sentences, words, an.Entities, an.Timexes, lang, ref, prec)
	an.Claims = claim.Extract(s, an.Sentences, words, an.Entities, an.Quotes, lang)
	return nonNil(an)
}

// outsideTimes drops the names that lie within a time expression: a
// month, holiday or sentence-initial word the name rules took for a
// name ("28 May 2010", "Christmas", "Last week").
func outsideTimes(mentions []model.Mention, times []model.Timex) []model.Mention {
	kept := mentions[:0]
	for _, m := range mentions {
		inside := false
		for _, t := range times {
			if t.Start <= m.Start && m.End <= t.End {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, m)
		}
	}
	return kept
}

// nonNil gives empty lists instead of nil ones, so that JSON output says
// [] for "none found" rather than null.
func nonNil(an model.Analysis) model.Analysis {
	an.Sentences = orEmpty(an.Sentences)
	an.Entities = orEmpty(an.Entities)
	an.Timexes = orEmpty(an.Timexes)
	an.Quotes = orEmpty(an.Quotes)
	an.Events = orEmpty(an.Events)
	an.Claims = orEmpty(an.Claims)
	for i := range an.Events {
		an.Events[i].Actors = orEmpty(an.Events[i].Actors)
		an.Events[i].Targets = orEmpty(an.Events[i].Targets)
	}
	return an
}

func orEmpty[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
