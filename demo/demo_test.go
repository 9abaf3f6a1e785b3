package demo

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/text"
)

// report is one news item found in the corpus, read with the standard
// library only, so the corpus is checked independently of the ingest code.
type report struct {
	file      string
	format    string // "plain", "dump", "rss", "jsonl"
	outlet    string // known only for structured formats
	title     string
	text      string
	published time.Time // zero when the file gives no full date
}

var (
	dumpDateLine = regexp.MustCompile(`(?m)^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} at \d{2}:\d{2}$`)
	dumpFooter   = regexp.MustCompile(`(?m)^The post (.+) appeared first on (.+)\.\n\n❌$`)
	dateHeader   = regexp.MustCompile(`^ date (\d{4}-\d{2}-\d{2}) `)
	dateline     = regexp.MustCompile(`^[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ ]+, ([A-Z][a-z]+ \d{1,2}|\d{1,2} de [a-z]+( de \d{4})?) \([^)]+\) [-–] `)
)

func readCorpus(t testing.TB) []report {
	t.Helper()
	files, err := ReportFiles()
	if err != nil {
		t.Fatal(err)
	}
	var all []report
	for _, name := range files {
		data, err := fs.ReadFile(Corpus, name)
		if err != nil {
			t.Fatal(err)
		}
		var got []report
		switch {
		case strings.HasSuffix(name, ".jsonl"):
			got, err = parseJSONL(data)
		case strings.HasSuffix(name, ".xml"):
			got, err = parseRSS(data)
		case strings.HasSuffix(name, ".txt") && bytes.HasPrefix(data, []byte("Normal view\n")):
			got, err = parseDump(data)
		case strings.HasSuffix(name, ".txt"):
			got, err = parsePlain(data)
		default:
			err = fmt.Errorf("unexpected file kind")
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := range got {
			got[i].file = path.Base(name)
		}
		all = append(all, got...)
	}
	return all
}

func parseJSONL(data []byte) ([]report, error) {
	var out []report
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec struct {
			ID, URL, Title, Text, Published, Outlet, Lang string
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, err
		}
		if rec.ID == "" || rec.URL == "" || rec.Title == "" || rec.Text == "" || rec.Outlet == "" {
			return nil, fmt.Errorf("record %q lacks a field", rec.ID)
		}
		pub, err := time.Parse(time.RFC3339, rec.Published)
		if err != nil {
			return nil, err
		}
		if got := text.DetectLanguage(rec.Text); got != rec.Lang {
			return nil, fmt.Errorf("record %q says lang %q, text reads as %q", rec.ID, rec.Lang, got)
		}
		out = append(out, report{format: "jsonl", outlet: rec.Outlet, title: rec.Title, text: rec.Text, published: pub})
	}
	return out, sc.Err()
}

func parseRSS(data []byte) ([]report, error) {
	var feed struct {
		Version string `xml:"version,attr"`
		Channel struct {
			Title string `xml:"title"`
			Items []struct {
				Title       string `xml:"title"`
				PubDate     string `xml:"pubDate"`
				Description string `xml:"description"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	if err := xml.Unmarshal(data, &feed); err != nil {
		return nil, err
	}
	if feed.Version != "2.0" {
		return nil, fmt.Errorf("rss version %q", feed.Version)
	}
	var out []report
	for _, it := range feed.Channel.Items {
		pub, err := time.Parse(time.RFC1123Z, it.PubDate)
		if err != nil {
			return nil, err
		}
		out = append(out, report{format: "rss", outlet: feed.Channel.Title, title: it.Title, text: it.Description, published: pub})
	}
	return out, nil
}

// parseDump splits a feed-reader dump on its "4 March 2026 at 09:15" lines;
// the line two above each date line is the item's title.
func parseDump(data []byte) ([]report, error) {
	s := string(data)
	foot := dumpFooter.FindStringSubmatch(s)
	if foot == nil || !strings.HasSuffix(s, "❌") {
		return nil, fmt.Errorf("dump lacks the closing footer and ❌ line")
	}
	dates := dumpDateLine.FindAllStringIndex(s, -1)
	var out []report
	for i, d := range dates {
		head := strings.TrimSuffix(s[:d[0]], "\n\n")
		title := head[strings.LastIndexByte(head, '\n')+1:]
		end := len(s)
		if i+1 < len(dates) {
			next := strings.TrimSuffix(s[:dates[i+1][0]], "\n\n")
			end = strings.LastIndexByte(next, '\n')
		}
		pub, err := time.Parse("2 January 2006 at 15:04", s[d[0]:d[1]])
		if err != nil {
			return nil, err
		}
		out = append(out, report{format: "dump", outlet: foot[2], title: title, text: strings.TrimSpace(s[d[1]:end]), published: pub})
	}
	if len(out) == 0 || out[len(out)-1].title != foot[1] {
		return nil, fmt.Errorf("footer title %q does not name the last item", foot[1])
	}
	return out, nil
}

// parsePlain reads a plain-text report: either a " date YYYY-MM-DD" header
// opening the first line, or a title line followed by a dateline.
func parsePlain(data []byte) ([]report, error) {
	s := string(data)
	r := report{format: "plain", text: s}
	if m := dateHeader.FindStringSubmatch(s); m != nil {
		pub, err := time.Parse("2006-01-02", m[1])
		if err != nil {
			return nil, err
		}
		r.published = pub
		return []report{r}, nil
	}
	title, body, ok := strings.Cut(s, "\n")
	if !ok || !dateline.MatchString(body) {
		return nil, fmt.Errorf("plain text without a date header or a dateline")
	}
	r.title = title
	return []report{r}, nil
}

func TestCorpusSizeAndFormats(t *testing.T) {
	reports := readCorpus(t)
	if len(reports) < 12 {
		t.Errorf("corpus holds %d reports, want at least 12", len(reports))
	}
	perFormat := map[string]int{}
	langs := map[string]int{}
	outlets := map[string]bool{}
	var first, last time.Time
	for _, r := range reports {
		perFormat[r.format]++
		langs[text.DetectLanguage(r.text)]++
		if r.outlet != "" {
			outlets[r.outlet] = true
		}
		if r.published.IsZero() {
			continue
		}
		if first.IsZero() || r.published.Before(first) {
			first = r.published
		}
		if r.published.After(last) {
			last = r.published
		}
	}
	for format, want := range map[string]int{"plain": 5, "dump": 3, "rss": 3, "jsonl": 2} {
		if perFormat[format] < want {
			t.Errorf("%d %s reports, want at least %d", perFormat[format], format, want)
		}
	}
	if langs["es"] < 4 || langs["en"] < 4 || langs["es"]+langs["en"] != len(reports) {
		t.Errorf("languages %v, want at least 4 Spanish and 4 English and nothing else", langs)
	}
	if len(outlets) < 3 {
		t.Errorf("outlets %v, want at least 3", outlets)
	}
	if span := last.Sub(first); span < 5*24*time.Hour {
		t.Errorf("reports span %v (%s to %s), want about a week", span, first, last)
	}
}

func TestCorpusStaysSmall(t *testing.T) {
	total := 0
	err := fs.WalkDir(Corpus, "corpus", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		total += int(info.Size())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if total > 64<<10 {
		t.Errorf("corpus is %d bytes, keep it under 64 KiB", total)
	}
}

// TestPhenomena checks that the cases the README promises are still in the
// reports, in the number of reports they need to be meaningful.
func TestPhenomena(t *testing.T) {
	reports := readCorpus(t)
	cases := []struct {
		name     string
		needles  []string // a report counts when it holds any of them
		minFiles int
	}{
		{"wire reprint carries the Meridian Wire credit", []string{"(Meridian Wire) - An explosion tore through the spillway"}, 3},
		{"sabotage claim asserted or corroborated in English", []string{"had been sabotaged", "was sabotaged"}, 4},
		{"sabotage claim corroborated in Spanish", []string{"fue saboteada"}, 3},
		{"helicopter claim", []string{"helicopter had", "helicopter allegation", "helicóptero"}, 4},
		{"helicopter claim denied", []string{"denied that any of its aircraft", "negó que", "Montalba denied"}, 3},
		{"disagreeing death tolls", []string{"at least 14 people", "more than 20", "Al menos 12 personas"}, 4},
		{"phone call", []string{"by telephone", "por teléfono"}, 3},
		{"agreement", []string{"agreed on Saturday", "agreement"}, 2},
	}
	for _, c := range cases {
		files := map[string]bool{}
		for _, r := range reports {
			for _, n := range c.needles {
				if strings.Contains(r.text, n) {
					files[r.file+"#"+r.title] = true
					break
				}
			}
		}
		if len(files) < c.minFiles {
			t.Errorf("%s: found in %d reports, want at least %d", c.name, len(files), c.minFiles)
		}
	}
}

func TestReadmeDescribesEveryFile(t *testing.T) {
	readme, err := fs.ReadFile(Corpus, path.Join("corpus", ReadmeName))
	if err != nil {
		t.Fatal(err)
	}
	files, err := ReportFiles()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if path.Base(f) == ReadmeName {
			t.Errorf("ReportFiles lists the README")
		}
		if !bytes.Contains(readme, []byte(path.Base(f))) {
			t.Errorf("README does not describe %s", path.Base(f))
		}
	}
}

func BenchmarkReadCorpus(b *testing.B) {
	for b.Loop() {
		if n := len(readCorpus(b)); n == 0 {
			b.Fatal("no reports")
		}
	}
}

// TestArticlesDatedAsWritten: a report whose dateline gives no year is
// dated as of Written, whenever the test runs.
func TestArticlesDatedAsWritten(t *testing.T) {
	arts, err := Articles()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range arts {
		if a.Source == "corpus/la_voz_2026-03-03.txt" {
			found = true
			if got := a.Published.Format("2006-01-02"); got != "2026-03-03" {
				t.Errorf("%s published %s, want 2026-03-03 from its dateline \"3 de marzo\"", a.Source, got)
			}
		}
	}
	if !found {
		t.Fatal("corpus/la_voz_2026-03-03.txt not read")
	}
}
