package eval

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
)

// TimelineTopic is one Timeline17-format topic: the articles a system reads
// and a reference timeline written by journalists.
type TimelineTopic struct {
	Name      string
	Articles  []TimelineArticle
	Reference []TimelineEntry
}

// TimelineArticle is one input article: its id, publication date
// (YYYY-MM-DD) and tokenised text.
type TimelineArticle struct {
	UID  string `json:"uid"`
	DCT  string `json:"dct"`
	Text string `json:"text"`
}

// TimelineEntry is one dated summary of a timeline; a date may have several.
type TimelineEntry struct {
	Date string `json:"date"`
	Text string `json:"text"`
}

// ReferenceDates are the distinct dates of a topic's reference, sorted.
func (t TimelineTopic) ReferenceDates() []string {
	return distinctDates(t.Reference)
}

// LoadTimeline17 reads every topic under dir: a folder holding articles.json
// and one or more *.timeline.json files (each a topic of its own), or a
// folder of such folders. Topics come back sorted by name.
func LoadTimeline17(dir string) ([]TimelineTopic, error) {
	dirs, err := filepath.Glob(filepath.Join(dir, "*", "articles.json"))
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "articles.json")); err == nil {
		dirs = append(dirs, filepath.Join(dir, "articles.json"))
	}
	if len(dirs) == 0 {
		return nil, fmt.Errorf("%s: no articles.json here or one level down", dir)
	}
	var topics []TimelineTopic
	for _, a := range dirs {
		topicDir := filepath.Dir(a)
		ts, err := loadTimelineTopic(topicDir)
		if err != nil {
			return nil, err
		}
		topics = append(topics, ts...)
	}
	sort.Slice(topics, func(i, j int) bool { return topics[i].Name < topics[j].Name })
	return topics, nil
}

func loadTimelineTopic(dir string) ([]TimelineTopic, error) {
	var arts []TimelineArticle
	if err := readJSONFile(filepath.Join(dir, "articles.json"), &arts); err != nil {
		return nil, err
	}
	for _, a := range arts {
		if _, err := time.Parse("2006-01-02", a.DCT); err != nil {
			return nil, fmt.Errorf("%s: article %s: bad dct %q", dir, a.UID, a.DCT)
		}
	}
	refs, err := filepath.Glob(filepath.Join(dir, "*.timeline.json"))
	if err != nil {
		return nil, err
	}
	if len(refs) == 0 {
		return nil, fmt.Errorf("%s: no *.timeline.json reference", dir)
	}
	sort.Strings(refs)
	var out []TimelineTopic
	for _, ref := range refs {
		data, err := os.ReadFile(ref)
		if err != nil {
			return nil, err
		}
		entries, err := ParseTimeline(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ref, err)
		}
		name := filepath.Base(dir)
		if len(refs) > 1 {
			name += "/" + strings.TrimSuffix(filepath.Base(ref), ".timeline.json")
		}
		out = append(out, TimelineTopic{Name: name, Articles: arts, Reference: entries})
	}
	return out, nil
}

func readJSONFile(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// ParseTimeline reads a reference timeline: a JSON array of {date, text}
// with day dates.
func ParseTimeline(data []byte) ([]TimelineEntry, error) {
	var entries []TimelineEntry
	if err := json.Unmarshal(data, &entries); err != nil {
		return nil, err
	}
	return entries, checkTimeline(entries)
}

func checkTimeline(entries []TimelineEntry) error {
	if len(entries) == 0 {
		return fmt.Errorf("empty timeline")
	}
	for _, e := range entries {
		if _, err := time.Parse("2006-01-02", e.Date); err != nil {
			return fmt.Errorf("bad timeline date %q", e.Date)
		}
	}
	return nil
}

func distinctDates(entries []TimelineEntry) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range entries {
		if !seen[e.Date] {
			seen[e.Date] = true
			out = append(out, e.Date)
		}
	}
	sort.Strings(out)
	return out
}

// DateF1 compares the set of dates of a produced timeline with the
// reference's, as news-tls does.
func DateF1(predicted, reference []string) (p, r, f1 float64) {
	ref := map[string]bool{}
	for _, d := range reference {
		ref[d] = true
	}
	pred := map[string]bool{}
	for _, d := range predicted {
		pred[d] = true
	}
	hits := 0
	for d := range pred {
		if ref[d] {
			hits++
		}
	}
	return prf(hits, len(pred), len(ref))
}

// TimelineScore is how a produced timeline compares with one topic's
// reference.
type TimelineScore struct {
	Topic      string  `json:"topic"`
	Articles   int     `json:"articles"`
	Dates      int     `json:"dates"` // reference dates, and so dates asked for
	Produced   int     `json:"produced"`
	DateP      float64 `json:"date_p"`
	DateR      float64 `json:"date_r"`
	DateF1     float64 `json:"date_f1"`
	AlignR1F   float64 `json:"align_rouge1_f"`
	ElapsedSec float64 `json:"elapsed_sec"`
}

// TimelineScores are per-topic scores and their macro averages.
type TimelineScores struct {
	Topics       []TimelineScore `json:"topics"`
	DateF1       float64         `json:"date_f1"`
	DateP        float64         `json:"date_p"`
	DateR        float64         `json:"date_r"`
	AlignR1F     float64         `json:"align_rouge1_f"`
	TotalSeconds float64         `json:"total_sec"`
}

// ScoreTimeline scores a produced timeline against a topic's reference.
func ScoreTimeline(t TimelineTopic, produced []TimelineEntry) TimelineScore {
	pred := distinctDates(produced)
	ref := t.ReferenceDates()
	s := TimelineScore{Topic: t.Name, Articles: len(t.Articles), Dates: len(ref), Produced: len(pred)}
	s.DateP, s.DateR, s.DateF1 = DateF1(pred, ref)
	s.AlignR1F = AlignedRouge1(produced, t.Reference)
	return s
}

// Average fills in the macro averages over the topics.
func (s *TimelineScores) Average() {
	s.DateF1, s.DateP, s.DateR, s.AlignR1F = 0, 0, 0, 0
	if len(s.Topics) == 0 {
		return
	}
	for _, t := range s.Topics {
		s.DateF1 += t.DateF1
		s.DateP += t.DateP
		s.DateR += t.DateR
		s.AlignR1F += t.AlignR1F
	}
	n := float64(len(s.Topics))
	s.DateF1 /= n
	s.DateP /= n
	s.DateR /= n
	s.AlignR1F /= n
}

func (s TimelineScores) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-24s %5s %5s %6s %6s %6s %7s\n", "topic", "arts", "dates", "P", "R", "F1", "AR1-F")
	for _, t := range s.Topics {
		fmt.Fprintf(&b, "%-24s %5d %5d %6.3f %6.3f %6.3f %7.3f\n", t.Topic, t.Articles, t.Dates, t.DateP, t.DateR, t.DateF1, t.AlignR1F)
	}
	fmt.Fprintf(&b, "%-24s %5s %5s %6.3f %6.3f %6.3f %7.3f", "macro average", "", "", s.DateP, s.DateR, s.DateF1, s.AlignR1F)
	return b.String()
}

// AlignedRouge1 is alignment-based ROUGE-1 F (Martschat and Markert 2017,
// many-to-one, as reported by news-tls): each produced date is matched with
// the reference date where its summary overlaps most, the overlap weighted
// by 1/(1+days apart); recall aligns the other way round. Words are
// compared in lower case; counts are clipped as in ROUGE.
func AlignedRouge1(produced, reference []TimelineEntry) float64 {
	pred := daySummaries(produced)
	ref := daySummaries(reference)
	matchedP, totalP := alignedOverlap(pred, ref)
	matchedR, totalR := alignedOverlap(ref, pred)
	var p, r float64
	if totalP > 0 {
		p = matchedP / totalP
	}
	if totalR > 0 {
		r = matchedR / totalR
	}
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

type daySummary struct {
	day   time.Time
	words map[string]int
	size  int
}

// daySummaries joins the entries of each date into one bag of words.
func daySummaries(entries []TimelineEntry) []daySummary {
	index := map[string]int{}
	var out []daySummary
	for _, e := range entries {
		day, err := time.Parse("2006-01-02", e.Date)
		if err != nil {
			continue
		}
		i, ok := index[e.Date]
		if !ok {
			i = len(out)
			index[e.Date] = i
			out = append(out, daySummary{day: day, words: map[string]int{}})
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(e.Text), notWordRune) {
			out[i].words[w]++
			out[i].size++
		}
	}
	return out
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// alignedOverlap sums, over the summaries of from, the best date-weighted
// unigram overlap with any summary of to, and the number of words of from.
func alignedOverlap(from, to []daySummary) (matched, total float64) {
	for _, f := range from {
		total += float64(f.size)
		best := 0.0
		for _, t := range to {
			days := math.Abs(f.day.Sub(t.day).Hours()) / 24
			if o := float64(overlap(f.words, t.words)) / (1 + math.Round(days)); o > best {
				best = o
			}
		}
		matched += best
	}
	return matched, total
}

func overlap(a, b map[string]int) int {
	n := 0
	for w, ca := range a {
		n += min(ca, b[w])
	}
	return n
}
