package hooks

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline/storyline/demo"
	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/pipeline"
	"github.com/storyline/storyline/internal/store"
)

// delivery is one request a receiver got.
type delivery struct {
	header  http.Header
	body    []byte
	payload Payload
}

// receiver is an httptest server that answers with the statuses given,
// then 204, and keeps what it received.
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	got      []delivery
	statuses []int
	header   http.Header // extra headers on the scripted answers
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	r := &receiver{statuses: statuses, header: http.Header{}}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		var p Payload
		if err := json.Unmarshal(body, &p); err != nil {
			t.Errorf("receiver: body is not a payload: %v: %s", err, body)
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		r.got = append(r.got, delivery{req.Header.Clone(), body, p})
		if len(r.statuses) > 0 {
			status := r.statuses[0]
			r.statuses = r.statuses[1:]
			for k, v := range r.header {
				w.Header()[k] = v
			}
			w.WriteHeader(status)
			io.WriteString(w, "receiver says no")
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) deliveries() []delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]delivery(nil), r.got...)
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "hooks.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func demoArticles(t *testing.T) []model.Article {
	t.Helper()
	arts, err := demo.Articles()
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

func ingestArticles(t *testing.T, st *store.Store, arts []model.Article) {
	t.Helper()
	stats := pipeline.Articles(context.Background(), pipeline.NewLinker(st), arts, pipeline.Options{
		OnError: func(err error) { t.Errorf("ingest: %v", err) },
	})
	if stats.Added == 0 {
		t.Fatalf("ingest added nothing: %+v", stats)
	}
}

func addHook(t *testing.T, st *store.Store, url, secret string, events ...string) *store.Hook {
	t.Helper()
	id, _, err := st.AddHook(context.Background(), &store.Hook{URL: url, Secret: secret, Events: events, AddedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	h, err := st.HookByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// local allows the loopback receivers and retries at once.
var local = Options{AllowPrivate: true, Backoff: func(int) time.Duration { return 0 }}

func TestNewStoriesFireOnceEach(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	r := newReceiver(t)
	const secret = "correct horse"
	h := addHook(t, st, r.URL+"/in", secret, EventNewStory)
	ingestArticles(t, st, demoArticles(t))
	stories, err := st.Stories(ctx)
	if err != nil || len(stories) == 0 {
		t.Fatalf("Stories = %d, %v", len(stories), err)
	}

	stats, err := Once(ctx, st, local)
	if err != nil {
		t.Fatal(err)
	}
	got := r.deliveries()
	if stats.Delivered != len(stories) || len(got) != len(stories) {
		t.Fatalf("first round delivered %d (stats %+v) for %d stories", len(got), stats, len(stories))
	}
	seen := map[int64]bool{}
	for _, d := range got {
		p := d.payload
		if p.Event != EventNewStory || p.Story == nil || p.Story.Title == "" || p.Story.Articles < 1 || p.At.IsZero() || p.Claim != nil {
			t.Errorf("payload = %s", d.body)
			continue
		}
		if seen[p.Story.ID] {
			t.Errorf("story %d delivered twice", p.Story.ID)
		}
		seen[p.Story.ID] = true
		if ct := d.header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type = %q", ct)
		}
		if ua := d.header.Get("User-Agent"); !strings.HasPrefix(ua, "storyline/") {
			t.Errorf("User-Agent = %q", ua)
		}
		if !Verify(secret, d.body, d.header.Get("X-Storyline-Signature")) {
			t.Errorf("signature %q does not verify", d.header.Get("X-Storyline-Signature"))
		}
		if Verify("wrong secret", d.body, d.header.Get("X-Storyline-Signature")) {
			t.Error("signature verifies under another secret")
		}
		if d.header.Get("X-Storyline-Delivery") == "" || d.header.Get("X-Storyline-Event") != EventNewStory {
			t.Errorf("delivery headers = %v", d.header)
		}
	}

	stats, err = Once(ctx, st, local)
	if err != nil || stats.Delivered != 0 || len(r.deliveries()) != len(stories) {
		t.Errorf("second round: %+v, %v, %d deliveries in all", stats, err, len(r.deliveries()))
	}
	after, err := st.HookByID(ctx, h.ID)
	if err != nil || after.LastStatus != http.StatusNoContent || after.LastDelivery.IsZero() || after.ConsecutiveFailures != 0 {
		t.Errorf("hook after delivery = %+v, %v", after, err)
	}
}

// changeStatus moves a claim of the store to status, as the linker does
// when a new report takes a stance.
func changeStatus(t *testing.T, st *store.Store, claimID int64, status string) {
	t.Helper()
	err := st.Update(context.Background(), func(tx *store.Tx) error {
		return tx.SetClaimStatus(context.Background(), claimID, status, 2)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestClaimStatusChangeFiresWithOldAndNewStatus(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	ingestArticles(t, st, demoArticles(t))
	claims, err := st.Claims(ctx, store.ClaimFilter{})
	if err != nil || len(claims) == 0 {
		t.Fatalf("Claims = %d, %v", len(claims), err)
	}
	r := newReceiver(t)
	addHook(t, st, r.URL, "", EventClaimStatus, EventNewStory)
	c := claims[0]
	next := store.Denied
	if c.Status == store.Denied {
		next = store.Disputed
	}
	changeStatus(t, st, c.ID, next)

	stats, err := Once(ctx, st, local)
	if err != nil {
		t.Fatal(err)
	}
	got := r.deliveries()
	if stats.Delivered != 1 || len(got) != 1 {
		t.Fatalf("delivered %d (stats %+v), want the one change", len(got), stats)
	}
	p := got[0].payload
	if p.Event != EventClaimStatus || p.Claim == nil || p.Claim.Claim != c.ID || p.Claim.Story != c.Story ||
		p.Claim.OldStatus != c.Status || p.Claim.NewStatus != next || p.Claim.Text != c.Text {
		t.Errorf("payload = %s; want claim %d %s -> %s", got[0].body, c.ID, c.Status, next)
	}
	if got[0].header.Get("X-Storyline-Signature") != "" {
		t.Error("an unsigned hook's delivery carries a signature")
	}
	if _, err := Once(ctx, st, local); err != nil || len(r.deliveries()) != 1 {
		t.Errorf("second round: %v, %d deliveries", err, len(r.deliveries()))
	}
}

func TestFailedDeliveryIsRetriedAndNotSkipped(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	r := newReceiver(t, http.StatusInternalServerError)
	h := addHook(t, st, r.URL, "", EventNewStory)
	ingestArticles(t, st, demoArticles(t)[:1])

	stats, err := Once(ctx, st, local)
	if err != nil || stats.Failed != 1 || stats.Delivered != 0 {
		t.Fatalf("first round = %+v, %v; want one failure", stats, err)
	}
	failed, err := st.HookByID(ctx, h.ID)
	if err != nil || failed.ConsecutiveFailures != 1 || failed.LastStatus != 500 || failed.LastError == "" || failed.StoryCursor != h.StoryCursor {
		t.Fatalf("hook after a 500 = %+v, %v", failed, err)
	}

	stats, err = Once(ctx, st, local)
	if err != nil || stats.Delivered != 1 || stats.Failed != 0 {
		t.Fatalf("retry round = %+v, %v", stats, err)
	}
	got := r.deliveries()
	if len(got) != 2 || string(got[0].body) != string(got[1].body) {
		t.Fatalf("the retry did not resend the same event: %d deliveries", len(got))
	}
	if got[0].header.Get("X-Storyline-Delivery") != got[1].header.Get("X-Storyline-Delivery") {
		t.Error("a retry changed the delivery id, so receivers cannot drop duplicates")
	}
	ok, err := st.HookByID(ctx, h.ID)
	if err != nil || ok.ConsecutiveFailures != 0 || ok.LastError != "" || ok.LastStatus != http.StatusNoContent || ok.StoryCursor <= h.StoryCursor {
		t.Errorf("hook after the retry = %+v, %v", ok, err)
	}
}

func TestBackoffAndRetryAfterHoldTheHook(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	r := newReceiver(t, http.StatusServiceUnavailable)
	r.header.Set("Retry-After", "3600")
	h := addHook(t, st, r.URL, "", EventNewStory)
	ingestArticles(t, st, demoArticles(t)[:1])

	opts := Options{AllowPrivate: true} // the default backoff: 15 s first
	start := time.Now()
	if stats, err := Once(ctx, st, opts); err != nil || stats.Failed != 1 {
		t.Fatalf("first round = %+v, %v", stats, err)
	}
	held, err := st.HookByID(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if wait := held.NextAttempt.Sub(start); wait < 59*time.Minute || wait > 61*time.Minute {
		t.Errorf("next attempt in %s, want the hour Retry-After asked for", wait)
	}
	stats, err := Once(ctx, st, opts)
	if err != nil || stats.Waiting != 1 || len(r.deliveries()) != 1 {
		t.Errorf("round during backoff = %+v, %v, %d requests", stats, err, len(r.deliveries()))
	}
}

func TestOneBrokenHookHoldsUpNoOther(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	hung := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hung:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	defer close(hung)
	good := newReceiver(t)
	broken := addHook(t, st, "gopher://hooks.example.org/in", "", EventNewStory)
	timingOut := addHook(t, st, slow.URL, "", EventNewStory)
	addHook(t, st, good.URL, "", EventNewStory)
	ingestArticles(t, st, demoArticles(t)[:1])

	opts := local
	opts.Timeout = 300 * time.Millisecond
	stats, err := Once(ctx, st, opts)
	if err != nil || stats.Delivered != 1 || stats.Failed != 2 || len(good.deliveries()) != 1 {
		t.Fatalf("round = %+v, %v, good receiver got %d", stats, err, len(good.deliveries()))
	}
	for _, id := range []int64{broken.ID, timingOut.ID} {
		h, err := st.HookByID(ctx, id)
		if err != nil || h.ConsecutiveFailures != 1 || h.LastError == "" || h.LastStatus != 0 {
			t.Errorf("failing hook %d recorded as %+v, %v", id, h, err)
		}
	}
}

func TestBackoffGrowsAndIsBounded(t *testing.T) {
	for _, tc := range []struct {
		failures int
		want     time.Duration
	}{
		{0, 0}, {1, 15 * time.Second}, {2, 30 * time.Second}, {5, 4 * time.Minute}, {9, time.Hour}, {100, time.Hour},
	} {
		if got := Backoff(tc.failures); got != tc.want {
			t.Errorf("Backoff(%d) = %s, want %s", tc.failures, got, tc.want)
		}
	}
}

func TestPrivateReceiverRefusedWithoutTheOption(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	r := newReceiver(t)
	h := addHook(t, st, r.URL, "", EventNewStory)
	ingestArticles(t, st, demoArticles(t)[:1])

	stats, err := Once(ctx, st, Options{})
	if err != nil || stats.Failed != 1 {
		t.Fatalf("round = %+v, %v; want one refused delivery", stats, err)
	}
	if n := len(r.deliveries()); n != 0 {
		t.Fatalf("a loopback receiver got %d requests without --allow-private", n)
	}
	refused, err := st.HookByID(ctx, h.ID)
	if err != nil || refused.LastStatus != 0 || refused.ConsecutiveFailures != 1 || refused.StoryCursor != h.StoryCursor {
		t.Fatalf("hook after refusal = %+v, %v", refused, err)
	}
	if want := "loopback"; !strings.Contains(refused.LastError, want) {
		t.Errorf("last error %q does not say %q", refused.LastError, want)
	}

	// Allowed when the hook was added, it is allowed wherever delivered
	// from.
	h.AllowPrivate = true
	if _, _, err := st.AddHook(ctx, h); err != nil {
		t.Fatal(err)
	}
	if err := st.RetryHookNow(ctx, h.ID); err != nil {
		t.Fatal(err)
	}
	if stats, err := Once(ctx, st, Options{}); err != nil || stats.Failed != 0 || len(r.deliveries()) != 1 {
		t.Fatalf("round for a hook allowed private = %+v, %v, %d deliveries", stats, err, len(r.deliveries()))
	}
	if status, err := Ping(ctx, h, Options{}); err != nil || status != http.StatusNoContent {
		t.Errorf("Ping of a hook allowed private = %d, %v", status, err)
	}

	if err := CheckURL(r.URL, false); !isBlocked(err) {
		t.Errorf("CheckURL(%s) = %v, want a blocked address", r.URL, err)
	}
	for _, u := range []string{"http://localhost:9/x", "http://10.1.2.3/x", "http://[::1]/x", "http://169.254.169.254/latest"} {
		if err := CheckURL(u, false); !isBlocked(err) {
			t.Errorf("CheckURL(%s) = %v, want a blocked address", u, err)
		}
	}
	for _, u := range []string{"ftp://example.org/x", "http:///x", "mailto:x@example.org"} {
		if err := CheckURL(u, true); err == nil {
			t.Errorf("CheckURL(%s) accepted it", u)
		}
	}
	if err := CheckURL("https://hooks.example.org/in", false); err != nil {
		t.Errorf("CheckURL of a public name = %v", err)
	}
	if err := CheckURL(r.URL, true); err != nil {
		t.Errorf("CheckURL with the option = %v", err)
	}
}

func TestPing(t *testing.T) {
	r := newReceiver(t)
	h := &store.Hook{ID: 7, URL: r.URL, Secret: "s", Events: []string{EventClaimStatus}}
	status, err := Ping(context.Background(), h, local)
	if err != nil || status != http.StatusNoContent {
		t.Fatalf("Ping = %d, %v", status, err)
	}
	got := r.deliveries()
	if len(got) != 1 || got[0].payload.Event != EventPing || got[0].payload.Hook != 7 || !Verify("s", got[0].body, got[0].header.Get("X-Storyline-Signature")) {
		t.Errorf("ping delivered %+v", got)
	}
	bad := newReceiver(t, http.StatusGone)
	var derr *DeliveryError
	if _, err := Ping(context.Background(), &store.Hook{URL: bad.URL}, local); !errors.As(err, &derr) || derr.Status != http.StatusGone || derr.Body != "receiver says no" {
		t.Errorf("Ping to a 410 = %v", err)
	}
}

func TestRetryAfterHeader(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		header string
		want   time.Duration
	}{
		{"", 0}, {"120", 2 * time.Minute}, {"-5", 0}, {"soon", 0},
		{"Sun, 01 Mar 2026 12:10:00 GMT", 10 * time.Minute},
		{"99999999", maxRetryAfter}, {"99999999999999999", maxRetryAfter},
	} {
		if got := retryAfter(tc.header, now); got != tc.want {
			t.Errorf("retryAfter(%q) = %s, want %s", tc.header, got, tc.want)
		}
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	st := openStore(t)
	r := newReceiver(t)
	addHook(t, st, r.URL, "", EventNewStory)
	ingestArticles(t, st, demoArticles(t)[:1])
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, st, Options{AllowPrivate: true, Interval: time.Millisecond}) }()
	for len(r.deliveries()) == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run after cancel = %v", err)
	}
	if n := len(r.deliveries()); n != 1 {
		t.Errorf("Run delivered %d times, want once", n)
	}
}

func BenchmarkOnceNothingNew(b *testing.B) {
	st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	for i := range 50 {
		if _, _, err := st.AddHook(ctx, &store.Hook{URL: "https://hooks.example.org/" + string(rune('a'+i%26)) + string(rune('a'+i/26)), Events: Events}); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if _, err := Once(ctx, st, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func isBlocked(err error) bool {
	var blocked *fetch.BlockedAddressError
	return errors.As(err, &blocked)
}

// FuzzRetryAfter feeds receivers' Retry-After values: any header gives a
// wait within bounds, never a panic.
func FuzzRetryAfter(f *testing.F) {
	for _, seed := range []string{"120", "0", "Wed, 21 Oct 2015 07:28:00 GMT", "Sun, 01 Mar 2026 12:10:00 GMT", "-1", "1e9", " 30 ", ""} {
		f.Add(seed)
	}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, header string) {
		if d := retryAfter(header, now); d < 0 || d > maxRetryAfter {
			t.Errorf("retryAfter(%q) = %s, out of [0, %s]", header, d, maxRetryAfter)
		}
	})
}

// FuzzCheckURL feeds webhook addresses as typed on the command line: a
// bad one is an error, never a panic, and an accepted one is http(s).
func FuzzCheckURL(f *testing.F) {
	for _, seed := range []string{"https://hooks.example.org/in?token=x", "http://127.0.0.1:8080/", "http://[::1]/x", "ftp://x", "http://%zz", "//host/path", "HTTPS://EXAMPLE.ORG"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if err := CheckURL(raw, false); err == nil {
			if u, err := parseURL(raw); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
				t.Errorf("CheckURL accepted %q", raw)
			}
		}
	})
}
