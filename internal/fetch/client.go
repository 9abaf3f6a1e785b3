// Package fetch makes polite, safe HTTP GETs for live sources: it refuses
// non-public addresses (checked on the resolved IP at connect time), limits
// redirects, schemes, time and size, sends conditional requests, keeps one
// request at a time per host with a delay between them, and reports
// rate-limits and server failures as typed errors a poller can schedule by.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Defaults for zero Options fields.
const (
	DefaultHostDelay      = time.Second
	DefaultConnectTimeout = 10 * time.Second
	DefaultTimeout        = 60 * time.Second
	DefaultMaxBytes       = 20 << 20
	// MaxRedirects is how many redirects one Get follows.
	MaxRedirects = 5
	// maxRetryAfter bounds a host's Retry-After, so that a typo in a date
	// cannot silence a feed for years; the poller's backoff takes over.
	maxRetryAfter = 24 * time.Hour
)

// Options configure a Client. The zero value is usable.
type Options struct {
	// AllowPrivate permits loopback, private, link-local and other
	// non-public addresses (for local servers and tests).
	AllowPrivate bool
	// HostDelay is the minimum time between the end of one request to a
	// host and the start of the next; DefaultHostDelay when 0, none when
	// negative.
	HostDelay time.Duration
	// ConnectTimeout bounds each TCP connect; Timeout a whole Get,
	// redirects and body included (waiting for the host's turn excluded).
	ConnectTimeout time.Duration
	Timeout        time.Duration
	// MaxBytes caps a (decompressed) response body; DefaultMaxBytes when 0.
	MaxBytes int64
	// Version goes into the User-Agent; "dev" when empty.
	Version string
}

// Request is one GET. ETag and LastModified come from the previous
// Response for the same URL and make the request conditional.
type Request struct {
	URL          string
	ETag         string
	LastModified string
}

// Response is a successful GET: a 2xx with its body, or a 304.
type Response struct {
	// URL is the address finally served, after redirects.
	URL string
	// Status is the HTTP status code (200, 304...).
	Status int
	// NotModified is true for a 304: Body is empty, the caller's copy holds.
	NotModified bool
	Body        []byte
	ContentType string
	// ETag and LastModified validate the next conditional request; on a
	// 304 without them, the request's values are carried over.
	ETag         string
	LastModified string
	FetchedAt    time.Time
}

// Client fetches URLs. It is safe for concurrent use; requests to one host
// are serialized.
type Client struct {
	http      *http.Client
	opts      Options
	userAgent string
	// addressKind names why an address is refused ("" to allow it); tests
	// narrow it to reach a local server yet refuse a redirect target.
	addressKind func(netip.Addr) string

	mu    sync.Mutex
	hosts map[string]*hostState
}

// hostState is the politeness record of one host.
type hostState struct {
	// turn holds a token while a request to the host is in flight.
	turn chan struct{}
	// The fields below are guarded by holding the turn.
	lastDone     time.Time
	notBefore    time.Time
	notBeforeErr *RetryAfterError
}

// New returns a Client with opts, defaults filled in.
func New(opts Options) *Client {
	if opts.HostDelay == 0 {
		opts.HostDelay = DefaultHostDelay
	}
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = DefaultConnectTimeout
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.Version == "" {
		opts.Version = "dev"
	}
	c := &Client{
		opts:        opts,
		userAgent:   "storyline/" + opts.Version + " (+https://github.com/storyline/storyline)",
		hosts:       map[string]*hostState{},
		addressKind: nonPublicKind,
	}
	dialer := &net.Dialer{Timeout: opts.ConnectTimeout, KeepAlive: 30 * time.Second}
	if !opts.AllowPrivate {
		dialer.Control = func(_, address string, _ syscall.RawConn) error { return c.checkDialAddress(address) }
	}
	transport := &http.Transport{
		// No proxy: the address check must see the real destination.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   opts.ConnectTimeout,
		ResponseHeaderTimeout: opts.Timeout,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   2,
	}
	c.http = &http.Client{
		Transport:     transport,
		Timeout:       opts.Timeout,
		CheckRedirect: c.checkRedirect,
	}
	return c
}

// UserAgent is the User-Agent header the client sends.
func (c *Client) UserAgent() string { return c.userAgent }

// checkRedirect refuses a sixth redirect and non-http(s) targets; address
// checks happen at connect time like for the first request.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > MaxRedirects {
		return fmt.Errorf("%w: more than %d, last to %s", ErrTooManyRedirects, MaxRedirects, req.URL.Redacted())
	}
	return c.checkURL(req.URL)
}

func (c *Client) checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w, not %q (%s)", ErrScheme, u.Scheme, u.Redacted())
	}
	if u.Hostname() == "" {
		return fmt.Errorf("URL %s has no host", u.Redacted())
	}
	if c.opts.AllowPrivate {
		return nil
	}
	// An address literal is refused before any connection; names are
	// checked once resolved, by the dialer.
	if ip, err := netip.ParseAddr(u.Hostname()); err == nil {
		if kind := c.addressKind(ip); kind != "" {
			return &BlockedAddressError{URL: u.Redacted(), IP: ip.Unmap(), Kind: kind}
		}
	}
	return nil
}

// Get fetches req.URL, waiting for the host's turn first. Errors are
// *BlockedAddressError, *RetryAfterError, *StatusError, *TooLargeError,
// or wrap ErrScheme, ErrTooManyRedirects, a network error or ctx's error.
func (c *Client) Get(ctx context.Context, req Request) (*Response, error) {
	u, err := url.Parse(strings.TrimSpace(req.URL))
	if err != nil {
		return nil, fmt.Errorf("fetch %q: bad URL: %w", req.URL, err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if err := c.checkURL(u); err != nil {
		var blocked *BlockedAddressError
		if errors.As(err, &blocked) {
			return nil, err
		}
		return nil, fmt.Errorf("refusing to fetch %s: %w", u.Redacted(), err)
	}
	host := c.host(strings.ToLower(u.Host))
	if err := c.waitTurn(ctx, host); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), err)
	}
	defer func() {
		host.lastDone = time.Now()
		<-host.turn
	}()
	if time.Now().Before(host.notBefore) {
		ra := *host.notBeforeErr
		ra.URL = u.Redacted()
		return nil, &ra
	}
	resp, err := c.do(ctx, u, req)
	var ra *RetryAfterError
	if errors.As(err, &ra) {
		host.notBefore, host.notBeforeErr = ra.Until, ra
	}
	return resp, err
}

func (c *Client) host(key string) *hostState {
	c.mu.Lock()
	defer c.mu.Unlock()
	h := c.hosts[key]
	if h == nil {
		h = &hostState{turn: make(chan struct{}, 1)}
		c.hosts[key] = h
	}
	return h
}

// waitTurn takes the host's single request slot, then waits out the delay
// since its previous request.
func (c *Client) waitTurn(ctx context.Context, h *hostState) error {
	select {
	case h.turn <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	if c.opts.HostDelay <= 0 || h.lastDone.IsZero() {
		return nil
	}
	wait := time.Until(h.lastDone.Add(c.opts.HostDelay))
	if wait <= 0 {
		return nil
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		<-h.turn
		return ctx.Err()
	}
}

func (c *Client) do(ctx context.Context, u *url.URL, req Request) (*Response, error) {
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), err)
	}
	hreq.Header.Set("User-Agent", c.userAgent)
	hreq.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}
	// Accept-Encoding is left to the transport, which then decompresses
	// gzip transparently.
	hresp, err := c.http.Do(hreq)
	if err != nil {
		return nil, describeDoError(u, err)
	}
	defer hresp.Body.Close()
	final := hresp.Request.URL.Redacted()
	now := time.Now()
	switch code := hresp.StatusCode; {
	case code == http.StatusNotModified:
		return &Response{
			URL: final, Status: code, NotModified: true, FetchedAt: now,
			ETag:         firstNonEmpty(hresp.Header.Get("ETag"), req.ETag),
			LastModified: firstNonEmpty(hresp.Header.Get("Last-Modified"), req.LastModified),
		}, nil
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		if until, ok := retryAfter(hresp.Header.Get("Retry-After"), now); ok {
			return nil, &RetryAfterError{URL: final, Status: code, Until: until}
		}
		return nil, &StatusError{URL: final, Status: code, Retryable: true}
	case code < 200 || code > 299:
		retryable := code >= 500 || code == http.StatusRequestTimeout || code == http.StatusTooEarly
		return nil, &StatusError{URL: final, Status: code, Retryable: retryable}
	}
	limit := c.opts.MaxBytes
	if hresp.ContentLength > limit {
		return nil, &TooLargeError{URL: final, Limit: limit}
	}
	body, err := io.ReadAll(io.LimitReader(hresp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: reading body: %w", final, err)
	}
	if int64(len(body)) > limit {
		return nil, &TooLargeError{URL: final, Limit: limit}
	}
	return &Response{
		URL:          final,
		Status:       hresp.StatusCode,
		Body:         body,
		ContentType:  hresp.Header.Get("Content-Type"),
		ETag:         hresp.Header.Get("ETag"),
		LastModified: hresp.Header.Get("Last-Modified"),
		FetchedAt:    now,
	}, nil
}

// describeDoError unwraps the transport's error into this package's: a
// refused address names the URL being fetched (a redirect's target too).
func describeDoError(u *url.URL, err error) error {
	target := u.Redacted()
	var uerr *url.Error
	if errors.As(err, &uerr) {
		target = uerr.URL
	}
	var blocked *BlockedAddressError
	if errors.As(err, &blocked) {
		b := *blocked
		if b.URL == "" {
			b.URL = target
		}
		return &b
	}
	if errors.Is(err, ErrScheme) || errors.Is(err, ErrTooManyRedirects) {
		cause := err
		if uerr != nil {
			cause = uerr.Err
		}
		return fmt.Errorf("fetch %s: redirect refused: %w", u.Redacted(), cause)
	}
	return fmt.Errorf("fetch %s: %w", target, err)
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	var until time.Time
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return time.Time{}, false
		}
		until = now.Add(time.Duration(min(secs, int64(maxRetryAfter/time.Second))) * time.Second)
	} else if t, err := http.ParseTime(v); err == nil {
		until = t
	} else {
		return time.Time{}, false
	}
	if until.Before(now) {
		until = now
	}
	if limit := now.Add(maxRetryAfter); until.After(limit) {
		until = limit
	}
	return until, true
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
