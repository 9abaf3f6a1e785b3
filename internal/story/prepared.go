package story

import (
	"github.com/storyline/storyline/internal/claim"
	"github.com/storyline/storyline/internal/entity"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/model"
)

// Prepared is a report with what linking needs from its text alone, so
// that this work runs in parallel, before the single writer.
type Prepared struct {
	Article    model.Article
	Analysis   model.Analysis
	hash       string
	simHash    uint64
	origin     string // Origin of the article, unless it copies another
	vector     map[string]float64
	claimTerms []claim.Terms // of each of Analysis.Claims
	eventTerms []claim.Terms // of the sentence of each of Analysis.Events
	// nameKeys and textKeys are the entity.Key of each of
	// Analysis.Entities' canonical name and text.
	nameKeys, textKeys []string
}

// Prepare computes a report's hashes, story vector and content terms.
func Prepare(a model.Article, an model.Analysis) *Prepared {
	p := &Prepared{
		Article: a, Analysis: an,
		hash: ingest.ContentHash(a), simHash: ingest.SimHash(a.Text), origin: Origin(a), vector: termVector(a, an),
		claimTerms: make([]claim.Terms, len(an.Claims)), eventTerms: make([]claim.Terms, len(an.Events)),
	}
	p.nameKeys, p.textKeys = make([]string, len(an.Entities)), make([]string, len(an.Entities))
	for i, m := range an.Entities {
		if m.Canonical != "" {
			p.nameKeys[i], p.textKeys[i] = entity.Key(m.Canonical), entity.Key(m.Text)
		}
	}
	for i, c := range an.Claims {
		p.claimTerms[i] = claim.ContentTerms(c.Text, a.Lang)
	}
	for i, ev := range an.Events {
		p.eventTerms[i] = claim.ContentTerms(a.Text[ev.Start:ev.End], a.Lang)
	}
	return p
}
