package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// jsonReport is one JSON Lines record; only Text is required.
type jsonReport struct {
	ID        json.RawMessage `json:"id"`
	URL       string          `json:"url"`
	Title     string          `json:"title"`
	Text      string          `json:"text"`
	Published json.RawMessage `json:"published"`
	Outlet    string          `json:"outlet"`
	Lang      string          `json:"lang"`
}

// readJSON reads JSON Lines (one report a line), a JSON array of reports,
// or a JSON Feed. A bad line is reported by number; the others still count.
func readJSON(name, s string, opts Options) ([]model.Article, error) {
	trimmed := strings.TrimSpace(s)
	if strings.HasPrefix(trimmed, "{") && isJSONFeed(trimmed) {
		return readFeed(name, s, opts)
	}
	if strings.HasPrefix(trimmed, "[") {
		var reports []json.RawMessage
		if err := json.Unmarshal([]byte(trimmed), &reports); err != nil {
			return nil, fmt.Errorf("json: %w", err)
		}
		return collectJSON(name, reports, "item", opts)
	}
	if json.Valid([]byte(trimmed)) {
		// One object, maybe spread over several lines.
		return collectJSON(name, []json.RawMessage{json.RawMessage(trimmed)}, "item", opts)
	}
	var records []json.RawMessage
	var lineNumbers []int
	for n, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		records = append(records, json.RawMessage(line))
		lineNumbers = append(lineNumbers, n+1)
	}
	return collectJSONNumbered(name, records, lineNumbers, "line", opts)
}

func isJSONFeed(s string) bool {
	var probe struct {
		Version string          `json:"version"`
		Items   json.RawMessage `json:"items"`
	}
	return json.Unmarshal([]byte(s), &probe) == nil && strings.Contains(probe.Version, "jsonfeed.org") && probe.Items != nil
}

func collectJSON(name string, records []json.RawMessage, unit string, opts Options) ([]model.Article, error) {
	numbers := make([]int, len(records))
	for i := range numbers {
		numbers[i] = i + 1
	}
	return collectJSONNumbered(name, records, numbers, unit, opts)
}

func collectJSONNumbered(name string, records []json.RawMessage, numbers []int, unit string, opts Options) ([]model.Article, error) {
	var arts []model.Article
	var errs []error
	for i, rec := range records {
		a, err := jsonArticle(rec)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s %d: %w", unit, numbers[i], err))
			continue
		}
		arts = append(arts, a)
	}
	for i := range arts {
		arts[i].Source = itemSource(name, i+1, len(arts))
		inferDate(&arts[i], opts)
	}
	if len(errs) == 0 {
		return arts, nil
	}
	return arts, recordErrors(errs)
}

// maxListedErrors caps how many bad records one message lists.
const maxListedErrors = 3

// recordErrors are the failures of single records of one input, reported
// on one line.
type recordErrors []error

func (e recordErrors) Error() string {
	parts := make([]string, 0, maxListedErrors+1)
	for _, err := range e[:min(len(e), maxListedErrors)] {
		parts = append(parts, strings.ReplaceAll(err.Error(), "\n", " "))
	}
	if extra := len(e) - maxListedErrors; extra > 0 {
		parts = append(parts, fmt.Sprintf("and %d more bad records", extra))
	}
	return strings.Join(parts, "; ")
}

func (e recordErrors) Unwrap() []error { return e }

func jsonArticle(rec json.RawMessage) (model.Article, error) {
	var r jsonReport
	dec := json.NewDecoder(bytes.NewReader(rec))
	if err := dec.Decode(&r); err != nil {
		return model.Article{}, fmt.Errorf("bad JSON: %w", err)
	}
	if dec.More() {
		return model.Article{}, errors.New("bad JSON: more than one value")
	}
	a := model.Article{
		ExternalID: jsonID(r.ID),
		URL:        strings.TrimSpace(r.URL),
		Outlet:     strings.TrimSpace(r.Outlet),
		Title:      cleanTitle(r.Title),
		Text:       repairText(r.Text),
		Raw:        string(rec),
		Lang:       strings.ToLower(strings.TrimSpace(r.Lang)),
	}
	if a.Text == "" {
		return model.Article{}, errors.New(`no "text"`)
	}
	if len(r.Published) > 0 && string(r.Published) != "null" {
		t, p, ok := jsonTime(r.Published)
		if !ok {
			return model.Article{}, fmt.Errorf(`unreadable "published" %s`, truncate(string(r.Published), 40))
		}
		a.Published, a.PublishedPrecision = t, p
	}
	dropLeadingDateline(&a)
	if a.Lang == "" {
		a.Lang = text.DetectLanguage(a.Title + "\n" + a.Text)
	}
	return a, nil
}

// jsonID accepts string and numeric identifiers.
func jsonID(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// jsonTime reads a timestamp string or Unix seconds.
func jsonTime(raw json.RawMessage) (time.Time, model.Precision, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return parseTimestamp(s)
	}
	secs, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil || secs < 0 || secs > 7258118400 {
		return time.Time{}, model.PrecisionNone, false
	}
	return time.Unix(secs, 0).UTC(), model.PrecisionMinute, true
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
