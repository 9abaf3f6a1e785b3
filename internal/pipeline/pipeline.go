// Package pipeline runs ingest → analyze → store → link over a set of
// inputs: analysis in parallel on every core, storing and linking in input
// order on one writer so that results do not depend on scheduling.
package pipeline

import (
	"context"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/storyline/storyline/internal/analyze"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/story"
	"github.com/storyline/storyline/internal/timex"
)

// Stats counts what a run did.
type Stats struct {
	Inputs      int // files and streams read
	Failed      int // inputs that failed, in whole or in part
	Articles    int // reports read
	Added       int // new articles stored
	Unchanged   int // reports already stored from the same source
	SameReport  int // known reports arriving from a new source
	NearDupes   int // new articles that are copies of stored ones
	StoreErrors int
	Bytes       int64 // text analysed
}

// Options configure a run.
type Options struct {
	MaxBytes int64 // per input; 0 for ingest's default
	Workers  int   // analysis goroutines; 0 for one per core
	// OnError is called for each input or report that failed.
	OnError func(err error)
	// OnProgress is called after each report is stored.
	OnProgress func(Stats)
}

type job struct {
	art  model.Article
	prep *story.Prepared
	err  error // an input error, passed through in order
	done chan struct{}
}

// Batching commits many reports at once (a report that fails still leaves
// nothing behind, see store.Batch):
// committing is a large share of storing a report.
const (
	// aheadReports is how many reports analysis may finish before the
	// writer stores them.
	aheadReports = 64
	batchReports = 64
	batchAge     = time.Second
)

// NewLinker returns a linker for st that commits in batches; Ingest and
// Articles flush it when they finish.
func NewLinker(st *store.Store) *story.Linker {
	l := story.NewLinker(st)
	l.Batch(batchReports, batchAge)
	return l
}

// Ingest reads inputs ("-" is stdin), analyses every report and adds it to
// the linker's store.
func Ingest(ctx context.Context, l *story.Linker, inputs []string, stdin io.Reader, opts Options) Stats {
	return run(ctx, l, opts, func(emit func(*job)) {
		ingest.Walk(inputs, stdin, ingest.Options{MaxBytes: opts.MaxBytes, InferDate: timex.DocumentDate}, func(r ingest.Result) {
			for _, a := range r.Articles {
				emit(&job{art: a})
			}
			if r.Err != nil {
				emit(&job{err: r.Err})
			}
			emit(&job{err: errInputDone})
		})
	})
}

// Articles analyses and adds already-read articles (benchmarks, tests).
func Articles(ctx context.Context, l *story.Linker, arts []model.Article, opts Options) Stats {
	return run(ctx, l, opts, func(emit func(*job)) {
		for _, a := range arts {
			emit(&job{art: a})
		}
	})
}

type sentinel string

func (s sentinel) Error() string { return string(s) }

// errInputDone marks the end of one input in the job stream.
const errInputDone = sentinel("input done")

func run(ctx context.Context, l *story.Linker, opts Options, produce func(emit func(*job))) Stats {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// Analysis may run well ahead of the single writer, so that neither
	// waits on the other when a long report comes through.
	work := make(chan *job, aheadReports)
	ordered := make(chan *job, aheadReports)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				if j.err == nil {
					j.prep = story.Prepare(j.art, analyze.Analyze(j.art.Text, j.art.Lang, j.art.Published, j.art.PublishedPrecision))
				}
				close(j.done)
			}
		}()
	}
	go func() {
		produce(func(j *job) {
			j.done = make(chan struct{})
			ordered <- j
			work <- j
		})
		close(work)
		close(ordered)
	}()

	var st Stats
	inputFailed := false
	for j := range ordered {
		<-j.done
		if j.err != nil {
			if j.err == errInputDone {
				st.Inputs++
				if inputFailed {
					st.Failed++
				}
				inputFailed = false
				continue
			}
			inputFailed = true
			if opts.OnError != nil {
				opts.OnError(j.err)
			}
			continue
		}
		st.Articles++
		if ctx.Err() != nil {
			continue // drain without storing after cancellation
		}
		res, err := l.AddPrepared(ctx, j.prep)
		if err != nil {
			st.StoreErrors++
			inputFailed = true
			if opts.OnError != nil {
				opts.OnError(err)
			}
			continue
		}
		st.Bytes += int64(len(j.art.Text))
		switch res.Outcome {
		case story.Added:
			st.Added++
			if res.DuplicateOf != 0 {
				st.NearDupes++
			}
		case story.Unchanged:
			st.Unchanged++
		case story.SameReport:
			st.SameReport++
		}
		if opts.OnProgress != nil {
			opts.OnProgress(st)
		}
	}
	wg.Wait()
	if err := l.Flush(); err != nil {
		st.StoreErrors++
		if opts.OnError != nil {
			opts.OnError(err)
		}
	}
	return st
}
