package fetch

import (
	"errors"
	"fmt"
	"time"
)

// Errors callers may test for with errors.Is.
var (
	// ErrScheme: only http and https are fetched.
	ErrScheme = errors.New("only http and https URLs can be fetched")
	// ErrTooManyRedirects: more than MaxRedirects redirects.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrTooLarge: the body exceeds Options.MaxBytes.
	ErrTooLarge = errors.New("response too large")
)

// RetryAfterError reports a host that asked to be left alone (429, or 503
// with Retry-After) until Until; the Client itself refuses to ask that host
// again earlier and returns this error without a request.
type RetryAfterError struct {
	URL    string
	Status int
	Until  time.Time
}

func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("fetch %s: HTTP %d, retry after %s", e.URL, e.Status, e.Until.UTC().Format(time.RFC3339))
}

// StatusError reports an HTTP status other than 2xx and 304. Retryable is
// true for 5xx (and 408, 425, 429 without Retry-After): the poller should
// back off and try again; false means the request itself is wrong (404,
// 410, 403...), which a retry will not cure soon.
type StatusError struct {
	URL       string
	Status    int
	Retryable bool
}

func (e *StatusError) Error() string {
	kind := "permanent"
	if e.Retryable {
		kind = "retryable"
	}
	return fmt.Sprintf("fetch %s: HTTP %d (%s)", e.URL, e.Status, kind)
}

// TooLargeError reports a body over the size cap.
type TooLargeError struct {
	URL   string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("fetch %s: response larger than the %s limit (raise it with --max-bytes)", e.URL, formatBytes(e.Limit))
}

func (e *TooLargeError) Unwrap() error { return ErrTooLarge }

// IsRetryable reports whether err is transient: a network failure, a
// timeout, a 5xx or a Retry-After. Refused addresses, bad schemes, too
// many redirects, oversized bodies and 4xx answers are not.
func IsRetryable(err error) bool {
	if err == nil {
		return false
	}
	var ra *RetryAfterError
	var st *StatusError
	var blocked *BlockedAddressError
	switch {
	case errors.As(err, &ra):
		return true
	case errors.As(err, &st):
		return st.Retryable
	case errors.As(err, &blocked), errors.Is(err, ErrScheme), errors.Is(err, ErrTooManyRedirects), errors.Is(err, ErrTooLarge):
		return false
	}
	return true
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Backoff is how long a poller waits after failures consecutive failures:
// one minute doubling up to six hours; zero when there was no failure.
func Backoff(failures int) time.Duration {
	const first, ceiling = time.Minute, 6 * time.Hour
	if failures <= 0 {
		return 0
	}
	d := first
	for i := 1; i < failures && d < ceiling; i++ {
		d *= 2
	}
	return min(d, ceiling)
}
