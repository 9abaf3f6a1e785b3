package ingest

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

var (
	footerRes  = dataPatterns("footers.txt")
	notTitleRe = dataPatterns("notitle.txt")
)

// Limits on what may be a headline line.
const (
	headlineMaxBytes = 220
	headlineMaxWords = 30
)

// lineKind classifies one line of a plain-text input.
type lineKind int

const (
	lineBlank lineKind = iota
	lineBody
	lineHeadline // could be a title or a subheading
	lineDate     // nothing but a publication date
	lineFooter   // syndication footer naming the outlet
	lineChrome   // reader or page boilerplate
)

// textLine is one line of the input with its byte span in the original.
type textLine struct {
	start, end int    // span in the decoded input, newline excluded
	clean      string // normalized and trimmed
	kind       lineKind
	published  time.Time
	precision  model.Precision
	outlet     string
}

// piece is one report found in a plain-text input: a run of lines with an
// optional title line and date.
type piece struct {
	first, last int // line indexes, inclusive
	title       int // line index of the title, -1 when none
	date        int // line index of the date line, -1 when none
}

// readText reads plain text: a single report with optional headers and a
// headline first line, or a feed-reader dump holding several reports, each
// a headline followed by a date line, closed by syndication footers.
func readText(name, s string, opts Options) []model.Article {
	h, bodyStart := parseHeaders(s)
	lines := splitLines(s, bodyStart)
	outlet := h.outlet
	for _, l := range lines {
		if l.kind == lineFooter && outlet == "" {
			outlet = l.outlet
		}
	}
	pieces := findPieces(lines)
	arts := make([]model.Article, 0, len(pieces))
	for _, p := range pieces {
		a := buildArticle(s, lines, p, h)
		if a.Text == "" && a.Title == "" {
			continue
		}
		if a.Outlet == "" {
			a.Outlet = outlet
		}
		arts = append(arts, a)
	}
	if len(arts) == 1 {
		// A single report keeps the whole input, headers included.
		arts[0].Raw = s
	}
	for i := range arts {
		arts[i].Source = itemSource(name, i+1, len(arts))
		inferDate(&arts[i], opts)
	}
	return arts
}

// inferDate asks the caller's date finder when nothing declared a date.
func inferDate(a *model.Article, opts Options) {
	if a.PublishedPrecision != model.PrecisionNone || opts.InferDate == nil || a.Text == "" {
		return
	}
	written := opts.Written
	if written.IsZero() {
		written = time.Now()
	}
	if t, p, ok := opts.InferDate(a.Text, a.Lang, written); ok {
		a.Published, a.PublishedPrecision = t, p
	}
}

func splitLines(s string, from int) []textLine {
	var lines []textLine
	for pos := from; pos < len(s); {
		end := strings.IndexByte(s[pos:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += pos
		}
		lines = append(lines, classifyLine(s, pos, end))
		pos = end + 1
	}
	return lines
}

func classifyLine(s string, start, end int) textLine {
	l := textLine{start: start, end: end}
	l.clean = strings.TrimSpace(normalizeText(s[start:end]))
	switch {
	case l.clean == "":
		l.kind = lineBlank
	case isBoilerplate(l.clean):
		l.kind = lineChrome
	default:
		l.kind = lineBody
		if t, p, ok := parseDateLine(l.clean); ok {
			l.kind, l.published, l.precision = lineDate, t, p
		} else if t, p, ok := parsePublicationLine(l.clean); ok {
			l.kind, l.published, l.precision = lineDate, t, p
		} else if o, ok := footerOutlet(l.clean); ok {
			l.kind, l.outlet = lineFooter, o
		} else if looksLikeHeadline(l.clean) {
			l.kind = lineHeadline
		}
	}
	return l
}

func footerOutlet(line string) (string, bool) {
	if len(line) > 400 {
		return "", false
	}
	for _, re := range footerRes {
		m := re.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if o := strings.TrimSpace(m[re.SubexpIndex("outlet")]); o != "" {
			return o, true
		}
	}
	return "", false
}

// looksLikeHeadline reports a short line that opens with a capital and
// does not end like a sentence, or ends like one but is in title case
// ("Then Ruiz Called."). Captions, bylines and embedded-post signatures
// are excluded by the notitle rules.
func looksLikeHeadline(line string) bool {
	if len(line) > headlineMaxBytes {
		return false
	}
	first, _ := utf8.DecodeRuneInString(line)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) && !strings.ContainsRune("\"“‘'¿¡«", first) {
		return false
	}
	words := strings.Fields(line)
	if len(words) < 2 || len(words) > headlineMaxWords {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".,;:…", last) && !titleCased(words) {
		return false
	}
	return !matchesAny(notTitleRe, line)
}

// titleCased reports that most words of four letters or more open with a
// capital, as in English headline style.
func titleCased(words []string) bool {
	long, upper := 0, 0
	for _, w := range words {
		w = strings.TrimLeft(w, "\"“‘'(¿¡«")
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		long++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			upper++
		}
	}
	return long > 0 && upper*4 >= long*3
}

// findPieces splits the lines into reports. A dated headline (a headline
// line, maybe a byline, then a date line) opens a report; a footer closes
// one; within the runs between, a headline whose following block is in
// another language than the text before it opens a report of its own (a
// translated teaser between feed items).
func findPieces(lines []textLine) []piece {
	var runs []piece
	cur := piece{first: 0, title: -1, date: -1}
	closeRun := func(next int) {
		cur.last = next - 1
		if cur.last >= cur.first {
			runs = append(runs, cur)
		}
		cur = piece{first: next, title: -1, date: -1}
	}
	firstContent := true
	for i, l := range lines {
		switch l.kind {
		case lineFooter:
			closeRun(i + 1)
			continue
		case lineDate:
			// A line that fixes no date ("Updated 2 hours ago") is too weak
			// to open a new report; it only dates the first headline.
			hl := headlineBefore(lines, i)
			opens := hl >= 0 && hl > cur.first && hasContent(lines[cur.first:hl])
			if hl >= 0 && hl != cur.title && (l.precision != model.PrecisionNone || !opens) {
				if opens {
					closeRun(hl)
				}
				cur.title, cur.date = hl, i
			} else if firstContent && cur.date < 0 {
				cur.date = i
			}
		}
		if l.kind != lineBlank && l.kind != lineChrome {
			firstContent = false
		}
	}
	closeRun(len(lines))
	var out []piece
	for _, r := range runs {
		out = append(out, splitByLanguage(lines, r)...)
	}
	for i := range out {
		if out[i].title < 0 {
			out[i].title = leadingHeadline(lines, out[i])
		}
	}
	return out
}

// headlineBefore returns the headline line that a date line at i dates:
// the nearest non-blank line before it, skipping one byline.
func headlineBefore(lines []textLine, i int) int {
	skipped := 0
	for j := i - 1; j >= 0; j-- {
		switch lines[j].kind {
		case lineBlank, lineChrome:
			continue
		case lineHeadline:
			return j
		case lineBody:
			if skipped == 0 && matchesAny(notTitleRe, lines[j].clean) {
				skipped++
				continue
			}
		}
		return -1
	}
	return -1
}

func hasContent(lines []textLine) bool {
	for _, l := range lines {
		if l.kind != lineBlank && l.kind != lineChrome && l.kind != lineFooter {
			return true
		}
	}
	return false
}

// leadingHeadline returns the piece's first content line when it is a
// headline followed by more text, else -1.
func leadingHeadline(lines []textLine, p piece) int {
	for i := p.first; i <= p.last; i++ {
		switch lines[i].kind {
		case lineBlank, lineChrome:
			continue
		case lineHeadline:
			for j := i + 1; j <= p.last; j++ {
				if k := lines[j].kind; k == lineBody || k == lineHeadline {
					return i
				}
			}
		}
		return -1
	}
	return -1
}

// splitByLanguage cuts a run at headline lines that open a block in a
// language other than the text before them, when the headline itself is
// in that language too.
func splitByLanguage(lines []textLine, r piece) []piece {
	var heads []int
	for i := r.first; i <= r.last; i++ {
		if lines[i].kind == lineHeadline && i != r.title && i > r.first {
			heads = append(heads, i)
		}
	}
	if len(heads) == 0 {
		return []piece{r}
	}
	var out []piece
	cur := r
	curLang := blockLanguage(lines, r.first, heads[0]-1)
	for n, h := range heads {
		end := r.last
		if n+1 < len(heads) {
			end = heads[n+1] - 1
		}
		lang := blockLanguage(lines, h, end)
		if lang == "und" {
			continue
		}
		if curLang == "und" {
			curLang = lang
			continue
		}
		headLang := text.DetectLanguage(lines[h].clean)
		if lang != curLang && headLang == lang && h > cur.first {
			cur.last = h - 1
			out = append(out, cur)
			cur = piece{first: h, last: r.last, title: h, date: -1}
			curLang = lang
		}
	}
	return append(out, cur)
}

// minBlockWords is the least text whose language a split may rely on:
// a headline alone shares too many function words across languages.
const minBlockWords = 15

func blockLanguage(lines []textLine, from, to int) string {
	var b strings.Builder
	words := 0
	for i := from; i <= to && i < len(lines); i++ {
		if k := lines[i].kind; k == lineBody || k == lineHeadline {
			b.WriteString(lines[i].clean)
			b.WriteByte('\n')
			words += strings.Count(lines[i].clean, " ") + 1
		}
	}
	if words < minBlockWords {
		return "und"
	}
	return text.DetectLanguage(b.String())
}

func buildArticle(s string, lines []textLine, p piece, h headers) model.Article {
	var a model.Article
	body := make([]string, 0, p.last-p.first+1)
	for i := p.first; i <= p.last; i++ {
		l := lines[i]
		switch {
		case i == p.title:
			a.Title = l.clean
		case i == p.date:
			a.Published, a.PublishedPrecision = l.published, l.precision
		case l.kind == lineFooter:
		default:
			body = append(body, l.clean)
		}
	}
	a.Text = repairLines(body)
	if a.Title != "" {
		a.Title = cleanTitle(a.Title)
	} else if p.first == 0 {
		a.Title = cleanTitle(h.title)
	}
	if a.PublishedPrecision == model.PrecisionNone && p.first == 0 {
		a.Published, a.PublishedPrecision = h.published, h.precision
	}
	a.URL, a.Outlet = h.url, h.outlet
	a.Raw = s[lines[p.first].start:lines[p.last].end]
	a.Lang = h.lang
	if a.Lang == "" {
		a.Lang = text.DetectLanguage(a.Title + "\n" + a.Text)
	}
	return a
}
