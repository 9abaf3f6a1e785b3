package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/export"
	"github.com/storyline/storyline/internal/pipeline"
	"github.com/storyline/storyline/internal/store"
)

func init() {
	register(&command{
		name:    "bench",
		usage:   "[--corpus DIR] [--limit N] [--workers N] [--format text|json] | " + benchServeUsage,
		summary: "measure full-pipeline throughput (ingest + analyze + store + link) on a Timeline17-style corpus",
		run:     runBench,
	})
}

// t17Article is one record of a Timeline17 topic's articles.json.
type t17Article struct {
	UID  string `json:"uid"`
	DCT  string `json:"dct"`
	Text string `json:"text"`
}

// benchResult is what bench prints.
type benchResult struct {
	Corpus      string  `json:"corpus"`
	Articles    int     `json:"articles"`
	Stored      int     `json:"stored"`
	Bytes       int64   `json:"bytes"`
	Seconds     float64 `json:"seconds"`
	ArticlesSec float64 `json:"articles_per_second"`
	MBSec       float64 `json:"mb_per_second"`
	Cores       int     `json:"cores"`
}

func runBench(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "serve" {
		return runBenchServe(ctx, e, args[1:])
	}
	fs, _ := newFlags(e, commands["bench"])
	corpus := fs.String("corpus", filepath.Join("..", "shared", "data", "timelines", "t17"), "Timeline17-format directory: one folder per topic holding articles.json")
	limit := fs.Int("limit", 0, "use at most N articles (0: all)")
	workers := fs.Int("workers", 0, "analysis goroutines (0: one per core)")
	format := fs.String("format", "text", "output format: text or json")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file (for go tool pprof)")
	if err := parseFormat(fs, args, format, "text", "json"); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "storyline-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	jsonl := filepath.Join(dir, "t17.jsonl")
	n, err := t17ToJSONL(*corpus, jsonl, *limit)
	if err != nil {
		return err
	}
	st, err := store.Open(filepath.Join(dir, "bench.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	stopProfile, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	start := time.Now()
	stats := pipeline.Ingest(ctx, pipeline.NewLinker(st), []string{jsonl}, nil, pipeline.Options{
		Workers: *workers,
		OnError: func(err error) { fmt.Fprintf(e.stderr, "storyline bench: %v\n", err) },
	})
	secs := time.Since(start).Seconds()
	r := benchResult{
		Corpus: *corpus, Articles: stats.Articles, Stored: stats.Added, Bytes: stats.Bytes, Seconds: secs,
		ArticlesSec: float64(stats.Articles) / secs, MBSec: float64(stats.Bytes) / secs / 1e6, Cores: runtime.GOMAXPROCS(0),
	}
	if stats.Articles != n {
		return fmt.Errorf("converted %d articles but the pipeline read %d", n, stats.Articles)
	}
	if *format == "json" {
		return export.WriteJSON(e.stdout, r)
	}
	fmt.Fprintf(e.stdout, "%d articles (%.1f MB) through ingest + analyze + store + link in %.2fs on %d cores: %.0f articles/s, %.2f MB/s (%d stored, the rest duplicates)\n",
		r.Articles, float64(r.Bytes)/1e6, r.Seconds, r.Cores, r.ArticlesSec, r.MBSec, r.Stored)
	return nil
}

// t17ToJSONL converts every topic's articles.json under dir into one JSON
// Lines file in storyline's input format, returning the number of lines.
func t17ToJSONL(dir, out string, limit int) (int, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "articles.json"))
	if err != nil {
		return 0, err
	}
	if len(files) == 0 {
		return 0, fmt.Errorf("%s: no */articles.json found (want a Timeline17-format directory; --corpus sets it)", dir)
	}
	sort.Strings(files)
	f, err := os.Create(out)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	n := 0
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Close()
			return 0, err
		}
		var arts []t17Article
		if err := json.Unmarshal(data, &arts); err != nil {
			f.Close()
			return 0, fmt.Errorf("%s: %w", name, err)
		}
		topic := filepath.Base(filepath.Dir(name))
		outlet := topic[strings.LastIndexByte(topic, '_')+1:]
		for _, a := range arts {
			if limit > 0 && n >= limit {
				break
			}
			if strings.TrimSpace(a.Text) == "" {
				continue // a few Timeline17 records are empty
			}
			rec := map[string]string{"id": topic + "/" + a.UID, "text": a.Text, "published": a.DCT, "outlet": outlet}
			if err := enc.Encode(rec); err != nil {
				f.Close()
				return 0, err
			}
			n++
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return 0, err
	}
	return n, f.Close()
}

// startCPUProfile writes a CPU profile to path until the returned function
// is called; an empty path profiles nothing.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
