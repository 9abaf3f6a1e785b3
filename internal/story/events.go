package story

import (
	"context"
	"time"

	"github.com/storyline/storyline/internal/store"
)

// summaryLength bounds an event's summary, taken from its first sentence.
const summaryLength = 240

// mergeEvents attaches each event the report narrates to a matching event
// of the story on the same date, or creates one, and recounts how many
// independent sources stand behind it.
func mergeEvents(ctx context.Context, tx *store.Tx, a *store.StoredArticle, storyID int64, si *storyIndex, names map[string]resolved, now time.Time, p *Prepared) error {
	touched, created := map[int64]*store.Event{}, map[int64]bool{}
	// The report's new events and its mentions are written together once
	// all are known, under ids reserved now.
	var newEvents []*store.Event
	var newMentions []store.EventMention
	for i, ev := range a.Analysis.Events {
		sentence := a.Text[ev.Start:ev.End]
		cand := store.Event{
			Story: storyID, Date: ev.Date, Precision: ev.Precision, Type: ev.Type,
			Actors: globalNames(names, ev.Actors), Targets: globalNames(names, ev.Targets),
			Place: globalName(names, ev.Place), FirstSeen: now,
		}
		var target *store.Event
		for _, e := range si.events[eventSlot{ev.Date, ev.Type}] {
			if sameEvent(e, &cand) {
				target = e
				break
			}
		}
		if target == nil {
			cand.Summary = clip(sentence, summaryLength)
			// Its one source is this report, however often it tells it.
			cand.IndependentSources = 1
			id, err := tx.ReserveEventID(ctx)
			if err != nil {
				return err
			}
			cand.ID = id
			target = &cand
			si.addEvent(target)
			created[id] = true
			newEvents = append(newEvents, target)
		} else if widen(target, &cand) && !created[target.ID] {
			if err := tx.UpdateEventArguments(ctx, target); err != nil {
				return err
			}
		}
		mid, err := tx.ReserveEventMentionID(ctx)
		if err != nil {
			return err
		}
		newMentions = append(newMentions, store.EventMention{ID: mid, EventID: target.ID, ArticleID: a.ID,
			Start: ev.Start, End: ev.End, Text: sentence, Trigger: ev.Trigger, Figures: ev.Figures})
		if target.Date != "" {
			m := store.StoryEventMention{ID: mid, EventID: target.ID, ArticleID: a.ID, Start: ev.Start, End: ev.End,
				Text: sentence, Lang: a.Lang, PublishedDay: a.PublishedString()}
			if len(m.PublishedDay) > 10 {
				m.PublishedDay = m.PublishedDay[:10]
			}
			si.mentions.add(mid, m, p.eventTerms[i], m.PublishedDay)
		}
		touched[target.ID] = target
	}
	if err := tx.InsertEvents(ctx, newEvents); err != nil {
		return err
	}
	if err := tx.InsertEventMentions(ctx, newMentions); err != nil {
		return err
	}
	for id, e := range touched {
		if created[id] {
			continue
		}
		origins, loaded, err := si.eventOrigins(ctx, tx, id)
		if err != nil {
			return err
		}
		// Origins loaded just now hold this report's already, and the
		// stored count may be another writer's; cached ones were counted
		// in the store when they last grew.
		before := len(origins)
		origins[a.Origin] = true
		if loaded || len(origins) != before {
			e.IndependentSources = len(origins)
			if err := tx.SetEventSources(ctx, id, e.IndependentSources); err != nil {
				return err
			}
		}
	}
	return nil
}

// sameEvent decides whether two event mentions on one date are one event:
// the same type and at least one shared participant or the same place.
// Undated mentions merge only when type, actors and targets all agree.
func sameEvent(a, b *store.Event) bool {
	if a.Type != b.Type || a.Precision != b.Precision {
		return false
	}
	if a.Date == "" {
		return equalSets(a.Actors, b.Actors) && equalSets(a.Targets, b.Targets)
	}
	if overlaps(a.Actors, b.Actors) || overlaps(a.Targets, b.Targets) {
		return true
	}
	if a.Place != "" && a.Place == b.Place {
		return true
	}
	return len(a.Actors)+len(a.Targets) == 0 || len(b.Actors)+len(b.Targets) == 0
}

// widen adds b's participants and place to a; it reports whether a changed.
func widen(a, b *store.Event) bool {
	changed := false
	for _, x := range b.Actors {
		if !contains(a.Actors, x) {
			a.Actors = append(a.Actors, x)
			changed = true
		}
	}
	for _, x := range b.Targets {
		if !contains(a.Targets, x) {
			a.Targets = append(a.Targets, x)
			changed = true
		}
	}
	if a.Place == "" && b.Place != "" {
		a.Place = b.Place
		changed = true
	}
	return changed
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}

func equalSets(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !contains(b, x) {
			return false
		}
	}
	return true
}
