package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/export"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/pipeline"
	"github.com/storyline/storyline/internal/server"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/text"
)

// benchServeUsage is the synopsis of `bench serve`.
const benchServeUsage = "serve [--db PATH] [--articles N] [--requests N] [--route-time D] [--corpus DIR] [--format text|json] [--cpuprofile FILE]"

// generationShift separates the copies of the corpus in time by more than
// its own span (2005-2011), so that no copy's report joins another copy's
// story: the corpus is replicated into many stories, not into a few huge
// ones.
const generationShift = 7 * 365 * 24 * time.Hour

// pastCopies is how many copies go back in time before the rest go
// forward: dates before 1800 are refused on ingest, and so are dates past
// 2200, which leaves room for maxCopies copies (about 147k reports of
// Timeline17).
const (
	pastCopies = 30
	maxCopies  = 56
)

// copyShift is how far copy g of the corpus is moved in time.
func copyShift(g int) time.Duration {
	if g < pastCopies {
		return -time.Duration(g) * generationShift
	}
	return time.Duration(g-pastCopies+1) * generationShift
}

// keepSentence is how many sentences in ten a copy keeps, so that copies
// are no near-duplicates of each other.
const keepSentence = 7

// latencyRoute is one route measured: its pattern and the concrete
// addresses requested in turn.
type latencyRoute struct {
	Pattern string
	Kind    string // "api" or "page"
	URLs    []string
}

// routeLatency is the outcome of measuring one route.
type routeLatency struct {
	Route string `json:"route"`
	Kind  string `json:"kind"`
	// Requests is how many were measured: fewer than asked when the
	// route used up its time.
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	P50ms    float64 `json:"p50_ms"`
	P95ms    float64 `json:"p95_ms"`
	P99ms    float64 `json:"p99_ms"`
	MaxMs    float64 `json:"max_ms"`
	// Bytes is the mean response size.
	Bytes int `json:"bytes"`
	// FirstError tells what a failing route answered.
	FirstError string `json:"first_error,omitempty"`
}

// benchServeResult is what bench serve prints.
type benchServeResult struct {
	DB           string         `json:"db"`
	Articles     int            `json:"articles"`
	Stories      int            `json:"stories"`
	BuildSeconds float64        `json:"build_seconds,omitempty"`
	Routes       []routeLatency `json:"routes"`
	// SlowestP95 names the route with the highest p95.
	SlowestP95 string `json:"slowest_p95"`
}

func runBenchServe(ctx context.Context, e *env, args []string) error {
	fs, _ := newFlags(e, &command{name: "bench", usage: benchServeUsage,
		summary: "measure API and page latency over loopback on a large database built from a Timeline17-style corpus"})
	db := fs.Lookup("db")
	db.DefValue = filepath.Join(os.TempDir(), "storyline-bench-serve.db")
	if err := db.Value.Set(db.DefValue); err != nil {
		return err
	}
	db.Usage = "database to measure; built (or topped up) to --articles reports when it holds fewer, and kept for the next run"
	corpus := fs.String("corpus", filepath.Join("..", "shared", "data", "timelines", "t17"), "Timeline17-format directory the reports are derived from")
	articles := fs.Int("articles", 100000, "reports the database should hold")
	requests := fs.Int("requests", 200, "requests per route")
	routeTime := fs.Duration("route-time", 30*time.Second, "stop measuring a route after this long, however few requests it got")
	format := fs.String("format", "text", "output format: text or json")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build and the requests to this file (for go tool pprof)")
	if err := parseFormat(fs, args, format, "text", "json"); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *articles < 1 || *requests < 1 || *routeTime <= 0 {
		return usagef("--articles, --requests and --route-time must be positive")
	}
	st, err := openStore(db.Value.String())
	if err != nil {
		return err
	}
	defer st.Close()
	res := benchServeResult{DB: st.Path()}
	stopProfile, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	start := time.Now()
	built, err := buildLatencyCorpus(ctx, e, st, *corpus, *articles)
	if err != nil {
		return err
	}
	if built {
		res.BuildSeconds = time.Since(start).Seconds()
	}
	if res.Articles, err = st.CountArticles(ctx); err != nil {
		return err
	}
	routes, stories, err := latencyRoutes(ctx, st)
	if err != nil {
		return err
	}
	res.Stories = stories
	res.Routes, err = measureLatency(ctx, server.New(st, server.Options{}), routes, *requests, *routeTime)
	if err != nil {
		return err
	}
	slowest := 0.0
	for _, r := range res.Routes {
		if r.P95ms > slowest {
			slowest, res.SlowestP95 = r.P95ms, r.Route
		}
	}
	if *format == "json" {
		return export.WriteJSON(e.stdout, res)
	}
	writeLatencyTable(e.stdout, res, *requests)
	for _, r := range res.Routes {
		if r.Errors > 0 {
			return errFailed
		}
	}
	return nil
}

func writeLatencyTable(w io.Writer, res benchServeResult, requests int) {
	fmt.Fprintf(w, "%d articles in %d stories (%s); up to %d requests per route over loopback, one at a time\n",
		res.Articles, res.Stories, res.DB, requests)
	if res.BuildSeconds > 0 {
		fmt.Fprintf(w, "(the database was built first, in %.0fs)\n", res.BuildSeconds)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%-34s %-5s %8s %8s %8s %8s %9s %8s %6s\n", "route", "kind", "p50 ms", "p95 ms", "p99 ms", "max ms", "bytes", "requests", "errors")
	for _, r := range res.Routes {
		fmt.Fprintf(w, "%-34s %-5s %8.1f %8.1f %8.1f %8.1f %9d %8d %6d\n", r.Route, r.Kind, r.P50ms, r.P95ms, r.P99ms, r.MaxMs, r.Bytes, r.Requests, r.Errors)
		if r.FirstError != "" {
			fmt.Fprintf(w, "    first error: %s\n", r.FirstError)
		}
	}
	fmt.Fprintf(w, "\nslowest p95: %s\n", res.SlowestP95)
}

// t17Record is one Timeline17 report with its topic.
type t17Record struct {
	topic, outlet string
	article       t17Article
	published     time.Time
}

// treebankEscapes undoes the Penn Treebank spellings of brackets and
// quotes in Timeline17's tokenised text, which the analysis would
// otherwise take for names ("RRB") mentioned in every story.
var treebankEscapes = strings.NewReplacer("-LRB-", "(", "-RRB-", ")", "-LSB-", "[", "-RSB-", "]",
	"-LCB-", "{", "-RCB-", "}", "``", `"`, "''", `"`)

// loadT17 reads every non-empty report of a Timeline17-format directory,
// in a fixed order, with brackets and quotes spelled plainly.
func loadT17(dir string) ([]t17Record, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "articles.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no */articles.json found (want a Timeline17-format directory; --corpus sets it)", dir)
	}
	sort.Strings(files)
	var out []t17Record
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var arts []t17Article
		if err := json.Unmarshal(data, &arts); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		topic := filepath.Base(filepath.Dir(name))
		outlet := topic[strings.LastIndexByte(topic, '_')+1:]
		for _, a := range arts {
			published, err := time.Parse("2006-01-02", strings.TrimSpace(a.DCT))
			if strings.TrimSpace(a.Text) == "" || err != nil {
				continue // a few records are empty
			}
			a.Text = treebankEscapes.Replace(a.Text)
			out = append(out, t17Record{topic: topic, outlet: outlet, article: a, published: published})
		}
	}
	return out, nil
}

// buildLatencyCorpus adds reports to st until it holds target, copy after
// copy of the corpus (see variantText), through the real pipeline. It
// reports whether it had anything to add.
func buildLatencyCorpus(ctx context.Context, e *env, st *store.Store, corpusDir string, target int) (bool, error) {
	have, err := st.CountArticles(ctx)
	if err != nil || have >= target {
		return false, err
	}
	recs, err := loadT17(corpusDir)
	if err != nil {
		return false, err
	}
	l := pipeline.NewLinker(st)
	// Copies already stored are fed again only from the one that may be
	// incomplete: the pipeline recognises the reports it already holds.
	for g := have / len(recs); have < target; g++ {
		if err := ctx.Err(); err != nil {
			return true, err
		}
		if g >= maxCopies {
			return true, fmt.Errorf("%d copies of the corpus hold only %d reports; a larger --corpus is needed for %d", maxCopies, have, target)
		}
		arts, err := ingest.Read(fmt.Sprintf("t17-copy-%03d.jsonl", g), corpusCopy(recs, g, target-have), ingest.Options{})
		if err != nil {
			return true, err
		}
		stats := pipeline.Articles(ctx, l, arts, pipeline.Options{
			OnError: func(err error) { fmt.Fprintf(e.stderr, "storyline bench serve: %v\n", err) },
		})
		if have, err = st.CountArticles(ctx); err != nil {
			return true, err
		}
		fmt.Fprintf(e.stderr, "storyline bench serve: copy %d: %d reports read, %d stored, %d near-duplicates; %d in the database\n",
			g, stats.Articles, stats.Added, stats.NearDupes, have)
		if stats.Articles == 0 {
			return true, errors.New("the corpus yields no reports")
		}
	}
	return true, nil
}

// corpusCopy renders copy g of the corpus as JSON Lines, at most limit
// reports beyond what copies before it hold.
func corpusCopy(recs []t17Record, g, limit int) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	published := func(r t17Record) string {
		return r.published.Add(copyShift(g)).Format("2006-01-02")
	}
	for i, r := range recs {
		if i >= limit {
			break
		}
		rec := map[string]string{
			"id":        fmt.Sprintf("%s/%s/copy-%d", r.topic, r.article.UID, g),
			"text":      variantText(r.article.Text, r.article.UID, g),
			"published": published(r),
			"outlet":    r.outlet,
		}
		enc.Encode(rec) // a map of strings always encodes
	}
	return buf.Bytes()
}

// variantText is copy g of a report: the original for copy 0; for later
// copies, about seven sentences in ten, chosen by a hash, with every
// capitalised word given the copy's suffix, so that each copy tells its
// stories about other people and places and none is a near-duplicate.
func variantText(s, uid string, g int) string {
	if g == 0 {
		return s
	}
	suffix := copySuffix(g)
	var b strings.Builder
	for i, sent := range text.Sentences(s, "en") {
		if i > 0 && keep(uid, g, i) >= keepSentence {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		renameCapitalised(&b, s[sent.Start:sent.End], suffix)
	}
	return b.String()
}

func keep(uid string, g, i int) uint32 {
	h := fnv.New32a()
	fmt.Fprintf(h, "%s/%d/%d", uid, g, i)
	return h.Sum32() % 10
}

// copySuffix spells g in base 8 with one syllable per digit: distinct for
// every copy, and pronounceable, so names stay names.
func copySuffix(g int) string {
	syllables := [8]string{"ar", "en", "ik", "ol", "us", "ia", "on", "et"}
	var s string
	for ; g > 0; g /= 8 {
		s += syllables[g%8]
	}
	return s
}

// calendarWords are month and weekday names, which keep their spelling
// so that copies date their events as the originals do.
var calendarWords = func() map[string]bool {
	m := map[string]bool{}
	for i := time.January; i <= time.December; i++ {
		m[i.String()] = true
	}
	for i := time.Sunday; i <= time.Saturday; i++ {
		m[i.String()] = true
	}
	return m
}()

// renameCapitalised writes s with suffix appended to every capitalised
// word of four or more letters but the first word and calendar names.
func renameCapitalised(b *strings.Builder, s, suffix string) {
	wordStart, words := -1, 0
	flush := func(end int) {
		w := s[wordStart:end]
		b.WriteString(w)
		if r, _ := utf8.DecodeRuneInString(w); words > 0 && unicode.IsUpper(r) && utf8.RuneCountInString(w) >= 4 && !calendarWords[w] {
			b.WriteString(suffix)
		}
		wordStart = -1
		words++
	}
	for i, r := range s {
		isLetter := unicode.IsLetter(r)
		switch {
		case isLetter && wordStart < 0:
			wordStart = i
		case !isLetter && wordStart >= 0:
			flush(i)
		}
		if !isLetter {
			b.WriteRune(r)
		}
	}
	if wordStart >= 0 {
		flush(len(s))
	}
}

// samplesPerRoute is how many different ids or queries a route cycles
// through.
const samplesPerRoute = 10

// latencyRoutes picks what to request: the largest stories (the heaviest
// pages), their articles, the most mentioned entities and words of story
// titles. It returns the number of stories too.
func latencyRoutes(ctx context.Context, st *store.Store) ([]latencyRoute, int, error) {
	all, err := st.Stories(ctx)
	if err != nil {
		return nil, 0, err
	}
	if len(all) == 0 {
		return nil, 0, errors.New("the database holds no stories")
	}
	sort.SliceStable(all, func(i, j int) bool { return len(all[i].Articles) > len(all[j].Articles) })
	stories := all[:min(samplesPerRoute, len(all))]
	entities, err := st.EntityList(ctx, store.EntityFilter{Limit: samplesPerRoute})
	if err != nil {
		return nil, 0, err
	}
	if len(entities) < 2 {
		return nil, 0, errors.New("the database holds fewer than two entities")
	}
	var storyIDs, articleIDs, entityIDs, words []string
	for _, s := range stories {
		storyIDs = append(storyIDs, strconv.FormatInt(s.ID, 10))
		articleIDs = append(articleIDs, strconv.FormatInt(s.Articles[len(s.Articles)/2], 10))
		if w := longestWord(s.Title); w != "" {
			words = append(words, url.QueryEscape(w))
		}
	}
	for _, en := range entities {
		entityIDs = append(entityIDs, strconv.FormatInt(en.ID, 10))
	}
	if len(words) == 0 {
		words = []string{"the"}
	}
	pair := "a=" + url.QueryEscape(entities[0].Name) + "&b=" + url.QueryEscape(entities[1].Name)
	since := url.QueryEscape(time.Now().Add(-24 * time.Hour).UTC().Format(time.RFC3339))
	each := func(pattern string, ids []string) []string {
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = strings.ReplaceAll(pattern, "{}", id)
		}
		return out
	}
	api := func(pattern string, urls ...string) latencyRoute {
		return latencyRoute{Pattern: pattern, Kind: "api", URLs: urls}
	}
	page := func(pattern string, urls ...string) latencyRoute {
		return latencyRoute{Pattern: pattern, Kind: "page", URLs: urls}
	}
	storyOf := each("story={}", storyIDs)
	return []latencyRoute{
		api("/api/v1/stories", "/api/v1/stories", "/api/v1/stories?offset=100"),
		api("/api/v1/stories/{id}", each("/api/v1/stories/{}", storyIDs)...),
		api("/api/v1/stories/{id}/timeline", each("/api/v1/stories/{}/timeline", storyIDs)...),
		api("/api/v1/timeline", "/api/v1/timeline", "/api/v1/timeline?min_sources=2"),
		api("/api/v1/events?story=", each("/api/v1/events?{}", storyOf)...),
		api("/api/v1/quotes?story=", each("/api/v1/quotes?{}", storyOf)...),
		api("/api/v1/claims", "/api/v1/claims", "/api/v1/claims?status=corroborated"),
		api("/api/v1/claims?story=", each("/api/v1/claims?{}", storyOf)...),
		api("/api/v1/entities", "/api/v1/entities", "/api/v1/entities?type=PER"),
		api("/api/v1/entities/{id}", each("/api/v1/entities/{}", entityIDs)...),
		api("/api/v1/entities/{id}/timeline", each("/api/v1/entities/{}/timeline", entityIDs)...),
		api("/api/v1/articles", "/api/v1/articles", "/api/v1/articles?lang=en"),
		api("/api/v1/articles/{id}", each("/api/v1/articles/{}", articleIDs)...),
		api("/api/v1/search?q=", each("/api/v1/search?q={}", words)...),
		api("/api/v1/digest?since=", "/api/v1/digest?since="+since),
		api("/api/v1/dyad?a=&b=", "/api/v1/dyad?"+pair),
		page("/", "/"),
		page("/stories/{id}", each("/stories/{}", storyIDs)...),
		page("/stories/{id}/atom", each("/stories/{}/atom", storyIDs)...),
		page("/articles/{id}", each("/articles/{}", articleIDs)...),
		page("/entities/{id}", each("/entities/{}", entityIDs)...),
		page("/search?q=", each("/search?q={}", words)...),
		page("/new", "/new"),
	}, len(all), nil
}

// longestWord is a title's longest word, a query certain to match.
func longestWord(title string) string {
	best := ""
	for _, w := range strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) > len(best) {
			best = w
		}
	}
	return best
}

// measureLatency serves h on a loopback port and requests each route n
// times, one request at a time, after one unmeasured warm-up request; a
// route slower than budget in all gets fewer requests.
func measureLatency(ctx context.Context, h http.Handler, routes []latencyRoute, n int, budget time.Duration) ([]routeLatency, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Timeout: time.Minute}
	var out []routeLatency
	for _, rt := range routes {
		r := routeLatency{Route: rt.Pattern, Kind: rt.Kind}
		durations := make([]time.Duration, 0, n)
		var total int64
		routeStart := time.Now()
		for i := -1; i < n && time.Since(routeStart) < budget; i++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			u := base + rt.URLs[max(i, 0)%len(rt.URLs)]
			start := time.Now()
			size, err := fetchAll(ctx, client, u)
			elapsed := time.Since(start)
			if i < 0 {
				continue // warm-up
			}
			durations = append(durations, elapsed)
			total += size
			if err != nil {
				r.Errors++
				if r.FirstError == "" {
					r.FirstError = err.Error()
				}
			}
		}
		sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
		r.P50ms, r.P95ms, r.P99ms = percentileMs(durations, 50), percentileMs(durations, 95), percentileMs(durations, 99)
		r.MaxMs = percentileMs(durations, 100)
		r.Requests = len(durations)
		r.Bytes = int(total / int64(max(len(durations), 1)))
		out = append(out, r)
	}
	return out, nil
}

// fetchAll GETs u and reads the whole body; anything but 200 is an error.
func fetchAll(ctx context.Context, c *http.Client, u string) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
		return 0, fmt.Errorf("GET %s: HTTP %d: %s", req.URL.RequestURI(), resp.StatusCode, strings.Join(strings.Fields(string(msg)), " "))
	}
	return io.Copy(io.Discard, resp.Body)
}

// percentileMs is the p-th percentile of sorted durations, nearest rank,
// in milliseconds.
func percentileMs(sorted []time.Duration, p int) float64 {
	if len(sorted) == 0 {
		return 0
	}
	rank := (p*len(sorted) + 99) / 100
	return float64(sorted[max(rank, 1)-1].Microseconds()) / 1000
}
