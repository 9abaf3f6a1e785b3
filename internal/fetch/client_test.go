package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// feedFixture is a real-looking feed served by the test servers.
func feedFixture(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func localClient() *Client {
	return New(Options{AllowPrivate: true, HostDelay: time.Millisecond, Timeout: 10 * time.Second})
}

func TestRefusesLoopbackWithoutAllowPrivate(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	c := New(Options{HostDelay: -1})
	for _, target := range []string{srv.URL + "/feed", strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/feed"} {
		_, err := c.Get(context.Background(), Request{URL: target})
		var blocked *BlockedAddressError
		if !errors.As(err, &blocked) {
			t.Fatalf("%s: want *BlockedAddressError, got %v", target, err)
		}
		want := "refusing to fetch " + target + ": 127.0.0.1 is a loopback address; use --allow-private to allow it"
		if blocked.IP.String() == "::1" {
			want = "refusing to fetch " + target + ": ::1 is a loopback address; use --allow-private to allow it"
		}
		if err.Error() != want {
			t.Errorf("message\n got %q\nwant %q", err.Error(), want)
		}
		if IsRetryable(err) {
			t.Error("a refused address must not be retryable")
		}
	}
	if hits.Load() != 0 {
		t.Fatalf("server was asked %d times", hits.Load())
	}
}

// TestNonPublicAddressesRefused checks the address rules; the dialer hook
// applies them to every connection, first request and redirects alike.
func TestNonPublicAddressesRefused(t *testing.T) {
	c := New(Options{HostDelay: -1})
	_, err := c.Get(context.Background(), Request{URL: "http://10.1.2.3/feed"})
	if err == nil || !strings.Contains(err.Error(), "10.1.2.3 is a private address") {
		t.Fatalf("got %v", err)
	}
	if err := c.checkDialAddress("100.64.1.1:80"); err == nil || !strings.Contains(err.Error(), "CGNAT") {
		t.Fatalf("CGNAT: got %v", err)
	}
	for _, addr := range []string{"[fd00::1]:443", "[fe80::1]:80", "224.0.0.1:80", "0.0.0.0:80", "[::]:80", "169.254.169.254:80", "[::ffff:127.0.0.1]:80"} {
		if err := c.checkDialAddress(addr); err == nil {
			t.Errorf("%s allowed", addr)
		}
	}
	for _, addr := range []string{"93.184.216.34:443", "[2606:4700::1111]:443"} {
		if err := c.checkDialAddress(addr); err != nil {
			t.Errorf("%s refused: %v", addr, err)
		}
	}
}

// TestRedirectToPrivateRefused serves from 127.0.0.1, which the client is
// told to treat as public, and redirects to 127.0.0.2: the redirect's
// target is refused at connect time, and the error names it.
func TestRedirectToPrivateRefused(t *testing.T) {
	var hits atomic.Int32
	var port string // set once the server listens, before any request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Redirect(w, r, "http://127.0.0.2:"+port+"/internal", http.StatusFound)
	}))
	defer srv.Close()
	port = srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
	c := New(Options{HostDelay: -1})
	c.addressKind = func(ip netip.Addr) string {
		if ip == netip.MustParseAddr("127.0.0.1") {
			return ""
		}
		return nonPublicKind(ip)
	}
	_, err := c.Get(context.Background(), Request{URL: srv.URL + "/feed"})
	var blocked *BlockedAddressError
	if !errors.As(err, &blocked) {
		t.Fatalf("want *BlockedAddressError, got %v", err)
	}
	want := "refusing to fetch http://127.0.0.2:" + port + "/internal: 127.0.0.2 is a loopback address; use --allow-private to allow it"
	if err.Error() != want {
		t.Errorf("message\n got %q\nwant %q", err.Error(), want)
	}
	if hits.Load() != 1 {
		t.Errorf("first hop asked %d times", hits.Load())
	}
}

func TestConditionalGet(t *testing.T) {
	body := feedFixture(t)
	const etag = `"v1-abc"`
	const modified = "Tue, 06 Jan 2026 09:00:00 GMT"
	tests := []struct {
		name string
		req  func(prev *Response) Request
	}{
		{"etag", func(p *Response) Request { return Request{ETag: p.ETag} }},
		{"last-modified", func(p *Response) Request { return Request{LastModified: p.LastModified} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got200, got304 atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == modified {
					got304.Add(1)
					w.WriteHeader(http.StatusNotModified)
					return
				}
				got200.Add(1)
				w.Header().Set("ETag", etag)
				w.Header().Set("Last-Modified", modified)
				w.Header().Set("Content-Type", "application/rss+xml")
				w.Write(body)
			}))
			defer srv.Close()
			c := localClient()
			first, err := c.Get(context.Background(), Request{URL: srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			if first.NotModified || !bytes.Equal(first.Body, body) || first.ETag != etag || first.LastModified != modified {
				t.Fatalf("first response %+v", first)
			}
			req := tt.req(first)
			req.URL = srv.URL
			second, err := c.Get(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if !second.NotModified || second.Status != 304 || len(second.Body) != 0 {
				t.Fatalf("second response %+v", second)
			}
			if second.ETag != req.ETag || second.LastModified != req.LastModified {
				t.Errorf("validators not carried over: %+v", second)
			}
			if got200.Load() != 1 || got304.Load() != 1 {
				t.Errorf("200s %d, 304s %d", got200.Load(), got304.Load())
			}
		})
	}
}

func TestRetryAfterThen200(t *testing.T) {
	for _, form := range []string{"seconds", "date"} {
		t.Run(form, func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if hits.Add(1) == 1 {
					if form == "seconds" {
						w.Header().Set("Retry-After", "1")
					} else {
						w.Header().Set("Retry-After", time.Now().Add(2*time.Second).UTC().Format(http.TimeFormat))
					}
					w.WriteHeader(http.StatusTooManyRequests)
					return
				}
				w.Write([]byte("<rss/>"))
			}))
			defer srv.Close()
			c := localClient()
			before := time.Now()
			_, err := c.Get(context.Background(), Request{URL: srv.URL})
			var ra *RetryAfterError
			if !errors.As(err, &ra) || ra.Status != 429 {
				t.Fatalf("want 429 RetryAfterError, got %v", err)
			}
			if !ra.Until.After(before) || ra.Until.After(before.Add(3*time.Second)) {
				t.Fatalf("until %v, asked at %v", ra.Until, before)
			}
			if !IsRetryable(err) {
				t.Error("429 must be retryable")
			}
			// Asked again too early: refused without a request.
			_, err = c.Get(context.Background(), Request{URL: srv.URL + "/other"})
			if !errors.As(err, &ra) || hits.Load() != 1 {
				t.Fatalf("early retry: err %v, server hits %d", err, hits.Load())
			}
			time.Sleep(time.Until(ra.Until) + 10*time.Millisecond)
			resp, err := c.Get(context.Background(), Request{URL: srv.URL})
			if err != nil || string(resp.Body) != "<rss/>" {
				t.Fatalf("after waiting: %v", err)
			}
		})
	}
}

func TestServerErrorsTyped(t *testing.T) {
	tests := []struct {
		status    int
		retryable bool
	}{{500, true}, {502, true}, {503, true}, {404, false}, {410, false}, {403, false}}
	for _, tt := range tests {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(tt.status) }))
		_, err := localClient().Get(context.Background(), Request{URL: srv.URL})
		srv.Close()
		var st *StatusError
		if !errors.As(err, &st) || st.Status != tt.status || st.Retryable != tt.retryable || IsRetryable(err) != tt.retryable {
			t.Errorf("status %d: got %v", tt.status, err)
		}
	}
}

func TestOversizedResponse(t *testing.T) {
	big := bytes.Repeat(feedFixture(t), 200)
	for _, chunked := range []bool{false, true} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if chunked {
				w.Write(big[:100])
				w.(http.Flusher).Flush()
				w.Write(big[100:])
				return
			}
			w.Header().Set("Content-Length", fmt.Sprint(len(big)))
			w.Write(big)
		}))
		c := New(Options{AllowPrivate: true, HostDelay: -1, MaxBytes: 64 << 10})
		_, err := c.Get(context.Background(), Request{URL: srv.URL + "/huge.xml"})
		srv.Close()
		var tl *TooLargeError
		if !errors.As(err, &tl) || !errors.Is(err, ErrTooLarge) {
			t.Fatalf("chunked=%v: want TooLargeError, got %v", chunked, err)
		}
		want := "fetch " + srv.URL + "/huge.xml: response larger than the 64 KiB limit"
		if !strings.HasPrefix(err.Error(), want) {
			t.Errorf("message %q, want prefix %q", err.Error(), want)
		}
	}
}

func TestRedirectLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
		if n > 0 {
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
			return
		}
		w.Write([]byte("arrived"))
	}))
	defer srv.Close()
	c := localClient()
	resp, err := c.Get(context.Background(), Request{URL: srv.URL + "/hop/5"})
	if err != nil || string(resp.Body) != "arrived" || resp.URL != srv.URL+"/hop/0" {
		t.Fatalf("five redirects: %v %+v", err, resp)
	}
	_, err = c.Get(context.Background(), Request{URL: srv.URL + "/hop/6"})
	if !errors.Is(err, ErrTooManyRedirects) {
		t.Fatalf("six redirects: got %v", err)
	}
}

func TestRedirectToOtherScheme(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "ftp://files.example/feed.xml")
		w.WriteHeader(http.StatusMovedPermanently)
	}))
	defer srv.Close()
	_, err := localClient().Get(context.Background(), Request{URL: srv.URL})
	if !errors.Is(err, ErrScheme) || !strings.Contains(err.Error(), `not "ftp"`) {
		t.Fatalf("got %v", err)
	}
	_, err = localClient().Get(context.Background(), Request{URL: "file:///etc/passwd"})
	if !errors.Is(err, ErrScheme) {
		t.Fatalf("file URL: got %v", err)
	}
}

func TestGzipAndUserAgent(t *testing.T) {
	body := feedFixture(t)
	var ua, acceptEncoding string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua, acceptEncoding = r.UserAgent(), r.Header.Get("Accept-Encoding")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write(body)
		zw.Close()
	}))
	defer srv.Close()
	c := New(Options{AllowPrivate: true, HostDelay: -1, Version: "1.2.3"})
	resp, err := c.Get(context.Background(), Request{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(resp.Body, body) {
		t.Fatalf("body not decompressed: %d bytes", len(resp.Body))
	}
	if ua != "storyline/1.2.3 (+https://github.com/storyline/storyline)" || !strings.Contains(acceptEncoding, "gzip") {
		t.Errorf("User-Agent %q, Accept-Encoding %q", ua, acceptEncoding)
	}
}

func TestOneRequestAtATimePerHost(t *testing.T) {
	var inFlight, maxInFlight atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := maxInFlight.Load()
			if n <= m || maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
	}))
	defer srv.Close()
	c := localClient()
	done := make(chan error)
	for i := range 4 {
		go func() {
			_, err := c.Get(context.Background(), Request{URL: fmt.Sprintf("%s/%d", srv.URL, i)})
			done <- err
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if maxInFlight.Load() != 1 {
		t.Fatalf("%d requests in flight at once", maxInFlight.Load())
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		failures int
		want     time.Duration
	}{{0, 0}, {1, time.Minute}, {2, 2 * time.Minute}, {5, 16 * time.Minute}, {9, 256 * time.Minute}, {10, 6 * time.Hour}, {1000, 6 * time.Hour}}
	for _, tt := range tests {
		if got := Backoff(tt.failures); got != tt.want {
			t.Errorf("Backoff(%d) = %v, want %v", tt.failures, got, tt.want)
		}
	}
}

func BenchmarkGet(b *testing.B) {
	body := feedFixture(b)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(body) }))
	defer srv.Close()
	c := New(Options{AllowPrivate: true, HostDelay: -1})
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := c.Get(context.Background(), Request{URL: srv.URL}); err != nil {
			b.Fatal(err)
		}
	}
}
