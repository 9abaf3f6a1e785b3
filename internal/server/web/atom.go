package web

import (
	"bytes"
	"context"
	"encoding/xml"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/store"
)

// Atom 1.0 elements, only what a feed reader needs.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary atomText `xml:"summary"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// atomEntries is how many of the newest events a feed carries.
const atomEntries = 50

// atom serves a story's timeline events as Atom 1.0, newest first by when
// storyline learned of them. Entry ids depend only on the event id, so a
// reader never sees the same event twice.
func (h *Handler) atom(w http.ResponseWriter, r *http.Request) {
	id, ok := h.pathID(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	st, err := h.storyByID(ctx, id)
	if err == errNotFound {
		h.notFound(w, r)
		return
	} else if err != nil {
		h.storeFailed(w, r, err)
		return
	}
	events, err := h.newestEvents(ctx, st)
	if err != nil {
		h.storeFailed(w, r, err)
		return
	}

	base := baseURL(r)
	storyURL := base + "/stories/" + strconv.FormatInt(id, 10)
	feed := atomFeed{
		ID:     "tag:storyline,2026:story-" + strconv.FormatInt(id, 10),
		Title:  st.Title,
		Author: atomAuthor{Name: "storyline"},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: storyURL + "/atom"},
			{Rel: "alternate", Type: "text/html", Href: storyURL},
		},
	}
	var newest time.Time
	for _, e := range events {
		updated := e.FirstSeen.UTC()
		if updated.IsZero() {
			updated = time.Unix(0, 0).UTC()
		}
		if updated.After(newest) {
			newest = updated
		}
		feed.Entries = append(feed.Entries, atomEntry{
			ID:      "tag:storyline,2026:event-" + strconv.FormatInt(e.ID, 10),
			Title:   eventTitle(e),
			Updated: updated.Format(time.RFC3339),
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: storyURL + "#event-" + strconv.FormatInt(e.ID, 10)},
			Summary: atomText{Type: "text", Body: eventSummary(e)},
		})
	}
	if newest.IsZero() {
		newest = time.Unix(0, 0).UTC()
	}
	feed.Updated = newest.Format(time.RFC3339)

	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(feed); err != nil {
		h.storeFailed(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write(buf.Bytes())
}

// newestEvents are a story's atomEntries dated events that storyline
// learned of last, newest first. Finding them reads all the story's
// events, so they are kept until the story gains a report.
func (h *Handler) newestEvents(ctx context.Context, st *store.Story) ([]store.Event, error) {
	key := storyState{st.ID, len(st.Articles)}
	if events, ok := h.feedEvents.get(key); ok {
		return events, nil
	}
	events, err := h.st.Events(ctx, store.EventFilter{Story: st.ID, DatedOnly: true})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(events, func(i, j int) bool {
		if !events[i].FirstSeen.Equal(events[j].FirstSeen) {
			return events[i].FirstSeen.After(events[j].FirstSeen)
		}
		return events[i].ID > events[j].ID
	})
	// A copy, so the cache does not pin the whole story's events.
	events = slices.Clone(events[:min(len(events), atomEntries)])
	h.feedEvents.put(key, events)
	return events, nil
}

func eventTitle(e store.Event) string {
	title := e.Date + ": " + e.Type
	if len(e.Actors) > 0 {
		title += " — " + strings.Join(e.Actors, ", ")
	}
	return title
}

// eventSummary is the event's summary, else its first evidence sentence,
// with its source count.
func eventSummary(e store.Event) string {
	text := e.Summary
	if text == "" && len(e.Evidence) > 0 {
		text = e.Evidence[0].Text
	}
	return text + " (" + plural(e.IndependentSources, "independent source") + ")"
}

// baseURL is the scheme and host the request came to, for the absolute
// links Atom needs.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
