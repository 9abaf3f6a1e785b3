package story

import (
	"context"
	"slices"
	"sync"

	"github.com/storyline/storyline/internal/claim"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/store"
)

// linkClaims matches the report's claims with the story's claims, lets the
// events it narrates support earlier claims, lets earlier events support
// its new claims, and re-derives the status of every claim it touched.
func (l *Linker) linkClaims(ctx context.Context, tx *store.Tx, a *store.StoredArticle, storyID int64, si *storyIndex, names map[string]resolved, p *Prepared) error {
	// Claims older than the window are settled history.
	since := ""
	if !a.Published.IsZero() && a.PublishedPrecision != model.PrecisionNone {
		since = a.Published.Add(-claimWindow).Format("2006-01-02")
	}
	touched := map[int64]bool{}
	var evidence []store.ClaimEvidenceRow
	var fresh []*indexed[store.Claim]
	// matched holds the claim each statement of the report joined, so a
	// statement referring back ("denied it") finds the one before it.
	matched := make([]*indexed[store.Claim], len(a.Analysis.Claims))
	// Assertions come first, so that a claim the report both tells and
	// reports denied is born with its claimant; statements that refer back
	// come last, once what they refer to is in.
	order := make([]int, 0, len(a.Analysis.Claims))
	for pass := range 3 {
		for i, c := range a.Analysis.Claims {
			if linkPass(c) == pass {
				order = append(order, i)
			}
		}
	}
	for _, i := range order {
		c := a.Analysis.Claims[i]
		c.Claimant = globalName(names, c.Claimant)
		terms := p.claimTerms[i]
		var best *indexed[store.Claim]
		if c.RefersBack {
			owner := ""
			if c.Of != "" {
				owner = globalName(names, c.Of)
			}
			best = si.antecedent(a.Analysis.Claims, matched, i, owner, c.Claimant, terms, since)
			if best == nil {
				// Nothing to attach to: a bare "denied it" is no claim.
				continue
			}
		} else {
			best = si.bestClaim(c.Stance, terms, since)
		}
		if best == nil {
			id, err := tx.ReserveClaimID(ctx)
			if err != nil {
				return err
			}
			claimant := c.Claimant
			if contests(c.Stance) {
				// Who denies a claim is not who makes it; a claim known
				// only from its denial has no named claimant.
				claimant = ""
			}
			nc := store.Claim{ID: id, Story: storyID, Text: c.Text, Claimant: claimant, Lang: a.Lang, FirstReported: a.PublishedString()}
			best = si.addClaimTerms(nc, terms)
			fresh = append(fresh, best)
			// A new claim's stances are this report's, noted as they come.
			si.knowStances(id)
		} else if best.item.Claimant == "" && c.Claimant != "" && !contests(c.Stance) && !c.RefersBack {
			// A claim known until now from its denial meets its claimant.
			best.item.Claimant = c.Claimant
			if !slices.Contains(fresh, best) {
				if err := tx.SetClaimClaimant(ctx, best.item.ID, c.Claimant); err != nil {
					return err
				}
			}
		}
		matched[i] = best
		ev := store.ClaimEvidence{Article: a.ID, Stance: c.Stance, Start: c.Start, End: c.End, Text: c.Text, Claimant: c.Claimant, Hedged: c.Hedged}
		evidence = append(evidence, store.ClaimEvidenceRow{ClaimID: best.item.ID, ClaimEvidence: ev})
		ev.Origin = a.Origin
		si.noteStance(best.item.ID, ev)
		touched[best.item.ID] = true
	}

	// Events this report narrates as fact support matching claims.
	for i, ev := range a.Analysis.Events {
		sentence := a.Text[ev.Start:ev.End]
		if ev.Date == "" || overlapsClaim(ev.Start, ev.End, a.Analysis.Claims) || !claim.Narrates(sentence, a.Lang) {
			continue
		}
		terms := p.eventTerms[i]
		var support []int64
		si.claims.candidates(terms, since, func(ic *indexed[store.Claim]) {
			if supports(ic.terms, terms) {
				support = append(support, ic.item.ID)
			}
		})
		for _, id := range support {
			if touched[id] {
				// The report states this claim itself: its own narration
				// is no independent support.
				continue
			}
			evidence = append(evidence, store.ClaimEvidenceRow{ClaimID: id,
				ClaimEvidence: store.ClaimEvidence{Article: a.ID, Stance: model.Supports, Start: ev.Start, End: ev.End, Text: sentence}})
			si.noteStance(id, store.ClaimEvidence{Stance: model.Supports, Origin: a.Origin})
			touched[id] = true
		}
	}

	// Events reported earlier support the claims this report introduces.
	for _, c := range fresh {
		var support []store.StoryEventMention
		si.mentions.candidates(c.terms, since, func(m *indexed[store.StoryEventMention]) {
			if m.item.ArticleID != a.ID && supports(c.terms, m.terms) && claim.Narrates(m.item.Text, m.item.Lang) {
				support = append(support, m.item)
			}
		})
		for _, m := range support {
			evidence = append(evidence, store.ClaimEvidenceRow{ClaimID: c.item.ID,
				ClaimEvidence: store.ClaimEvidence{Article: m.ArticleID, Stance: model.Supports, Start: m.Start, End: m.End, Text: m.Text}})
			// The mention's origin is not at hand: load the stances anew.
			delete(si.stances, c.item.ID)
			touched[c.item.ID] = true
		}
	}

	// Stances not yet loaded are read from the store: it must hold the
	// report's evidence first.
	if err := tx.AddClaimEvidence(ctx, evidence); err != nil {
		return err
	}
	// New claims are written last, with the status they are born with.
	born := make(map[int64]*store.Claim, len(fresh))
	claims := make([]*store.Claim, len(fresh))
	for i, c := range fresh {
		c.item.Status = store.Unconfirmed
		born[c.item.ID], claims[i] = &c.item, &c.item
	}
	for id := range touched {
		stances, err := si.claimStances(ctx, tx, id)
		if err != nil {
			return err
		}
		status, sources := Status(stances)
		if !si.statusChanged(id, status, sources) {
			continue
		}
		if c := born[id]; c != nil {
			c.Status, c.IndependentSources = status, sources
			continue
		}
		if err := tx.SetClaimStatus(ctx, id, status, sources); err != nil {
			return err
		}
	}
	return tx.InsertClaims(ctx, claims)
}

// linkPass orders a report's statements: assertions, then denials and
// disputes, then statements that only refer back.
func linkPass(c model.Claim) int {
	switch {
	case c.RefersBack:
		return 2
	case contests(c.Stance):
		return 1
	}
	return 0
}

func contests(stance string) bool { return stance == model.Denies || stance == model.Disputes }

// bestClaim returns the story's claim most like a statement with terms,
// or nil when none is alike enough to be the same proposition.
func (si *storyIndex) bestClaim(stance string, terms claim.Terms, since string) *indexed[store.Claim] {
	var best *indexed[store.Claim]
	bestSim := claimMatch
	if contests(stance) {
		// A denial restates what it denies in its own words.
		bestSim = contestMatch
	}
	si.claims.candidates(terms, since, func(ic *indexed[store.Claim]) {
		if sim := claim.TermSimilarity(ic.terms, terms); sim > bestSim || sim == bestSim && (best == nil || ic.item.ID > best.item.ID) {
			best, bestSim = ic, sim
		}
	})
	return best
}

// antecedent returns the claim that statement i of a report, made by
// claimant, which only refers back, is about: the claim joined by the
// report's last statement of another claimant inside its context span
// (the sentence before it), else, when the statement names whose claim it
// is, that owner's claim most like the context, else the story's claim of
// another claimant most like that context, the latest on a tie; nil when
// none is.
func (si *storyIndex) antecedent(claims []model.Claim, matched []*indexed[store.Claim], i int, owner, claimant string, terms claim.Terms, since string) *indexed[store.Claim] {
	ref := claims[i]
	var best *indexed[store.Claim]
	for k, c := range claims {
		// One's own statement in the same breath is no antecedent: "dismissed
		// the claim as speculation and said the figures were being updated".
		if k != i && !c.RefersBack && matched[k] != nil && c.Start >= ref.Start && c.Start < ref.End && owner == "" && c.Claimant != ref.Claimant {
			best = matched[k]
		}
	}
	if best != nil {
		return best
	}
	if owner != "" {
		// "Rejecting Ruiz's accusations" says whose claims, not which:
		// among those the report itself tells, any shared word singles
		// one out; among the rest of the story's, only a denial's match.
		bestSim := 0.0
		for k, c := range claims {
			if k == i || c.RefersBack || matched[k] == nil || matched[k].item.Claimant != owner {
				continue
			}
			if sim := claim.TermSimilarity(matched[k].terms, terms); sim > bestSim {
				best, bestSim = matched[k], sim
			}
		}
		if best != nil {
			return best
		}
		bestSim = contestMatch
		owned := si.byClaimant[owner]
		for k := len(owned) - 1; k >= max(0, len(owned)-maxOwnedClaims); k-- {
			ic := owned[k]
			if since != "" && ic.date != "" && ic.date < since {
				continue
			}
			if sim := claim.TermSimilarity(ic.terms, terms); sim >= bestSim {
				best, bestSim = ic, sim
			}
		}
		return best
	}
	// The context is a whole sentence of its own: it must say what the
	// claim says, not merely touch on it as a denial's content would. Whoever
	// refers back does not mean their own claim.
	bestSim := claimMatch
	si.claims.candidates(terms, since, func(ic *indexed[store.Claim]) {
		if claimant != "" && ic.item.Claimant == claimant {
			return
		}
		if sim := claim.TermSimilarity(ic.terms, terms); sim > bestSim || sim == bestSim && (best == nil || ic.item.ID > best.item.ID) {
			best, bestSim = ic, sim
		}
	})
	return best
}

// maxOwnedClaims bounds how many of a claimant's latest claims a denial
// of "their accusations" is compared with.
const maxOwnedClaims = 64

// against keys a stance by who takes it, when known, else by the origin
// of the report: one outlet may report both a claim and its target's
// denial, and a claimant quoted by ten outlets is still one source.
func against(e store.ClaimEvidence) string {
	if e.Claimant != "" {
		// One claimant in two languages' words is one source: "Tarquela's
		// defence ministry", "el Ministerio de Defensa de Tarquela".
		return "claimant:" + claimantKey(e.Claimant)
	}
	return e.Origin
}

// claimantKeys caches claim.ClaimantKey, which a story's statuses ask for
// again and again; it starts over when it grows past maxClaimantKeys.
var claimantKeys = struct {
	sync.Mutex
	m map[string]string
}{m: map[string]string{}}

const maxClaimantKeys = 1 << 16

func claimantKey(name string) string {
	claimantKeys.Lock()
	defer claimantKeys.Unlock()
	if k, ok := claimantKeys.m[name]; ok {
		return k
	}
	if len(claimantKeys.m) >= maxClaimantKeys {
		claimantKeys.m = map[string]string{}
	}
	k := claim.ClaimantKey(name)
	claimantKeys.m[name] = k
	return k
}

func overlapsClaim(start, end int, claims []model.Claim) bool {
	for _, c := range claims {
		if c.Start < end && start < c.End {
			return true
		}
	}
	return false
}

// Status derives a claim's status from its evidence, counting each
// claimant, or each origin for what reports state themselves, once:
// disputed when it is explicitly disputed, or denied while a source other
// than those denying it asserts or supports it; denied when only those
// who deny it stand behind it (a claim known from its denial, or taken
// back by its claimant); corroborated when at least two independent
// sources assert or support it; otherwise unconfirmed. It also returns how many independent sources took a
// stance on the claim, on either side: a claim known only from its
// denial has the denier as its one source.
func Status(evidence []store.ClaimEvidence) (string, int) {
	pro, deny, dispute, all := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, e := range evidence {
		switch e.Stance {
		case model.Asserts, model.Supports:
			pro[against(e)] = true
		case model.Denies:
			deny[against(e)] = true
		case model.Disputes:
			dispute[against(e)] = true
		default:
			continue
		}
		all[against(e)] = true
	}
	sources := len(all)
	switch {
	case len(dispute) > 0 || len(deny) > 0 && backedBeyond(pro, deny):
		return store.Disputed, sources
	case len(deny) > 0:
		return store.Denied, sources
	case len(pro) >= 2:
		return store.Corroborated, sources
	}
	return store.Unconfirmed, sources
}

// backedBeyond reports whether a source not among deniers stands behind
// a claim.
func backedBeyond(pro, deniers map[string]bool) bool {
	for p := range pro {
		if !deniers[p] {
			return true
		}
	}
	return false
}

// supports reports whether a sentence narrating an event, of terms told,
// is about the claim of terms c: similar enough, and not merely holding a
// few of the claim's words among many of its own.
func supports(c, told claim.Terms) bool {
	return claim.TermSimilarity(c, told) >= eventSupport && claim.Coverage(c, told) >= eventCoverage
}
