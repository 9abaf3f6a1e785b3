package story

import (
	"context"

	"github.com/storyline/storyline/internal/claim"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/store"
)

// linkClaims matches the report's claims with the story's claims, lets the
// events it narrates support earlier claims, lets earlier events support
// its new claims, and re-derives the status of every claim it touched.
func (l *Linker) linkClaims(ctx context.Context, tx *store.Tx, a *store.StoredArticle, storyID int64, names map[string]resolved) error {
	// Claims older than the window are settled history: matching against
	// them would cost time in proportion to the story's length.
	since := ""
	if !a.Published.IsZero() && a.PublishedPrecision != model.PrecisionNone {
		since = a.Published.Add(-claimWindow).Format("2006-01-02")
	}
	claims, err := tx.ClaimsInStory(ctx, storyID, since)
	if err != nil {
		return err
	}
	touched := map[int64]bool{}
	var fresh []store.Claim
	for _, c := range a.Analysis.Claims {
		c.Claimant = globalName(names, c.Claimant)
		terms := claim.ContentTerms(c.Text, a.Lang)
		best, bestSim := -1, claimMatch
		for i := range claims {
			if sim := claim.TermSimilarity(l.claimTerms(claims[i]), terms); sim >= bestSim {
				best, bestSim = i, sim
			}
		}
		if best < 0 {
			nc := store.Claim{Story: storyID, Text: c.Text, Claimant: c.Claimant, Lang: a.Lang, FirstReported: a.PublishedString()}
			id, err := tx.InsertClaim(ctx, &nc)
			if err != nil {
				return err
			}
			nc.ID = id
			claims = append(claims, nc)
			fresh = append(fresh, nc)
			best = len(claims) - 1
		}
		ev := store.ClaimEvidence{Article: a.ID, Stance: c.Stance, Start: c.Start, End: c.End, Text: c.Text, Claimant: c.Claimant, Hedged: c.Hedged}
		if err := tx.AddClaimEvidence(ctx, claims[best].ID, ev); err != nil {
			return err
		}
		touched[claims[best].ID] = true
	}

	// Events this report narrates as fact support matching claims.
	for _, ev := range a.Analysis.Events {
		if ev.Date == "" || overlapsClaim(ev.Start, ev.End, a.Analysis.Claims) {
			continue
		}
		sentence := a.Text[ev.Start:ev.End]
		terms := claim.ContentTerms(sentence, a.Lang)
		for _, c := range claims {
			if claim.TermSimilarity(l.claimTerms(c), terms) >= eventSupport {
				if err := tx.AddClaimEvidence(ctx, c.ID, store.ClaimEvidence{Article: a.ID, Stance: model.Supports, Start: ev.Start, End: ev.End, Text: sentence}); err != nil {
					return err
				}
				touched[c.ID] = true
			}
		}
	}

	// Events reported earlier support the claims this report introduces.
	if len(fresh) > 0 {
		mentions, err := tx.EventMentionsInStory(ctx, storyID, a.Published, claimWindow)
		if err != nil {
			return err
		}
		for _, m := range mentions {
			if m.ArticleID == a.ID {
				continue
			}
			terms := l.mentionTerms(m)
			for _, c := range fresh {
				if claim.TermSimilarity(l.claimTerms(c), terms) >= eventSupport {
					if err := tx.AddClaimEvidence(ctx, c.ID, store.ClaimEvidence{Article: m.ArticleID, Stance: model.Supports, Start: m.Start, End: m.End, Text: m.Text}); err != nil {
						return err
					}
					touched[c.ID] = true
				}
			}
		}
	}

	for id := range touched {
		evidence, err := tx.ClaimStances(ctx, id)
		if err != nil {
			return err
		}
		status, sources := Status(evidence)
		if err := tx.SetClaimStatus(ctx, id, status, sources); err != nil {
			return err
		}
	}
	return nil
}

// cachedTerms remembers a stored claim's terms with the text they came
// from: a rolled-back transaction may let SQLite reuse the claim's id.
type cachedTerms struct {
	text  string
	terms claim.Terms
}

// claimTerms returns a stored claim's content terms, computing them once
// per linker rather than once per comparison.
func (l *Linker) claimTerms(c store.Claim) claim.Terms {
	if ct, ok := l.terms[c.ID]; ok && ct.text == c.Text {
		return ct.terms
	}
	t := claim.ContentTerms(c.Text, c.Lang)
	if len(l.terms) >= maxCachedTerms {
		clear(l.terms)
	}
	l.terms[c.ID] = cachedTerms{text: c.Text, terms: t}
	return t
}

// mentionKey identifies a stored event mention.
type mentionKey struct {
	article int64
	start   int
}

// mentionTerms returns an event mention's content terms, cached like
// claimTerms.
func (l *Linker) mentionTerms(m store.StoryEventMention) claim.Terms {
	k := mentionKey{m.ArticleID, m.Start}
	if ct, ok := l.mentions[k]; ok && ct.text == m.Text {
		return ct.terms
	}
	t := claim.ContentTerms(m.Text, m.Lang)
	if len(l.mentions) >= maxCachedTerms {
		clear(l.mentions)
	}
	l.mentions[k] = cachedTerms{text: m.Text, terms: t}
	return t
}

// against keys a contesting stance by who contests, when known: one
// outlet may report both a claim and its target's denial.
func against(e store.ClaimEvidence) string {
	if e.Claimant != "" {
		return "claimant:" + e.Claimant
	}
	return e.Origin
}

func overlapsClaim(start, end int, claims []model.Claim) bool {
	for _, c := range claims {
		if c.Start < end && start < c.End {
			return true
		}
	}
	return false
}

// Status derives a claim's status from its evidence, counting each origin
// once: denied when independent sources deny it and none confirm it;
// disputed when it is both supported and contested, or explicitly
// disputed; corroborated when at least two independent sources assert or
// support it; otherwise unconfirmed. It also returns how many independent
// sources assert or support the claim.
func Status(evidence []store.ClaimEvidence) (string, int) {
	pro, deny, dispute := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, e := range evidence {
		switch e.Stance {
		case model.Asserts, model.Supports:
			pro[e.Origin] = true
		case model.Denies:
			deny[against(e)] = true
		case model.Disputes:
			dispute[against(e)] = true
		}
	}
	switch {
	case len(dispute) > 0 || (len(deny) > 0 && len(pro) > 1):
		return store.Disputed, len(pro)
	case len(deny) > 0:
		return store.Denied, len(pro)
	case len(pro) >= 2:
		return store.Corroborated, len(pro)
	}
	return store.Unconfirmed, len(pro)
}
