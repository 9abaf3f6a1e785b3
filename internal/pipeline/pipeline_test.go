package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/sharedtest"

	"github.com/storyline/storyline/internal/analyze"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/story"
	"github.com/storyline/storyline/internal/text"
)

// t17Articles loads Timeline17 articles from ../shared as reports.
func t17Articles(tb testing.TB, limit int) []model.Article {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(sharedtest.Path(tb, "data", "timelines", "t17"), "*", "articles.json"))
	if len(files) == 0 {
		tb.Fatal("no articles.json in ../shared/data/timelines/t17")
	}
	var out []model.Article
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		var arts []struct{ UID, DCT, Text string }
		if err := json.Unmarshal(data, &arts); err != nil {
			tb.Fatal(err)
		}
		for _, a := range arts {
			if a.Text == "" {
				continue
			}
			pub, _ := time.Parse("2006-01-02", a.DCT)
			out = append(out, model.Article{Source: f + "#" + a.UID, Text: a.Text, Published: pub,
				PublishedPrecision: model.PrecisionDay, Lang: text.DetectLanguage(a.Text), Outlet: filepath.Base(filepath.Dir(f))})
			if len(out) == limit {
				return out
			}
		}
	}
	return out
}

func BenchmarkPipeline(b *testing.B) {
	arts := t17Articles(b, 400)
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		stats := Articles(context.Background(), NewLinker(st), arts, Options{})
		if stats.Added == 0 {
			b.Fatal("nothing stored")
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(arts)*b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(len(arts)*b.N)/(cpuTime()-cpu0).Seconds(), "articles/cpu-s")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLink measures the single writer alone: storing and linking
// reports already analysed, which bounds the whole pipeline's rate.
func BenchmarkLink(b *testing.B) {
	arts := t17Articles(b, 800)
	prepared := make([]*story.Prepared, len(arts))
	for i, a := range arts {
		prepared[i] = story.Prepare(a, analyze.Analyze(a.Text, a.Lang, a.Published, a.PublishedPrecision))
	}
	ctx := context.Background()
	// CPU time, unlike wall time, holds steady on a busy machine.
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		l := NewLinker(st)
		b.StartTimer()
		for _, p := range prepared {
			if _, err := l.AddPrepared(ctx, p); err != nil {
				b.Fatal(err)
			}
		}
		if err := l.Flush(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(arts)*b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(len(arts)*b.N)/(cpuTime()-cpu0).Seconds(), "articles/cpu-s")
}
