// Package hooks delivers webhooks: it POSTs new stories and claim status
// changes to registered URLs as JSON, signed with the hook's secret,
// retrying with exponential backoff. A hook's cursor advances only once a
// change has been delivered, so nothing is skipped while a receiver is
// down, and the failures stay recorded on the hook for `hooks list`.
//
// Each POST carries X-Storyline-Event, X-Storyline-Delivery (the same on
// every retry: delivery is at least once, so receivers drop repeats by
// it) and, for a hook with a secret, X-Storyline-Signature: sha256= and
// the hex HMAC-SHA256 of the body (see Verify).
package hooks

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/storyline/storyline/internal/store"
)

// Event names a hook subscribes to.
const (
	EventNewStory    = "new_story"
	EventClaimStatus = "claim_status"
	// EventPing is sent only on request, by Ping.
	EventPing = "ping"
)

// Events are the events a hook may subscribe to.
var Events = []string{EventNewStory, EventClaimStatus}

// Defaults for zero Options fields.
const (
	DefaultInterval = 5 * time.Second
	DefaultTimeout  = 10 * time.Second
	DefaultBatch    = 100
	// maxRetryAfter bounds a receiver's Retry-After, so that a typo in it
	// cannot silence a hook for years.
	maxRetryAfter = 6 * time.Hour
	// maxErrorBody is how much of a failed answer's body is kept in the
	// hook's error, to tell the operator what the receiver said.
	maxErrorBody = 200
	// parallelHooks is how many hooks one round serves at once.
	parallelHooks = 4
)

// Options configure delivery. The zero value is usable.
type Options struct {
	// AllowPrivate permits loopback, private and link-local receivers.
	AllowPrivate bool
	// Interval is how often Run looks for changes; DefaultInterval when 0.
	Interval time.Duration
	// Timeout bounds one POST; DefaultTimeout when 0.
	Timeout time.Duration
	// Batch is the most changes of each kind one hook gets per round;
	// DefaultBatch when 0.
	Batch int
	// Backoff is the wait after a hook's failures-th consecutive failure;
	// Backoff (15 s doubling up to an hour) when nil.
	Backoff func(failures int) time.Duration
	// Version goes into the User-Agent; "dev" when empty.
	Version string
	// Logf reports each failed delivery; silent when nil.
	Logf func(format string, args ...any)
}

// Backoff is the default wait after failures consecutive failures: 15 s,
// 30 s, 1 min, 2 min, 4 min (five attempts over about eight minutes),
// then doubling up to an hour, for as long as the receiver fails.
func Backoff(failures int) time.Duration {
	const first, ceiling = 15 * time.Second, time.Hour
	if failures <= 0 {
		return 0
	}
	d := first
	for i := 1; i < failures && d < ceiling; i++ {
		d *= 2
	}
	return min(d, ceiling)
}

func (o Options) withDefaults() Options {
	if o.Interval <= 0 {
		o.Interval = DefaultInterval
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Batch <= 0 {
		o.Batch = DefaultBatch
	}
	if o.Backoff == nil {
		o.Backoff = Backoff
	}
	if o.Version == "" {
		o.Version = "dev"
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	return o
}

// Stats count what one round did.
type Stats struct {
	Hooks     int // hooks registered
	Waiting   int // hooks skipped because they are backing off
	Delivered int // changes delivered
	Failed    int // hooks whose delivery failed this round
}

// Payload is the JSON body POSTed for one change.
type Payload struct {
	Event string    `json:"event"`
	At    time.Time `json:"at"`
	// Story is set for new_story.
	Story *store.NewStory `json:"story,omitempty"`
	// Claim is set for claim_status.
	Claim *store.ClaimStatusChange `json:"claim,omitempty"`
	// Hook is the receiving hook's id, set for ping.
	Hook int64 `json:"hook,omitempty"`
}

// Sign returns the X-Storyline-Signature value of body under secret.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify reports whether signature is body's signature under secret, in
// constant time: what a receiver should check before trusting a delivery.
func Verify(secret string, body []byte, signature string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(signature))
}

// Sender POSTs payloads to hooks over connections that refuse non-public
// addresses, unless the options or the hook allow them.
type Sender struct {
	public, private *http.Client // private also reaches non-public addresses
	allowPrivate    bool
	userAgent       string
}

// NewSender returns a Sender for opts.
func NewSender(opts Options) *Sender {
	opts = opts.withDefaults()
	return &Sender{
		public:       newClient(opts, true),
		private:      newClient(opts, false),
		allowPrivate: opts.AllowPrivate,
		userAgent:    "storyline/" + opts.Version + " (+https://github.com/storyline/storyline)",
	}
}

// newClient returns a client that refuses non-public addresses when
// publicOnly.
func newClient(opts Options, publicOnly bool) *http.Client {
	dialer := &net.Dialer{Timeout: opts.Timeout, KeepAlive: 30 * time.Second}
	if publicOnly {
		dialer.Control = func(_, address string, _ syscall.RawConn) error { return checkDialAddress(address) }
	}
	transport := &http.Transport{
		// No proxy: the address check must see the real destination.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   opts.Timeout,
		ResponseHeaderTimeout: opts.Timeout,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   2,
	}
	return &http.Client{
		Transport: transport,
		Timeout:   opts.Timeout,
		// A receiver answers where it was registered: a redirect would
		// resend the body somewhere nobody chose.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// DeliveryError is a failed delivery: the receiver's status (0 when no
// answer came) and how long it asked to be left alone, if it did.
type DeliveryError struct {
	URL        string
	Status     int
	RetryAfter time.Duration
	Err        error // the network error, when no answer came
	Body       string
}

func (e *DeliveryError) Error() string {
	if e.Status == 0 {
		return fmt.Sprintf("POST %s: %v", e.URL, e.Err)
	}
	msg := fmt.Sprintf("POST %s: HTTP %d", e.URL, e.Status)
	if e.Body != "" {
		msg += ": " + e.Body
	}
	return msg
}

func (e *DeliveryError) Unwrap() error { return e.Err }

// Send POSTs p to h, signed when h has a secret; deliveryID lets the
// receiver recognise a delivery it got twice. Any 2xx is success.
func (s *Sender) Send(ctx context.Context, h *store.Hook, deliveryID string, p Payload) (int, error) {
	body, err := json.Marshal(p)
	if err != nil {
		return 0, err
	}
	u, err := parseURL(h.URL)
	if err != nil {
		return 0, &DeliveryError{URL: h.URL, Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return 0, &DeliveryError{URL: u.Redacted(), Err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", s.userAgent)
	req.Header.Set("X-Storyline-Event", p.Event)
	req.Header.Set("X-Storyline-Delivery", deliveryID)
	if h.Secret != "" {
		req.Header.Set("X-Storyline-Signature", Sign(h.Secret, body))
	}
	client := s.public
	if s.allowPrivate || h.AllowPrivate {
		client = s.private
	}
	resp, err := client.Do(req)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		return 0, &DeliveryError{URL: u.Redacted(), Err: err}
	}
	defer resp.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	// Drain a little more so the connection can be reused.
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return resp.StatusCode, nil
	}
	return resp.StatusCode, &DeliveryError{
		URL:        u.Redacted(),
		Status:     resp.StatusCode,
		RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now()),
		Body:       strings.Join(strings.Fields(string(snippet)), " "),
	}
}

// retryAfter reads a Retry-After header (seconds or an HTTP date) as a
// wait from now, bounded by maxRetryAfter; 0 when absent or unreadable.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.Atoi(v); err == nil {
		d = time.Duration(min(secs, int(maxRetryAfter/time.Second))) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return max(0, min(d, maxRetryAfter))
}

func parseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("webhook URL %q: %w", raw, err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("webhook URL %s: only http and https are allowed", u.Redacted())
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("webhook URL %s has no host", u.Redacted())
	}
	return u, nil
}

// Ping sends h a ping, whatever its events and backoff, and records
// nothing: it tells whoever registered the hook whether it is reachable.
func Ping(ctx context.Context, h *store.Hook, opts Options) (int, error) {
	return NewSender(opts).Send(ctx, h, "ping-"+strconv.FormatInt(time.Now().UnixNano(), 10),
		Payload{Event: EventPing, At: time.Now().UTC(), Hook: h.ID})
}

// Once delivers to every hook that is due the changes after its cursors,
// oldest first, and records each hook's outcome. A hook stops at its
// first failure, to resume from there after its backoff.
func Once(ctx context.Context, st *store.Store, opts Options) (Stats, error) {
	return once(ctx, st, NewSender(opts), opts.withDefaults())
}

func once(ctx context.Context, st *store.Store, s *Sender, opts Options) (Stats, error) {
	hooks, err := st.Hooks(ctx)
	if err != nil {
		return Stats{}, err
	}
	stats := Stats{Hooks: len(hooks)}
	now := time.Now()
	// Hooks are served side by side, so that one receiver timing out does
	// not hold up the others.
	var (
		mu       sync.Mutex
		wg       sync.WaitGroup
		storeErr error
	)
	slots := make(chan struct{}, parallelHooks)
	for i := range hooks {
		h := &hooks[i]
		if now.Before(h.NextAttempt) {
			stats.Waiting++
			continue
		}
		slots <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-slots; wg.Done() }()
			delivered, err := deliver(ctx, st, s, h, opts)
			mu.Lock()
			defer mu.Unlock()
			stats.Delivered += delivered
			var derr *DeliveryError
			switch {
			case err == nil || ctx.Err() != nil:
				// Shutting down mid-delivery is no failure of the receiver.
			case errors.As(err, &derr):
				stats.Failed++
				opts.Logf("webhook %d: %v (attempt %d failed; next in %s)", h.ID, err, h.ConsecutiveFailures, time.Until(h.NextAttempt).Round(time.Second))
			case storeErr == nil:
				storeErr = err // the store failed, not the receiver
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return stats, err
	}
	return stats, storeErr
}

// deliver sends h its pending changes, then records the outcome. The
// error is a *DeliveryError when the receiver failed.
func deliver(ctx context.Context, st *store.Store, s *Sender, h *store.Hook, opts Options) (int, error) {
	stories, err := st.StoriesAfter(ctx, h.StoryCursor, opts.Batch)
	if err != nil {
		return 0, err
	}
	changes, err := st.ClaimStatusChangesAfter(ctx, h.ClaimCursor, opts.Batch)
	if err != nil {
		return 0, err
	}
	if len(stories) == 0 && len(changes) == 0 {
		return 0, nil
	}
	delivered, status, sendErr := sendPending(ctx, s, h, stories, changes)
	if sendErr == nil && delivered == 0 {
		// Only changes the hook does not want: move its cursors past them.
		return 0, st.RecordHookAttempt(ctx, h)
	}
	if ctx.Err() != nil && sendErr != nil {
		// Interrupted by shutdown: keep what was delivered, blame nobody.
		return delivered, st.RecordHookAttempt(context.WithoutCancel(ctx), h)
	}
	now := time.Now().UTC()
	h.LastAttempt, h.LastStatus = now, status
	if sendErr == nil {
		h.LastDelivery, h.LastError = now, ""
		h.ConsecutiveFailures, h.NextAttempt = 0, time.Time{}
	} else {
		h.LastError = sendErr.Error()
		h.ConsecutiveFailures++
		wait := opts.Backoff(h.ConsecutiveFailures)
		var derr *DeliveryError
		if errors.As(sendErr, &derr) && derr.RetryAfter > wait {
			wait = derr.RetryAfter
		}
		h.NextAttempt = now.Add(wait)
	}
	if err := st.RecordHookAttempt(ctx, h); err != nil {
		return delivered, err
	}
	return delivered, sendErr
}

// sendPending POSTs the hook's pending changes, advancing its cursors in
// h past each one delivered or not subscribed to, and stops at the first
// failure.
func sendPending(ctx context.Context, s *Sender, h *store.Hook, stories []store.NewStory, changes []store.ClaimStatusChange) (delivered, status int, err error) {
	for i := range stories {
		n := &stories[i]
		if h.Wants(EventNewStory) {
			status, err = s.Send(ctx, h, "story-"+strconv.FormatInt(n.ID, 10), Payload{Event: EventNewStory, At: n.CreatedAt, Story: n})
			if err != nil {
				return delivered, status, err
			}
			delivered++
		}
		h.StoryCursor = n.ID
	}
	for i := range changes {
		c := &changes[i]
		if h.Wants(EventClaimStatus) {
			status, err = s.Send(ctx, h, "claim-status-"+strconv.FormatInt(c.ID, 10), Payload{Event: EventClaimStatus, At: c.ChangedAt, Claim: c})
			if err != nil {
				return delivered, status, err
			}
			delivered++
		}
		h.ClaimCursor = c.ID
	}
	return delivered, status, nil
}

// Run delivers changes every opts.Interval until ctx is done, then
// returns nil. Store errors are logged and retried on the next round.
func Run(ctx context.Context, st *store.Store, opts Options) error {
	opts = opts.withDefaults()
	s := NewSender(opts)
	ticker := time.NewTicker(opts.Interval)
	defer ticker.Stop()
	for {
		if _, err := once(ctx, st, s, opts); err != nil && ctx.Err() == nil {
			opts.Logf("webhooks: %v", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
		}
	}
}
