package eval

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/storyline/storyline/internal/entity"
	"github.com/storyline/storyline/internal/model"
)

// ClaimScores measure reported statements on PolNeAR's indirect
// attributions ("X said that …", "according to X, …"); direct quotations
// are scored by ScoreQuotes.
type ClaimScores struct {
	Docs int
	// Indirect counts the gold indirect attributions and Found those whose
	// Content a predicted claim overlaps.
	Indirect, Found int
	// Named counts the found attributions whose Source holds a name (a
	// pronoun or a description cannot be matched to a resolved claimant)
	// and RightClaimant those of them whose overlapping claim names it.
	Named, RightClaimant int
	// Predicted counts the claims returned and Attributed those that
	// overlap the Content of some gold attribution, direct or not.
	Predicted, Attributed int

	FoundShare    float64 // Found / Indirect
	ClaimantShare float64 // RightClaimant / Named
	Precision     float64 // Attributed / Predicted

	Errors []ClaimError `json:"-"`
}

// ClaimError is one gold indirect attribution with a named source that
// the claims missed or credited to someone else.
type ClaimError struct {
	Doc, Content, Source, Cue string
	// Claimant is who the overlapping claim names; empty when no claim
	// overlaps the content (Found false).
	Claimant string
	Found    bool
}

func (e ClaimError) String() string {
	if !e.Found {
		return fmt.Sprintf("%s: MISSED %q (source %q, cue %q)", e.Doc, e.Content, e.Source, e.Cue)
	}
	return fmt.Sprintf("%s: CLAIMANT %q, want %q (cue %q): %q", e.Doc, e.Claimant, e.Source, e.Cue, e.Content)
}

func (s ClaimScores) String() string {
	return fmt.Sprintf("docs %d | indirect attributions %d found %d (%.3f) | named sources %d right claimant %d (%.3f) | predicted %d attributed %d (precision %.3f)",
		s.Docs, s.Indirect, s.Found, s.FoundShare, s.Named, s.RightClaimant, s.ClaimantShare, s.Predicted, s.Attributed, s.Precision)
}

// ScoreClaims runs extract on each document and scores its claims against
// the gold indirect attributions. An attribution is found when a claim
// overlaps its Content; the claimant is right when it and a name in the
// Source denote the same entity (entity.SameEntity).
func ScoreClaims(docs []QuoteDoc, extract func(txt string) []model.Claim) ClaimScores {
	var s ClaimScores
	for _, d := range docs {
		s.add(d, extract(d.Text))
	}
	s.FoundShare = ratio(s.Found, s.Indirect)
	s.ClaimantShare = ratio(s.RightClaimant, s.Named)
	s.Precision = ratio(s.Attributed, s.Predicted)
	return s
}

func (s *ClaimScores) add(d QuoteDoc, preds []model.Claim) {
	s.Docs++
	s.Predicted += len(preds)
	for _, c := range preds {
		if d.attributed(c.Start, c.End) {
			s.Attributed++
		}
	}
	for _, a := range d.Attributions {
		if a.Direct || len(a.Source) == 0 {
			continue
		}
		s.Indirect++
		names := sourceNames(spanText(d.Text, a.Source))
		found, right := false, false
		var wrong model.Claim
		for _, c := range preds {
			if !anyOverlap(a.Content, c.Start, c.End) {
				continue
			}
			if !found {
				wrong = c
			}
			found = true
			if namesClaimant(names, c.Claimant) {
				right = true
				break
			}
		}
		if found {
			s.Found++
		}
		if len(names) == 0 {
			continue
		}
		if found {
			s.Named++
		}
		if right {
			s.RightClaimant++
		} else if len(s.Errors) < maxClaimErrors {
			s.Errors = append(s.Errors, ClaimError{Doc: d.Name, Content: spanText(d.Text, a.Content), Source: spanText(d.Text, a.Source), Cue: spanText(d.Text, a.Cue), Claimant: wrong.Claimant, Found: found})
		}
	}
}

// maxClaimErrors bounds the errors kept for error analysis.
const maxClaimErrors = 50000

// sourceNames returns the runs of capitalized words in a Source span that
// may name someone: not a lone capitalized function word ("The", "He").
func sourceNames(src string) []string {
	var names, run []string
	flush := func() {
		for len(run) > 0 && sourceFunctionWords[strings.ToLower(run[0])] {
			run = run[1:]
		}
		if len(run) > 0 {
			names = append(names, strings.Join(run, " "))
		}
		run = nil
	}
	for _, w := range strings.Fields(src) {
		w = strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"), ",.;:()")
		if r := []rune(w); len(r) > 0 && unicode.IsUpper(r[0]) {
			run = append(run, w)
			continue
		}
		flush()
	}
	flush()
	return names
}

var sourceFunctionWords = map[string]bool{
	"the": true, "a": true, "an": true, "he": true, "she": true, "it": true, "they": true, "we": true,
	"i": true, "his": true, "her": true, "their": true, "its": true, "this": true, "that": true, "some": true,
	"many": true, "other": true, "several": true, "most": true, "few": true, "all": true, "both": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "rep": true, "gov": true, "president": true,
}

// namesClaimant reports whether the claimant is one of the names, or holds
// one of them ("Ana Ruiz" for the source "Ruiz").
func namesClaimant(names []string, claimant string) bool {
	if claimant == "" {
		return false
	}
	for _, n := range names {
		if entity.SameEntity(claimant, n, "") || strings.Contains(claimant, n) || strings.Contains(n, claimant) {
			return true
		}
	}
	return false
}
