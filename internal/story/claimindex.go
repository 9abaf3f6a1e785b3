package story

import (
	"context"

	"github.com/storyline/storyline/internal/claim"
	"github.com/storyline/storyline/internal/store"
)

// claimIndex keeps each story's claims and their content terms in memory
// with an inverted index from term to claim, so that a new statement is
// compared only with the claims that share a term with it instead of with
// every claim of a long story. It catches up with claims stored by other
// writers before each use, and is dropped when a transaction fails, since
// it may then hold claims that were rolled back.
type claimIndex struct {
	stories map[int64]*storyClaims
}

type storyClaims struct {
	lastID   int64
	claims   map[int64]*indexedClaim
	postings map[string][]int64
}

type indexedClaim struct {
	claim store.Claim
	terms claim.Terms
}

func newClaimIndex() *claimIndex { return &claimIndex{stories: map[int64]*storyClaims{}} }

func (x *claimIndex) reset() { clear(x.stories) }

// story returns a story's index, brought up to date with the store.
func (x *claimIndex) story(ctx context.Context, tx *store.Tx, storyID int64) (*storyClaims, error) {
	sc, ok := x.stories[storyID]
	if !ok {
		sc = &storyClaims{claims: map[int64]*indexedClaim{}, postings: map[string][]int64{}}
		x.stories[storyID] = sc
	}
	newer, err := tx.ClaimsAfter(ctx, storyID, sc.lastID)
	if err != nil {
		return nil, err
	}
	for _, c := range newer {
		sc.add(c)
	}
	return sc, nil
}

func (sc *storyClaims) add(c store.Claim) *indexedClaim {
	ic := &indexedClaim{claim: c, terms: claim.ContentTerms(c.Text, c.Lang)}
	sc.claims[c.ID] = ic
	for _, w := range ic.terms.Words() {
		sc.postings[w] = append(sc.postings[w], c.ID)
	}
	sc.lastID = max(sc.lastID, c.ID)
	return ic
}

// candidates calls fn once for each claim first reported on or after
// since ("" for any) that shares a term with terms.
func (sc *storyClaims) candidates(terms claim.Terms, since string, fn func(*indexedClaim)) {
	seen := map[int64]bool{}
	for _, w := range terms.Words() {
		for _, id := range sc.postings[w] {
			if seen[id] {
				continue
			}
			seen[id] = true
			ic := sc.claims[id]
			if since != "" && ic.claim.FirstReported != "" && ic.claim.FirstReported < since {
				continue
			}
			fn(ic)
		}
	}
}
