package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/analyze"
	"github.com/storyline/storyline/internal/export"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
	"github.com/storyline/storyline/internal/timex"
)

func init() {
	register(&command{
		name:    "annotate",
		usage:   "[--published DATE] [--lang xx] [--format text|json] FILE|-   or   annotate --jsonl FILE|-",
		summary: "print one document's analysis: sentences, entities, dates, quotes, events, claims (nothing stored)",
		run:     runAnnotate,
	})
}

// annotation is one document's analysis as printed; offsets are UTF-8
// byte offsets into the text as given.
type annotation struct {
	ID                 string `json:"id,omitempty"`
	Published          string `json:"published,omitempty"`
	PublishedPrecision string `json:"published_precision,omitempty"`
	model.Analysis
}

// jsonlReport is one line of --jsonl input; only text is required.
type jsonlReport struct {
	ID        json.RawMessage `json:"id"`
	Text      *string         `json:"text"`
	Published string          `json:"published"`
	Lang      string          `json:"lang"`
}

func runAnnotate(ctx context.Context, e *env, args []string) error {
	fs, _ := newFlags(e, commands["annotate"])
	published := fs.String("published", "", "publication date the text's relative dates hang on (YYYY-MM-DD or RFC 3339; default: found in the text)")
	lang := fs.String("lang", "", "language code (default: detected)")
	jsonl := fs.Bool("jsonl", false, "input is JSON Lines (id, text, published, lang); print one JSON result per line")
	format := fs.String("format", "text", "output format: text or json (--jsonl always prints JSON)")
	if err := parseFormat(fs, args, format, "text", "json"); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("want exactly one FILE or -")
	}
	var pub time.Time
	prec := model.PrecisionNone
	if *published != "" {
		var ok bool
		if pub, prec, ok = parseDate(*published); !ok {
			return usagef("bad --published %q: want YYYY-MM-DD, YYYY-MM-DDTHH:MM or RFC 3339", *published)
		}
	}
	name := fs.Arg(0)
	r := e.stdin
	// A dateline without a year is read as of when the file was written.
	written := time.Now()
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
		if info, err := f.Stat(); err == nil {
			written = info.ModTime()
		}
	}
	if *jsonl {
		return annotateLines(e, name, r, *lang, pub, prec, written)
	}
	data, err := io.ReadAll(io.LimitReader(r, 20<<20+1))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > 20<<20 {
		return fmt.Errorf("%s: larger than 20 MB", name)
	}
	// Decoded as ingest decodes it: legacy encodings converted, binary and
	// empty input refused.
	s, err := ingest.Decode(data)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	a := annotateText(s, *lang, pub, prec, written)
	if *format == "json" {
		return export.WriteJSON(e.stdout, a)
	}
	writeAnnotation(e.stdout, s, a)
	return nil
}

// annotateText analyses s, detecting what the caller left unknown.
func annotateText(s, lang string, pub time.Time, prec model.Precision, written time.Time) annotation {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if lang == "" {
		lang = text.DetectLanguage(s)
	}
	if prec == model.PrecisionNone {
		if t, p, ok := timex.DocumentDate(s, lang, written); ok {
			pub, prec = t, p
		}
	}
	a := annotation{Analysis: analyze.Analyze(s, lang, pub, prec)}
	if prec != model.PrecisionNone {
		a.Published, a.PublishedPrecision = model.FormatDate(pub, prec), string(prec)
	}
	return a
}

func annotateLines(e *env, name string, r io.Reader, lang string, pub time.Time, prec model.Precision, written time.Time) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 20<<20)
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var in jsonlReport
		if err := json.Unmarshal([]byte(line), &in); err != nil || in.Text == nil {
			if err == nil {
				err = fmt.Errorf("no \"text\" field")
			}
			fmt.Fprintf(e.stderr, "storyline annotate: %s line %d: %v\n", name, n, err)
			failed++
			continue
		}
		l, p, pr := lang, pub, prec
		if in.Lang != "" {
			l = in.Lang
		}
		if in.Published != "" {
			if t, tp, ok := parseDate(in.Published); ok {
				p, pr = t, tp
			}
		}
		a := annotateText(*in.Text, l, p, pr, written)
		a.ID = idString(in.ID)
		if err := enc.Encode(a); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if failed > 0 {
		return errFailed
	}
	return nil
}

// idString keeps a JSON id as written, whether a string or a number.
func idString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return strings.TrimSpace(string(raw))
}

// parseDate reads the date forms users type and feeds carry.
func parseDate(s string) (time.Time, model.Precision, bool) {
	s = strings.TrimSpace(s)
	layouts := []struct {
		layout string
		prec   model.Precision
	}{
		{time.RFC3339, model.PrecisionMinute},
		{"2006-01-02T15:04:05", model.PrecisionMinute},
		{"2006-01-02T15:04", model.PrecisionMinute},
		{"2006-01-02 15:04:05", model.PrecisionMinute},
		{"2006-01-02 15:04", model.PrecisionMinute},
		{"2006-01-02", model.PrecisionDay},
		{"2006-01", model.PrecisionMonth},
		{"2006", model.PrecisionYear},
	}
	for _, l := range layouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			return t, l.prec, true
		}
	}
	return time.Time{}, model.PrecisionNone, false
}

func writeAnnotation(w io.Writer, s string, a annotation) {
	fmt.Fprintf(w, "language %s, published %s, %d sentences\n", a.Lang, dash(a.Published), len(a.Sentences))
	if len(a.Entities) > 0 {
		fmt.Fprintln(w, "\nentities:")
		for _, m := range a.Entities {
			fmt.Fprintf(w, "  %5d %-4s %s", m.Start, m.Type, m.Text)
			if m.Canonical != "" && m.Canonical != m.Text {
				fmt.Fprintf(w, " → %s", m.Canonical)
			}
			fmt.Fprintln(w)
		}
	}
	if len(a.Timexes) > 0 {
		fmt.Fprintln(w, "\ntimes:")
		for _, t := range a.Timexes {
			fmt.Fprintf(w, "  %5d %-8s %-12s %s\n", t.Start, t.Type, t.Value, t.Text)
		}
	}
	if len(a.Events) > 0 {
		fmt.Fprintln(w, "\nevents:")
		for _, ev := range a.Events {
			fmt.Fprintf(w, "  %-10s %-9s %s → %s", dash(ev.Date), ev.Type, strings.Join(ev.Actors, ", "), strings.Join(ev.Targets, ", "))
			if ev.Place != "" {
				fmt.Fprintf(w, " in %s", ev.Place)
			}
			fmt.Fprintf(w, "  (%s)\n", ev.Trigger)
			for _, f := range ev.Figures {
				fmt.Fprintf(w, "             %s: %s\n", f.Kind, f.Text)
			}
		}
	}
	if len(a.Quotes) > 0 {
		fmt.Fprintln(w, "\nquotes:")
		for _, q := range a.Quotes {
			fmt.Fprintf(w, "  %s: “%s”\n", dash(q.Speaker), oneLine(q.Text, 200))
		}
	}
	if len(a.Claims) > 0 {
		fmt.Fprintln(w, "\nclaims:")
		for _, c := range a.Claims {
			hedge := ""
			if c.Hedged {
				hedge = ", hedged"
			}
			fmt.Fprintf(w, "  [%s%s] %s: %s\n", c.Stance, hedge, dash(c.Claimant), oneLine(c.Text, 200))
		}
	}
}
