package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// chromiumPath finds Debian's chromium: STORYLINE_CHROMIUM, else PATH.
// Without it the browser tests skip, except under CI=true where they fail.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("STORYLINE_CHROMIUM"); p != "" {
		return p
	}
	p, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium is required when CI=true (apt-get install chromium, or set STORYLINE_CHROMIUM): %v", err)
		}
		t.Skipf("chromium not found (apt-get install chromium, or set STORYLINE_CHROMIUM): %v", err)
	}
	return p
}

// artifactsDir is where screenshots go: STORYLINE_ARTIFACTS, else
// testdata/artifacts (ignored by git).
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("STORYLINE_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("testdata", "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// strictCSP is the policy the server puts in front of these pages: it
// proves the pages need no inline script or style.
const strictCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// consoleErrors collects what the page reports as errors: console.error,
// uncaught exceptions, and browser log entries (CSP violations, failed loads).
type consoleErrors struct {
	mu   sync.Mutex
	msgs []string
}

func (c *consoleErrors) add(msg string) {
	c.mu.Lock()
	c.msgs = append(c.msgs, msg)
	c.mu.Unlock()
}

func (c *consoleErrors) list() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.msgs...)
}

func (c *consoleErrors) listen(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, a.Description+string(a.Value))
			}
			c.add("console: " + strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		c.add("exception: " + ev.ExceptionDetails.Text)
	case *page.EventJavascriptDialogOpening:
		c.add("dialog: " + ev.Message)
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			c.add("log: " + ev.Entry.Text + " " + ev.Entry.URL)
		}
	}
}

func TestBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	st := openDemoStore(t)
	story := mainStory(t, st)
	app := New(st)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", strictCSP)
		app.ServeHTTP(w, r)
	}))
	defer srv.Close()
	hostile, hostileStory, hostileArticle := hostileStore(t)
	hostileApp := New(hostile)
	hostileSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", strictCSP)
		hostileApp.ServeHTTP(w, r)
	}))
	defer hostileSrv.Close()
	shots := artifactsDir(t)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	// The timeout bounds the whole run; cancelling it stops the browser.
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	var errs consoleErrors
	ctx, cancelTab := chromedp.NewContext(ctx, chromedp.WithListener(errs.listen))
	defer cancelTab()

	// screenshot saves what the reader sees (the viewport), or the whole
	// page when full is set.
	screenshot := func(name string, full bool) chromedp.Action[chromedp.Void] {
		shoot := chromedp.CaptureScreenshot()
		if full {
			shoot = chromedp.FullScreenshot(100)
		}
		return chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
			png, err := shoot(ctx, tgt)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name), png, 0o644)
		})
	}
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v (console: %q)", step, err, errs.list())
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	eval := func(js string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](js))
		if err != nil {
			t.Fatalf("evaluate %s: %v", js, err)
		}
		return v
	}

	// accessible checks what a screen reader user relies on: one h1,
	// headings that never skip a level, a label for every form control.
	accessible := func(page string) {
		t.Helper()
		problems, _ := eval(accessibilityScript).([]any)
		for _, p := range problems {
			t.Errorf("%s: %v", page, p)
		}
	}

	storyLink := fmt.Sprintf(`ol.stories a[href="/stories/%d"]`, story.ID)
	do("open home",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(storyLink)),
		screenshot("home.png", false),
	)
	accessible("home")
	if got := text(storyLink); strings.TrimSpace(got) != strings.TrimSpace(story.Title) {
		t.Errorf("home shows story %q, want %q", got, story.Title)
	}
	if eval(`document.querySelector('time[datetime]').title`) == "" {
		t.Error("dates were not formatted by the script (no title on <time>)")
	}

	do("keyboard: press Tab", chromedp.KeyEvent(kb.Tab))
	if got := eval(`document.activeElement.className`); got != "skip" {
		t.Errorf("the first Tab focuses %q, want the skip link", got)
	}

	event := `#timeline li.event details.evidence`
	do("open the story", chromedp.Click(chromedp.CSS(storyLink)), chromedp.WaitVisible(chromedp.CSS(`#timeline li.event`)))
	if eval(`document.querySelector('`+event+` blockquote').checkVisibility()`) == true {
		t.Error("evidence was visible before the event was expanded")
	}
	do("expand an event's evidence",
		chromedp.Click(chromedp.CSS(event+` summary`)),
		chromedp.WaitVisible(chromedp.CSS(event+`[open] blockquote`)),
		chromedp.ScrollIntoView(chromedp.CSS(`#timeline li.event`)),
		screenshot("story-evidence.png", false),
		screenshot("story-full.png", true),
	)
	accessible("story")
	evidence := text(event + `[open] blockquote`)
	if strings.TrimSpace(evidence) == "" {
		t.Error("the expanded evidence sentence is empty")
	}

	do("follow the evidence into the article view",
		chromedp.Click(chromedp.CSS(event+`[open] a[href^="/articles/"]`)),
		chromedp.WaitVisible(chromedp.CSS(`mark#hl`)),
		screenshot("article.png", false),
	)
	accessible("article")
	marks := eval(`document.querySelectorAll('.report .text mark').length`)
	focus := normalizeSpace(text(`mark#hl`))
	if marks == float64(0) || focus == "" {
		t.Errorf("article view has %v marks, focus %q", marks, focus)
	}
	if ev := normalizeSpace(evidence); !strings.Contains(ev, focus) && !strings.Contains(focus, ev) {
		t.Errorf("the highlighted passage %q is not the evidence %q", focus, ev)
	}

	do("follow a highlight back to its event",
		chromedp.Click(chromedp.CSS(`mark.event + a.back`)),
		chromedp.WaitVisible(chromedp.CSS(`li.event:target details[open] blockquote`)),
		screenshot("back-to-event.png", false),
	)

	do("filter the story by language",
		chromedp.Navigate(fmt.Sprintf("%s/stories/%d", srv.URL, story.ID)),
		chromedp.WaitVisible(chromedp.CSS(`#f-lang`)),
		chromedp.SetValue(chromedp.CSS(`#f-lang`), "es"),
		chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)),
		chromedp.WaitReady(chromedp.CSS(`#f-lang option[value="es"][selected]`)),
		screenshot("story-es.png", false),
	)
	if url := eval(`location.search`); !strings.Contains(fmt.Sprint(url), "lang=es") {
		t.Errorf("the filter form went to %v", url)
	}
	langs, _ := eval(`Array.from(document.querySelectorAll('#timeline li[lang], #claims li[lang], #quotes li[lang]')).map(e => e.lang)`).([]any)
	if len(langs) == 0 {
		t.Error("filtering by Spanish left nothing on screen")
	}
	for _, l := range langs {
		if l != "es" {
			t.Errorf("an item in %q remains after filtering by Spanish", l)
			break
		}
	}

	do("the conflict–cooperation chart",
		chromedp.Navigate(fmt.Sprintf("%s/stories/%d", srv.URL, story.ID)),
		chromedp.WaitVisible(chromedp.CSS(`#dyad svg`)),
		chromedp.ScrollIntoView(chromedp.CSS(`#dyad`)),
		screenshot("chart.png", false),
	)
	if n := eval(`document.querySelectorAll('#dyad svg rect').length`); n == float64(0) {
		t.Error("the chart has no bars")
	}

	do("type a date that does not exist into the story's filter",
		chromedp.Navigate(fmt.Sprintf("%s/stories/%d", srv.URL, story.ID)),
		chromedp.SendKeys(chromedp.CSS(`#f-from`), "2026-02-30"),
		chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#filter-problems`)),
		screenshot("story-bad-filter.png", false),
	)
	accessible("story with a bad filter")
	if got := text(`#filter-problems li`); !strings.Contains(got, `from: want a date as YYYY-MM-DD`) || !strings.Contains(got, `"2026-02-30"`) {
		t.Errorf("the bad filter's message reads %q", got)
	}
	if v := eval(`document.querySelector('#f-from').value`); v != "2026-02-30" {
		t.Errorf("the From field shows %v after the error, want what was typed", v)
	}

	do("search from the header with the keyboard",
		chromedp.SendKeys(chromedp.CSS(`#site-q`), "Sorel"+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`ol.results li`)),
		screenshot("search.png", false),
	)
	accessible("search")
	if n := eval(`document.querySelectorAll('ol.results mark').length`); n == float64(0) {
		t.Error("search results highlight no matched word")
	}

	do("phone width",
		chromedp.EmulateViewport(375, 812),
		chromedp.Navigate(fmt.Sprintf("%s/stories/%d", srv.URL, story.ID)),
		chromedp.WaitVisible(chromedp.CSS(`#timeline`)),
		screenshot("story-375.png", false),
	)
	if eval(`document.documentElement.scrollWidth > document.documentElement.clientWidth`) == true {
		t.Error("the story page scrolls sideways at 375 px")
	}
	// A report carrying <script> and onerror= shows them as text and
	// runs nothing: no dialog opens, no element is made from them.
	for _, path := range []string{fmt.Sprintf("/stories/%d", hostileStory), fmt.Sprintf("/articles/%d", hostileArticle)} {
		do("open a hostile report "+path,
			chromedp.Navigate(hostileSrv.URL+path),
			chromedp.WaitVisible(chromedp.CSS(`main h1`)),
		)
		if n := eval(`document.querySelectorAll('main script, main img, main b, main i, main [onerror], main [onmouseover]').length`); n != float64(0) {
			t.Errorf("%s: %v elements came from the report's markup", path, n)
		}
	}
	do("hostile article screenshot", screenshot("hostile.png", false))
	if !strings.Contains(text(`.report .text`), "<script>alert(1)</script>") {
		t.Error("the hostile report's markup is not shown as text")
	}

	var unexpected []string
	for _, msg := range errs.list() {
		// The bad filter's page answers 400 on purpose, and the browser
		// logs that status.
		if strings.Contains(msg, "status of 400") && strings.Contains(msg, "from=2026-02-30") {
			continue
		}
		unexpected = append(unexpected, msg)
	}
	if len(unexpected) > 0 {
		t.Errorf("the pages reported errors: %q", unexpected)
	}
}

// accessibilityScript lists what breaks the page's outline or leaves a
// control without a name.
const accessibilityScript = `(() => {
  const out = [];
  const hs = Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => +h.tagName[1]);
  if (hs.filter(l => l === 1).length !== 1) out.push('want exactly one h1, have ' + hs.filter(l => l === 1).length);
  for (let i = 1; i < hs.length; i++) if (hs[i] > hs[i-1] + 1) out.push('heading h' + hs[i] + ' follows h' + hs[i-1]);
  for (const c of document.querySelectorAll('input:not([type=hidden]),select,textarea')) {
    if (!(c.labels && c.labels.length) && !c.getAttribute('aria-label')) out.push('unlabelled control ' + (c.name || c.id));
  }
  for (const s of document.querySelectorAll('svg')) {
    if (!s.getAttribute('aria-labelledby') && !s.getAttribute('aria-label') && s.getAttribute('aria-hidden') !== 'true') out.push('svg without a name');
  }
  if (!document.querySelector('main')) out.push('no main landmark');
  return out;
})()`

func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
