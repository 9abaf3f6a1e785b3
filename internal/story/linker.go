package story

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/entity"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/store"
)

// Tuning of the linker, chosen on development data.
const (
	// storyThreshold is the cosine similarity above which a report joins
	// an existing story.
	storyThreshold = 0.22
	// storyWindow is how far apart in time a report and a story's latest
	// report may be and still be linked.
	storyWindow = 21 * 24 * time.Hour
	// nearDuplicateBits is the SimHash distance under which two texts are
	// copies of one another.
	nearDuplicateBits = 3
	// claimMatch is the claim.Similarity above which two statements are
	// the same claim, and eventSupport the one above which an event a
	// report narrates supports a claim.
	claimMatch   = 0.5
	contestMatch = 0.3
	eventSupport = 0.5
	// eventCoverage is the least share of the longer side's terms a
	// supporting narration and its claim must share (claim.Coverage).
	eventCoverage = 0.25
	// claimWindow bounds which events may support a claim and which
	// earlier claims a new statement is matched against.
	claimWindow = 10 * 24 * time.Hour
)

// Outcome says what adding a report did.
type Outcome int

// Outcomes of Linker.Add.
const (
	Added      Outcome = iota // a new article
	Unchanged                 // this source was ingested before
	SameReport                // a known report arrived from a new source
)

// Result reports where an added report went.
type Result struct {
	Outcome     Outcome
	ArticleID   int64
	StoryID     int64
	DuplicateOf int64
}

// Linker adds analysed reports to a store and links them.
type Linker struct {
	st        *store.Store
	batch     *store.Batch
	now       func() time.Time
	index     *storyIndexes
	centroids *centroids
	aliases   map[aliasKey]bool     // aliases stored by this linker
	entities  map[nameType]resolved // names resolved by this linker
	keys      *entityKeys
}

// maxCachedTerms bounds the alias cache; past it the cache starts over.
const maxCachedTerms = 200_000

// NewLinker returns a linker writing to st, committing each report as it
// is added.
func NewLinker(st *store.Store) *Linker {
	l := &Linker{st: st, now: time.Now, index: newStoryIndexes(), centroids: newCentroids(), aliases: map[aliasKey]bool{}, entities: map[nameType]resolved{}, keys: newEntityKeys()}
	l.Batch(1, 0)
	return l
}

// Batch makes the linker commit after every max reports or maxAge,
// whichever comes first; Flush must then be called when adding is done.
// Each report still lands whole or not at all.
func (l *Linker) Batch(max int, maxAge time.Duration) {
	l.batch = l.st.NewBatch(max, maxAge)
	l.batch.OnRollback(l.forget)
}

// forget drops what the linker remembers of the store, after a failure
// that may have rolled some of it back.
func (l *Linker) forget() {
	l.index.reset()
	l.centroids.reset()
	clear(l.aliases)
	clear(l.entities)
}

// Flush commits the reports added since the last commit.
func (l *Linker) Flush() error {
	return l.batch.Flush()
}

// Add stores one report with its analysis and links it: either
// everything about the report lands or nothing does.
func (l *Linker) Add(ctx context.Context, a model.Article, an model.Analysis) (Result, error) {
	return l.AddPrepared(ctx, Prepare(a, an))
}

// AddPrepared is Add for a report already prepared, perhaps on another
// goroutine.
func (l *Linker) AddPrepared(ctx context.Context, p *Prepared) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	// A report once begun is written whole, and written again if a later
	// report of its batch fails: cancelling must not cut it short.
	wctx := context.WithoutCancel(ctx)
	var res Result
	err := l.batch.Update(ctx, func(tx *store.Tx) error {
		r, err := l.add(wctx, tx, p)
		res = r
		return err
	})
	if err != nil {
		return Result{}, fmt.Errorf("%s: store: %w", p.Article.Source, err)
	}
	return res, nil
}

func (l *Linker) add(ctx context.Context, tx *store.Tx, p *Prepared) (Result, error) {
	a, an, hash := p.Article, p.Analysis, p.hash
	if id, err := tx.ArticleByHash(ctx, hash); err != nil || id != 0 {
		if err != nil {
			return Result{}, err
		}
		known, err := tx.ArticleBySource(ctx, a.Source)
		if err != nil {
			return Result{}, err
		}
		if known == id {
			return Result{Outcome: Unchanged, ArticleID: id}, nil
		}
		return Result{Outcome: SameReport, ArticleID: id}, tx.AddSource(ctx, a.Source, id)
	}

	sa := &store.StoredArticle{Article: a, ContentHash: hash, SimHash: p.simHash, Analysis: an, IngestedAt: l.now()}
	dup, origin, err := tx.NearDuplicate(ctx, sa.SimHash, nearDuplicateBits)
	if err != nil {
		return Result{}, err
	}
	if dup != 0 {
		sa.DuplicateOf, sa.Origin = dup, origin
	} else {
		sa.Origin = p.origin
	}
	// The story first, so that the article is written with it.
	storyID, err := l.assignStory(ctx, tx, sa, p.vector)
	if err != nil {
		return Result{}, err
	}
	sa.StoryID = storyID
	id, err := tx.InsertArticle(ctx, sa)
	if err != nil {
		return Result{}, err
	}
	sa.ID = id

	names, err := l.resolveEntities(ctx, tx, sa, p)
	if err != nil {
		return Result{}, err
	}
	if err := storeQuotes(ctx, tx, sa, names); err != nil {
		return Result{}, err
	}
	si, err := l.index.story(ctx, tx, storyID)
	if err != nil {
		return Result{}, err
	}
	if err := mergeEvents(ctx, tx, sa, storyID, si, names, l.now(), p); err != nil {
		return Result{}, err
	}
	if err := l.linkClaims(ctx, tx, sa, storyID, si, names, p); err != nil {
		return Result{}, err
	}
	return Result{Outcome: Added, ArticleID: id, StoryID: storyID, DuplicateOf: sa.DuplicateOf}, nil
}

// assignStory puts the article in the most similar recent story, or a new one.
func (l *Linker) assignStory(ctx context.Context, tx *store.Tx, a *store.StoredArticle, vec map[string]float64) (int64, error) {
	since, until := "", ""
	if a.PublishedPrecision != model.PrecisionNone && !a.Published.IsZero() {
		since = a.Published.Add(-storyWindow).Format("2006-01-02")
		until = a.Published.Add(storyWindow + 24*time.Hour).Format("2006-01-02") // a day more: spans may hold times
	}
	active, err := l.centroids.active(ctx, tx, since, until)
	if err != nil {
		return 0, err
	}
	dots := map[int64]float64{}
	for t, x := range vec {
		for _, id := range l.centroids.postings[t] {
			if cd, ok := active[id]; ok {
				dots[id] += x * cd.weights[t]
			}
		}
	}
	an := norm(vec)
	published := a.PublishedString()
	best, bestSim := int64(0), storyThreshold
	for id, dot := range dots {
		st := active[id].story
		if st.Norm == 0 || an == 0 || !withinWindow(published, st.FirstPublished, st.LastPublished) {
			continue
		}
		if sim := dot / (an * st.Norm); sim > bestSim || (sim == bestSim && id < best) {
			best, bestSim = id, sim
		}
	}
	var old map[string]float64
	oldNorm := 0.0
	if best == 0 {
		title := a.Title
		if title == "" && len(a.Analysis.Sentences) > 0 {
			s := a.Analysis.Sentences[0]
			title = clip(a.Text[s.Start:s.End], 120)
		}
		if best, err = tx.InsertStory(ctx, title); err != nil {
			return 0, err
		}
	} else {
		old, oldNorm = active[best].weights, active[best].story.Norm
	}
	updated, err := tx.AddToStory(ctx, best, vec, old, oldNorm, published)
	if err != nil {
		return 0, err
	}
	l.centroids.add(updated, vec)
	return best, nil
}

// withinWindow reports whether a report published at p may join a story
// spanning first..last; unknown dates never exclude.
func withinWindow(p, first, last string) bool {
	pt, ft, lt := parseDay(p), parseDay(first), parseDay(last)
	if pt.IsZero() || ft.IsZero() || lt.IsZero() {
		return true
	}
	return !pt.Before(ft.Add(-storyWindow)) && !pt.After(lt.Add(storyWindow))
}

func parseDay(s string) time.Time {
	if len(s) >= 10 {
		t, _ := time.Parse("2006-01-02", s[:10])
		return t
	}
	return time.Time{}
}

// resolveEntities links each mention to a cross-document entity and
// returns a map from the document's canonical names to entity names.
func (l *Linker) resolveEntities(ctx context.Context, tx *store.Tx, a *store.StoredArticle, p *Prepared) (map[string]resolved, error) {
	if err := l.keys.sync(ctx, tx); err != nil {
		return nil, err
	}
	names := map[string]resolved{}
	var mentions []model.Mention
	var ids []int64
	w := &entityWrites{}
	for i, m := range a.Analysis.Entities {
		if m.Canonical == "" {
			continue
		}
		r, ok := names[m.Canonical]
		if !ok {
			var err error
			if r, err = l.resolveEntity(ctx, tx, w, m.Canonical, p.nameKeys[i], m.Type); err != nil {
				return nil, err
			}
			names[m.Canonical] = r
		}
		l.newAlias(w, r.id, m.Text)
		// The entity's own key finds it already.
		if k := p.textKeys[i]; k != "" && k != r.key {
			l.newAlias(w, r.id, "key:"+k)
			l.keys.add(k)
		}
		mentions = append(mentions, m)
		ids = append(ids, r.id)
	}
	if err := w.flush(ctx, tx); err != nil {
		return nil, err
	}
	return names, tx.InsertMentions(ctx, a.ID, a.StoryID, mentions, ids)
}

// entityWrites are the entities and aliases a report brings, written
// together: most of a report's names are new to the store. They must be
// written before the store is asked for entities by key.
type entityWrites struct {
	entities []store.NewEntity
	aliases  []store.Alias
}

// flushFor writes what is pending when it may answer a lookup by key;
// otherwise the store alone answers it, and writing waits for more.
func (w *entityWrites) flushFor(ctx context.Context, tx *store.Tx, key string) error {
	for _, e := range w.entities {
		if e.Key == key {
			return w.flush(ctx, tx)
		}
	}
	for _, a := range w.aliases {
		if strings.HasPrefix(a.Alias, "key:") && a.Alias[len("key:"):] == key {
			return w.flush(ctx, tx)
		}
	}
	return nil
}

func (w *entityWrites) flush(ctx context.Context, tx *store.Tx) error {
	if err := tx.InsertEntities(ctx, w.entities); err != nil {
		return err
	}
	if err := tx.AddAliases(ctx, w.aliases); err != nil {
		return err
	}
	w.entities, w.aliases = w.entities[:0], w.aliases[:0]
	return nil
}

// aliasKey is an entity's alias, remembered once stored.
type aliasKey struct {
	entity int64
	alias  string
}

// newAlias adds an alias to those to write unless this linker stored it
// before: most mentions repeat names already known.
func (l *Linker) newAlias(w *entityWrites, id int64, alias string) {
	k := aliasKey{id, alias}
	if l.aliases[k] {
		return
	}
	if len(l.aliases) >= maxCachedTerms {
		clear(l.aliases)
	}
	l.aliases[k] = true
	w.aliases = append(w.aliases, store.Alias{EntityID: id, Alias: alias})
}

type resolved struct {
	id        int64
	name, key string // the entity's name and its entity.Key
}

// nameType is a document's canonical name with its type.
type nameType struct{ name, typ string }

// resolveEntity finds or creates the entity a canonical name refers to,
// remembering the answer: a story repeats the same names in every report.
func (l *Linker) resolveEntity(ctx context.Context, tx *store.Tx, w *entityWrites, name, key, typ string) (resolved, error) {
	k := nameType{name, typ}
	if r, ok := l.entities[k]; ok {
		return r, nil
	}
	r, renamed, err := l.lookupEntity(ctx, tx, w, name, key, typ)
	if err != nil {
		return r, err
	}
	if renamed {
		for k2, r2 := range l.entities {
			if r2.id == r.id {
				l.entities[k2] = r
			}
		}
	}
	if len(l.entities) >= maxCachedTerms {
		clear(l.entities)
	}
	l.entities[k] = r
	return r, nil
}

// lookupEntity looks the name up in the store, creating the entity when
// none fits; renamed reports that an entity known by a surname only now
// carries the full name.
func (l *Linker) lookupEntity(ctx context.Context, tx *store.Tx, w *entityWrites, name, key, typ string) (r resolved, renamed bool, err error) {
	if l.keys.mayExist(key) {
		if err := w.flushFor(ctx, tx, key); err != nil {
			return resolved{}, false, err
		}
		cands, err := tx.EntitiesByKey(ctx, key)
		if err != nil {
			return resolved{}, false, err
		}
		for _, c := range cands {
			if compatibleTypes(c.Type, typ) {
				return resolved{c.ID, c.Name, entity.Key(c.Name)}, false, nil
			}
		}
		if c, ok := sameBareName(cands, key); ok {
			if c.Type == model.PER && typ != model.PER {
				if err := tx.RetypeEntity(ctx, c.ID, typ); err != nil {
					return resolved{}, false, err
				}
			}
			return resolved{c.ID, c.Name, key}, false, nil
		}
	}
	words := strings.Fields(key)
	surname := ""
	if typ == model.PER && len(words) > 1 {
		surname = words[len(words)-1]
	}
	if surname != "" && l.keys.mayExist(surname) {
		if err := w.flushFor(ctx, tx, surname); err != nil {
			return resolved{}, false, err
		}
		// An entity known so far only by this person's surname gets the
		// full name now.
		cands, err := tx.EntitiesByKey(ctx, surname)
		if err != nil {
			return resolved{}, false, err
		}
		for _, c := range cands {
			if c.Type == model.PER && len(strings.Fields(entity.Key(c.Name))) == 1 {
				if err := tx.RenameEntity(ctx, c.ID, name, key); err != nil {
					return resolved{}, false, err
				}
				l.keys.add(key)
				w.aliases = append(w.aliases, store.Alias{EntityID: c.ID, Alias: "key:" + surname})
				return resolved{c.ID, name, key}, true, nil
			}
		}
	}
	id, err := tx.ReserveEntityID(ctx)
	if err != nil {
		return resolved{}, false, err
	}
	w.entities = append(w.entities, store.NewEntity{ID: id, Name: name, Type: typ, Key: key})
	l.keys.add(key)
	if surname != "" {
		w.aliases = append(w.aliases, store.Alias{EntityID: id, Alias: "key:" + surname})
		l.keys.add(surname)
	}
	return resolved{id, name, key}, false, nil
}

// sameBareName returns the candidate whose own name is the one-word key
// itself, whatever its type. Reports type a bare name ("Karvenia said",
// "in Karvenia", "Karvenia's government") as a person, a place or an
// organization by how they use it; one story means one thing by it. A
// person keeps a one-word name only when no report gave the full one, so
// the other types win: the caller retypes such a person.
func sameBareName(cands []store.EntityCandidate, key string) (store.EntityCandidate, bool) {
	if strings.Contains(key, " ") {
		return store.EntityCandidate{}, false
	}
	for _, c := range cands {
		if entity.Key(c.Name) == key {
			return c, true
		}
	}
	return store.EntityCandidate{}, false
}

func compatibleTypes(a, b string) bool {
	return a == b || a == model.MISC || b == model.MISC
}

// globalName maps a document's canonical name to the cross-document
// entity name, keeping names the document did not resolve.
func globalName(names map[string]resolved, n string) string {
	if r, ok := names[n]; ok {
		return r.name
	}
	return n
}

func globalNames(names map[string]resolved, ns []string) []string {
	out := make([]string, 0, len(ns))
	for _, n := range ns {
		out = appendUnique(out, globalName(names, n))
	}
	return out
}

func storeQuotes(ctx context.Context, tx *store.Tx, a *store.StoredArticle, names map[string]resolved) error {
	for _, q := range a.Analysis.Quotes {
		sq := &store.Quote{Article: a.ID, Text: q.Text, Start: q.Start, End: q.End,
			SpeakerStart: q.SpeakerStart, SpeakerEnd: q.SpeakerEnd, Date: model.FormatDate(a.Published, dayOrCoarser(a.PublishedPrecision))}
		if r, ok := names[q.Speaker]; ok {
			sq.Speaker, sq.SpeakerEntity = r.name, &r.id
		} else {
			sq.Speaker = q.Speaker
		}
		if err := tx.InsertQuote(ctx, sq); err != nil {
			return err
		}
	}
	return nil
}

func dayOrCoarser(p model.Precision) model.Precision {
	if p == model.PrecisionMinute {
		return model.PrecisionDay
	}
	return p
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
	}
	return s[:cut] + "…"
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}
