// Package export renders stored records in the storyline/v1 JSON contract
// and as Markdown.
package export

import (
	"context"
	"encoding/json"
	"io"

	"github.com/storyline/storyline/internal/store"
)

// Schema names the JSON contract; change it only by adding fields.
const Schema = "storyline/v1"

// Article is an article as exported.
type Article struct {
	ID                 int64   `json:"id"`
	Source             string  `json:"source"`
	URL                string  `json:"url"`
	Outlet             string  `json:"outlet"`
	Title              string  `json:"title"`
	Published          *string `json:"published"`
	PublishedPrecision *string `json:"published_precision"`
	Lang               string  `json:"lang"`
	Story              *int64  `json:"story"`
	DuplicateOf        *int64  `json:"duplicate_of"`
}

// Event is an event as exported: unknown dates are null.
type Event struct {
	store.Event
	Date      *string `json:"date"`
	Precision *string `json:"precision"`
}

// Document is the whole export.
type Document struct {
	Schema   string         `json:"schema"`
	Articles []Article      `json:"articles"`
	Stories  []store.Story  `json:"stories"`
	Entities []store.Entity `json:"entities"`
	Events   []Event        `json:"events"`
	Quotes   []store.Quote  `json:"quotes"`
	Claims   []store.Claim  `json:"claims"`
}

// Build collects everything, or one story's records when storyID != 0.
func Build(ctx context.Context, st *store.Store, storyID int64) (*Document, error) {
	doc := &Document{Schema: Schema}
	arts, err := st.Articles(ctx, storyID)
	if err != nil {
		return nil, err
	}
	doc.Articles = make([]Article, 0, len(arts))
	for _, a := range arts {
		doc.Articles = append(doc.Articles, Article{
			ID: a.ID, Source: a.Source, URL: a.URL, Outlet: a.Outlet, Title: a.Title,
			Published: nullable(a.PublishedString()), PublishedPrecision: nullable(string(a.PublishedPrecision)),
			Lang: a.Lang, Story: nullableID(a.StoryID), DuplicateOf: nullableID(a.DuplicateOf),
		})
	}
	stories, err := st.Stories(ctx)
	if err != nil {
		return nil, err
	}
	doc.Stories = []store.Story{}
	for _, s := range stories {
		if storyID == 0 || s.ID == storyID {
			doc.Stories = append(doc.Stories, s)
		}
	}
	if doc.Entities, err = st.Entities(ctx, storyID, 0); err != nil {
		return nil, err
	}
	events, err := st.Events(ctx, store.EventFilter{Story: storyID})
	if err != nil {
		return nil, err
	}
	doc.Events = make([]Event, 0, len(events))
	for _, e := range events {
		doc.Events = append(doc.Events, Event{Event: e, Date: nullable(e.Date), Precision: nullable(string(e.Precision))})
	}
	if doc.Quotes, err = st.Quotes(ctx, store.QuoteFilter{Story: storyID}); err != nil {
		return nil, err
	}
	if doc.Claims, err = st.Claims(ctx, store.ClaimFilter{Story: storyID}); err != nil {
		return nil, err
	}
	if doc.Entities == nil {
		doc.Entities = []store.Entity{}
	}
	if doc.Quotes == nil {
		doc.Quotes = []store.Quote{}
	}
	if doc.Claims == nil {
		doc.Claims = []store.Claim{}
	}
	return doc, nil
}

// WriteJSON writes v as indented JSON.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nullableID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}
