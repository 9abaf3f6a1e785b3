package story

import (
	"context"

	"github.com/storyline/storyline/internal/claim"
	"github.com/storyline/storyline/internal/store"
)

// storyIndexes keeps, for each story, its events, and its claims and event
// mentions with their content terms, in memory, each with an inverted index from
// term to record, so that a new statement is compared only with records
// sharing a term with it instead of with everything in a long story. They
// catch up with records stored by other writers before each use, and are
// dropped when a transaction fails, since they may then hold rolled-back
// records.
type storyIndexes struct {
	stories map[int64]*storyIndex
	// version is the store's data version when the indexes were last
	// brought up to date; while it holds, no other writer changed them.
	version int64
}

// commonTerm is the number of records a term may index before it is too
// common to find candidates by.
const commonTerm = 150

type storyIndex struct {
	claims termIndex[store.Claim]
	// byClaimant holds the story's claims by claimant, in order, for
	// statements that deny someone's claims without saying which.
	byClaimant map[string][]*indexed[store.Claim]
	mentions   termIndex[store.StoryEventMention]
	// events are the story's events by date and type: the candidates a
	// new event mention may merge into.
	events      map[eventSlot][]*store.Event
	lastEventID int64
	stale       bool // another writer may have added records since
	// stances holds, per claim, the distinct (stance, claimant, origin)
	// of its evidence once loaded, so a much-repeated claim's status is
	// derived without reading all its evidence again.
	stances map[int64][]store.ClaimEvidence
	// origins holds, per event, the distinct origins of its evidence once
	// loaded, so that counting an event's independent sources does not
	// read all its mentions again for every report that tells it.
	origins map[int64]map[string]bool
	// statuses holds the status and source count this linker last wrote
	// for a claim, so that a report leaving them as they were writes
	// nothing.
	statuses map[int64]claimStatus
}

type claimStatus struct {
	status  string
	sources int
}

// statusChanged records a claim's derived status and reports whether the
// store may hold another.
func (si *storyIndex) statusChanged(claimID int64, status string, sources int) bool {
	s := claimStatus{status, sources}
	if si.statuses[claimID] == s {
		return false
	}
	if si.statuses == nil {
		si.statuses = map[int64]claimStatus{}
	}
	si.statuses[claimID] = s
	return true
}

// eventOrigins returns the distinct origins of an event's evidence,
// loading them once; loaded reports that they were read from the store
// just now.
func (si *storyIndex) eventOrigins(ctx context.Context, tx *store.Tx, eventID int64) (origins map[string]bool, loaded bool, err error) {
	if known, ok := si.origins[eventID]; ok {
		return known, false, nil
	}
	list, err := tx.EventOrigins(ctx, eventID)
	if err != nil {
		return nil, false, err
	}
	known := make(map[string]bool, len(list))
	for _, o := range list {
		known[o] = true
	}
	if si.origins == nil {
		si.origins = map[int64]map[string]bool{}
	}
	si.origins[eventID] = known
	return known, true, nil
}

// noteStance records new evidence of a claim whose stances are loaded.
func (si *storyIndex) noteStance(claimID int64, e store.ClaimEvidence) {
	known, ok := si.stances[claimID]
	if !ok {
		return
	}
	for _, k := range known {
		if k.Stance == e.Stance && k.Claimant == e.Claimant && k.Origin == e.Origin {
			return
		}
	}
	si.stances[claimID] = append(known, store.ClaimEvidence{Stance: e.Stance, Claimant: e.Claimant, Origin: e.Origin})
}

// knowStances marks a new claim's stances as known: none yet.
func (si *storyIndex) knowStances(claimID int64) {
	if si.stances == nil {
		si.stances = map[int64][]store.ClaimEvidence{}
	}
	si.stances[claimID] = nil
}

// claimStances returns a claim's distinct stances, loading them once.
func (si *storyIndex) claimStances(ctx context.Context, tx *store.Tx, claimID int64) ([]store.ClaimEvidence, error) {
	if known, ok := si.stances[claimID]; ok {
		return known, nil
	}
	known, err := tx.ClaimStances(ctx, claimID)
	if err != nil {
		return nil, err
	}
	if si.stances == nil {
		si.stances = map[int64][]store.ClaimEvidence{}
	}
	si.stances[claimID] = known
	return known, nil
}

type eventSlot struct{ date, typ string }

func (si *storyIndex) addEvent(e *store.Event) {
	if si.events == nil {
		si.events = map[eventSlot][]*store.Event{}
	}
	k := eventSlot{e.Date, e.Type}
	si.events[k] = append(si.events[k], e)
	si.lastEventID = max(si.lastEventID, e.ID)
}

// termIndex is records of one kind, by id and by content term.
type termIndex[T any] struct {
	lastID   int64
	items    map[int64]*indexed[T]
	postings map[string][]int64
	// shared and order are scratch space for candidates.
	shared map[int64]int
	order  []int64
}

type indexed[T any] struct {
	item  T
	terms claim.Terms
	date  string // ISO date the record was first reported, "" if unknown
}

func newStoryIndexes() *storyIndexes { return &storyIndexes{stories: map[int64]*storyIndex{}} }

func (x *storyIndexes) reset() { clear(x.stories) }

// story returns a story's indexes, brought up to date with the store.
func (x *storyIndexes) story(ctx context.Context, tx *store.Tx, storyID int64) (*storyIndex, error) {
	version, err := tx.DataVersion(ctx)
	if err != nil {
		return nil, err
	}
	si, ok := x.stories[storyID]
	if ok && version == x.version {
		return si, nil
	}
	if version != x.version {
		// Another writer committed: every story may have changed.
		for _, other := range x.stories {
			other.stale = true
		}
		x.version = version
	}
	if !ok {
		si = &storyIndex{}
		x.stories[storyID] = si
	} else if !si.stale {
		return si, nil
	}
	si.stale = false
	clear(si.stances)
	clear(si.origins)
	clear(si.statuses)
	claims, err := tx.ClaimsAfter(ctx, storyID, si.claims.lastID)
	if err != nil {
		return nil, err
	}
	for _, c := range claims {
		si.addClaim(c)
	}
	mentions, err := tx.EventMentionsAfter(ctx, storyID, si.mentions.lastID)
	if err != nil {
		return nil, err
	}
	for _, m := range mentions {
		si.mentions.add(m.ID, m, claim.ContentTerms(m.Text, m.Lang), m.PublishedDay)
	}
	events, err := tx.EventsAfter(ctx, storyID, si.lastEventID)
	if err != nil {
		return nil, err
	}
	for i := range events {
		si.addEvent(&events[i])
	}
	return si, nil
}

func (si *storyIndex) addClaim(c store.Claim) *indexed[store.Claim] {
	return si.addClaimTerms(c, claim.ContentTerms(c.Text, c.Lang))
}

func (si *storyIndex) addClaimTerms(c store.Claim, terms claim.Terms) *indexed[store.Claim] {
	r := si.claims.add(c.ID, c, terms, c.FirstReported)
	if c.Claimant != "" {
		if si.byClaimant == nil {
			si.byClaimant = map[string][]*indexed[store.Claim]{}
		}
		si.byClaimant[c.Claimant] = append(si.byClaimant[c.Claimant], r)
	}
	return r
}

func (ix *termIndex[T]) add(id int64, item T, terms claim.Terms, date string) *indexed[T] {
	if ix.items == nil {
		ix.items, ix.postings = map[int64]*indexed[T]{}, map[string][]int64{}
	}
	r := &indexed[T]{item: item, terms: terms, date: date}
	ix.items[id] = r
	for _, w := range terms.Words() {
		ix.postings[w] = append(ix.postings[w], id)
	}
	ix.lastID = max(ix.lastID, id)
	return r
}

// candidates calls fn once for each record dated on or after since ("" for
// any; undated records always qualify) that shares at least two terms with
// terms, in a deterministic order. One shared term never makes a match
// (claim.TermSimilarity halves it below every threshold), so records
// sharing one are not worth comparing.
func (ix *termIndex[T]) candidates(terms claim.Terms, since string, fn func(*indexed[T])) {
	if ix.shared == nil {
		ix.shared = map[int64]int{}
	}
	shared := ix.shared
	clear(shared)
	ix.order = ix.order[:0]
	words := terms.Words()
	for _, w := range words {
		ids := ix.postings[w]
		if len(ids) > commonTerm && len(words) > 2 {
			// A term this frequent in the story says little; records that
			// match well share rarer terms too.
			continue
		}
		for _, id := range ids {
			n := shared[id] + 1
			shared[id] = n
			if n == 2 {
				ix.order = append(ix.order, id)
			}
		}
	}
	for _, id := range ix.order {
		r := ix.items[id]
		if since != "" && r.date != "" && r.date < since {
			continue
		}
		fn(r)
	}
}
