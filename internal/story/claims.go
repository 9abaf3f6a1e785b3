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
func linkClaims(ctx context.Context, tx *store.Tx, a *store.StoredArticle, storyID int64, names map[string]resolved) error {
	claims, err := tx.ClaimsInStory(ctx, storyID)
	if err != nil {
		return err
	}
	touched := map[int64]bool{}
	var fresh []store.Claim
	for _, c := range a.Analysis.Claims {
		c.Claimant = globalName(names, c.Claimant)
		best, bestSim := -1, claimMatch
		for i := range claims {
			other := model.Claim{Text: claims[i].Text, Claimant: claims[i].Claimant}
			if sim := claim.Similarity(other, c, claims[i].Lang, a.Lang); sim >= bestSim {
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
		sentence := model.Claim{Text: a.Text[ev.Start:ev.End]}
		for _, c := range claims {
			if claim.Similarity(model.Claim{Text: c.Text, Claimant: c.Claimant}, sentence, c.Lang, a.Lang) >= eventSupport {
				if err := tx.AddClaimEvidence(ctx, c.ID, store.ClaimEvidence{Article: a.ID, Stance: model.Supports, Start: ev.Start, End: ev.End, Text: sentence.Text}); err != nil {
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
			sentence := model.Claim{Text: m.Text}
			for _, c := range fresh {
				if claim.Similarity(model.Claim{Text: c.Text, Claimant: c.Claimant}, sentence, c.Lang, m.Lang) >= eventSupport {
					if err := tx.AddClaimEvidence(ctx, c.ID, store.ClaimEvidence{Article: m.ArticleID, Stance: model.Supports, Start: m.Start, End: m.End, Text: m.Text}); err != nil {
						return err
					}
					touched[c.ID] = true
				}
			}
		}
	}

	for id := range touched {
		evidence, err := tx.ClaimEvidenceOf(ctx, id)
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
