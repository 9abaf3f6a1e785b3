package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/sharedtest"

	"github.com/storyline/storyline/internal/model"
)

// sharedDir returns a path under /work/shared, skipping the test when the
// shared data is absent (and failing in CI, where it must be present).
func sharedDir(t testing.TB, parts ...string) string {
	t.Helper()
	return sharedtest.Path(t, parts...)
}

func readFixture(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func seedFile(t testing.TB, prefix string) string {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(sharedDir(t, "seeds"), prefix+"_*.txt"))
	if len(matches) != 1 {
		t.Fatalf("want one seed %s, found %v", prefix, matches)
	}
	return matches[0]
}

// monthDayYear stands in for the real document-date finder.
var monthDayYear = regexp.MustCompile(`(January|February|March) (\d{1,2}), (\d{4})`)

func stubInferDate(called *int) func(string, string, time.Time) (time.Time, model.Precision, bool) {
	return func(text, _ string, _ time.Time) (time.Time, model.Precision, bool) {
		*called++
		m := monthDayYear.FindString(text)
		if m == "" {
			return time.Time{}, model.PrecisionNone, false
		}
		t, err := time.Parse("January 2, 2006", m)
		return t, model.PrecisionDay, err == nil
	}
}

func TestSeedPlainTextWithInferredDate(t *testing.T) {
	path := seedFile(t, "000")
	calls := 0
	arts, err := Read(path, readFixture(t, path), Options{InferDate: stubInferDate(&calls)})
	if err != nil || len(arts) != 1 {
		t.Fatalf("got %d articles, err %v", len(arts), err)
	}
	a := arts[0]
	if want := "Petro Claims Caracas is Being Bombed with Missiles, Calls for OAS and UN Meeting"; a.Title != want {
		t.Errorf("title %q, want %q", a.Title, want)
	}
	if calls != 1 || model.FormatDate(a.Published, a.PublishedPrecision) != "2026-01-03" {
		t.Errorf("InferDate calls %d, published %v %q", calls, a.Published, a.PublishedPrecision)
	}
	if a.Lang != "en" || a.Source != path {
		t.Errorf("lang %q source %q", a.Lang, a.Source)
	}
	if strings.Contains(a.Text, `Petro"s`) || !strings.Contains(a.Text, "Petro’s social media") {
		t.Error("broken apostrophes not repaired")
	}
	if strings.HasPrefix(a.Text, "Petro Claims") {
		t.Error("title left in the body text")
	}
	if !strings.Contains(a.Raw, `Petro"s`) {
		t.Error("Raw lost the original text")
	}
}

func TestSeedDateHeaderSharingLine(t *testing.T) {
	path := seedFile(t, "001")
	calls := 0
	arts, err := Read(path, readFixture(t, path), Options{InferDate: stubInferDate(&calls)})
	if err != nil || len(arts) != 1 {
		t.Fatalf("got %d articles, err %v", len(arts), err)
	}
	a := arts[0]
	if got := model.FormatDate(a.Published, a.PublishedPrecision); got != "2026-01-03" || calls != 0 {
		t.Errorf("published %q (InferDate calls %d), want 2026-01-03 from the header", got, calls)
	}
	if a.Title != "" {
		t.Errorf("title %q, want none", a.Title)
	}
	if !strings.HasPrefix(a.Text, "On January 3, at least seven explosions") {
		t.Errorf("text starts %q", a.Text[:min(60, len(a.Text))])
	}
}

func TestSeedFeedReaderDump(t *testing.T) {
	path := seedFile(t, "002")
	arts, err := Read(path, readFixture(t, path), Options{})
	if err != nil {
		t.Fatal(err)
	}
	dated := []struct{ title, published string }{
		{"Petro–Trump Phone Call Defuses U.S.–Colombia Tensions", "2026-01-08T17:53"},
		{"Petro Calls Colombians to the Streets After Trump Raises Military Option", "2026-01-07T15:39"},
		{"Trump floats U.S. military action against Colombia after Maduro capture", "2026-01-05T17:52"},
		{"US strikes in Venezuela: what does it mean for Colombia and what happens next?", "2026-01-03T14:17"},
	}
	var gotDated []model.Article
	undated := 0
	for i, a := range arts {
		if a.Outlet != "The Bogotá Post" {
			t.Errorf("article %d outlet %q", i, a.Outlet)
		}
		if want := path + "#" + string(rune('1'+i)); a.Source != want {
			t.Errorf("article %d source %q, want %q", i, a.Source, want)
		}
		if strings.Contains(a.Text, "Normal view") || strings.Contains(a.Text, "❌") || strings.Contains(a.Text, "appeared first on") {
			t.Errorf("article %d keeps reader chrome", i)
		}
		if a.PublishedPrecision == model.PrecisionNone {
			undated++
			if strings.Contains(a.Text, "6,000 supporters") || strings.Contains(a.Text, "mobilise nationwide") {
				t.Errorf("teaser glued to a dated item: %q", a.Title)
			}
			continue
		}
		gotDated = append(gotDated, a)
	}
	if len(gotDated) != len(dated) || undated < 1 || undated > 2 {
		t.Fatalf("got %d dated and %d undated reports", len(gotDated), undated)
	}
	for i, want := range dated {
		a := gotDated[i]
		if a.Title != want.title || model.FormatDate(a.Published, a.PublishedPrecision) != want.published {
			t.Errorf("item %d: %q %s, want %q %s", i, a.Title, model.FormatDate(a.Published, a.PublishedPrecision), want.title, want.published)
		}
		if a.Lang != "en" {
			t.Errorf("item %d lang %q", i, a.Lang)
		}
	}
	last := gotDated[3]
	if !strings.Contains(last.Text, "— Gustavo Petro (@petrogustavo)") || !strings.HasPrefix(last.Text, "Arrested president") {
		t.Error("embedded post or photo caption lost from the last item's body")
	}
}

func TestReadTestdataFormats(t *testing.T) {
	tests := []struct {
		file      string
		titles    []string
		published []string
		outlet    string
		lang      string
		url       string
	}{
		{"feed.rss", []string{"Ferry service resumes after storm", "Council votes on new budget"}, []string{"2026-01-06T09:30", "2026-01-05T18:00"}, "Harbour Gazette", "en", "https://gazette.example/ferry-resumes"},
		{"feed.atom", []string{"El alcalde anuncia nuevas obras"}, []string{"2026-01-04T11:15"}, "Diario del Valle", "es", "https://diario.example/obras"},
		{"feed.json", []string{"Road closed by landslide"}, []string{"2026-01-02T07:45"}, "Mountain Wire", "en", "https://wire.example/5"},
		{"page.html", []string{"Bridge reopens to traffic"}, []string{"2026-01-06T10:00"}, "Valley Times", "en", "https://valley.example/bridge-reopens"},
		{"dump.txt", []string{"Ferry Service Resumes After Storm", "Council Votes on New Budget"}, []string{"2026-01-06T09:30", "2026-01-05T18:00"}, "Harbour Gazette", "en", ""},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", tc.file)
			arts, err := Read(path, readFixture(t, path), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) != len(tc.titles) {
				t.Fatalf("got %d articles, want %d", len(arts), len(tc.titles))
			}
			for i, a := range arts {
				if a.Title != tc.titles[i] || model.FormatDate(a.Published, a.PublishedPrecision) != tc.published[i] {
					t.Errorf("article %d: %q %q", i, a.Title, model.FormatDate(a.Published, a.PublishedPrecision))
				}
				if a.Outlet != tc.outlet || a.Lang != tc.lang || a.Text == "" || a.Raw == "" {
					t.Errorf("article %d: outlet %q lang %q text %d raw %d bytes", i, a.Outlet, a.Lang, len(a.Text), len(a.Raw))
				}
			}
			if arts[0].URL != tc.url {
				t.Errorf("url %q, want %q", arts[0].URL, tc.url)
			}
		})
	}
}

func TestFeedContentFlattened(t *testing.T) {
	path := filepath.Join("testdata", "feed.rss")
	arts, err := Read(path, readFixture(t, path), Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := arts[0]
	if strings.Contains(a.Text, "<p>") || strings.Contains(a.Text, "track()") || !strings.Contains(a.Text, "pier’s debris") {
		t.Errorf("feed HTML not flattened: %q", a.Text)
	}
	if a.ExternalID != "gazette-1001" || a.Source != path+"#1" {
		t.Errorf("id %q source %q", a.ExternalID, a.Source)
	}
}

func TestHTMLRepairsText(t *testing.T) {
	path := filepath.Join("testdata", "page.html")
	arts, err := Read(path, readFixture(t, path), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a := arts[0]; !strings.Contains(a.Text, "mayor’s office") || strings.Contains(a.Text, "Home") {
		t.Errorf("main text %q", a.Text)
	}
}

func TestDumpDropsChromeAndKeepsSubheads(t *testing.T) {
	path := filepath.Join("testdata", "dump.txt")
	arts, err := Read(path, readFixture(t, path), Options{})
	if err != nil {
		t.Fatal(err)
	}
	first, second := arts[0], arts[1]
	if !strings.Contains(first.Text, "Storm aftermath\n\nDamage") || strings.Contains(first.Text, "Reader view") {
		t.Errorf("first item text %q", first.Text)
	}
	if !strings.HasPrefix(second.Text, "By Ana Ruiz") || strings.Contains(second.Text, "⭐") || strings.Contains(second.Text, "appeared first") {
		t.Errorf("second item text %q", second.Text)
	}
}

func TestJSONLines(t *testing.T) {
	path := filepath.Join("testdata", "reports.jsonl")
	calls := 0
	arts, err := Read(path, readFixture(t, path), Options{InferDate: stubInferDate(&calls)})
	if err == nil {
		t.Fatal("bad lines gave no error")
	}
	var ie *InputError
	if !errors.As(err, &ie) || ie.Input != path || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), "line 4") || strings.Contains(err.Error(), "\n") {
		t.Errorf("error %q does not name the input and bad lines", err)
	}
	if len(arts) != 3 {
		t.Fatalf("got %d articles, want 3", len(arts))
	}
	a, b, c := arts[0], arts[1], arts[2]
	if a.ExternalID != "a1" || a.URL != "https://news.example/a1" || a.Outlet != "News Example" || a.Title != "Strike ends" || a.Lang != "en" ||
		model.FormatDate(a.Published, a.PublishedPrecision) != "2026-01-04" {
		t.Errorf("first record %+v", a)
	}
	if b.ExternalID != "2" || b.Lang != "es" || model.FormatDate(b.Published, b.PublishedPrecision) != "2026-01-04T10:20" {
		t.Errorf("second record %+v", b)
	}
	if c.PublishedPrecision != model.PrecisionNone || calls != 1 {
		t.Errorf("undated record: precision %q, InferDate calls %d", c.PublishedPrecision, calls)
	}
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name    string
		path    string
		opts    Options
		wantErr string
	}{
		{"empty", write("empty.txt", nil), Options{}, "empty"},
		{"blank", write("blank.txt", []byte("\n \n\t\n")), Options{}, "empty"},
		{"binary", write("image.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")), Options{}, "binary"},
		{"too large", write("big.txt", bytes.Repeat([]byte("word "), 100)), Options{MaxBytes: 64}, "over the 64 bytes limit"},
		{"missing", filepath.Join(dir, "nope.txt"), Options{}, "no such file"},
		{"bad feed", write("bad.rss", []byte(`<?xml version="1.0"?><rss><channel><item><title>x`)), Options{}, "feed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var results []Result
			Walk([]string{tc.path}, nil, tc.opts, func(r Result) { results = append(results, r) })
			if len(results) != 1 {
				t.Fatalf("got %d results", len(results))
			}
			err := results[0].Err
			var ie *InputError
			if !errors.As(err, &ie) || ie.Input != tc.path {
				t.Fatalf("error %v does not name input %s", err, tc.path)
			}
			if !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q, want one line mentioning %q", err, tc.wantErr)
			}
		})
	}
}

func TestDecodesLegacyEncodings(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"windows-1252", []byte("Canci\xf3n del a\xf1o\n\nEl presidente dijo que \x93no habr\xe1 m\xe1s\x94 ataques en la regi\xf3n."), "“no habrá más”"},
		{"mixed utf-8", []byte("Bogotá Report\n\nThe mayor\x92s office said the caf\xe9 reopened on Monday in Bogotá."), "mayor’s office said the café"},
		{"utf-16", append([]byte{0xFF, 0xFE}, []byte("H\x00i\x00 \x00t\x00h\x00e\x00r\x00e\x00")...), "Hi there"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			arts, err := Read(tc.name+".txt", tc.data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := arts[0].Title + " " + arts[0].Text; !strings.Contains(got, tc.want) {
				t.Errorf("decoded %q, want it to contain %q", got, tc.want)
			}
		})
	}
}

// TestWalkDirectoryAndStdin: a folder's reports are read in order, its
// hidden entries and the files it keeps about itself (README, LICENSE)
// skipped.
func TestWalkDirectoryAndStdin(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"b.txt":          "Second report\n\nThe second report has a body of its own.",
		"a/c.txt":        "Nested report\n\nA nested report in a subdirectory.",
		".hidden/d.txt":  "Hidden\n\nNever read.",
		"a.jsonl":        `{"text": "First report from JSON Lines."}`,
		"a/.swap.txt":    "Hidden file",
		"z/unreadable/x": "",
		"README.md":      "# About these reports\n\nNot a report.",
		"a/LICENSE":      "Not a report either.",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var inputs []string
	Walk([]string{dir, "-"}, strings.NewReader("Piped report\n\nText that came through standard input."), Options{}, func(r Result) {
		inputs = append(inputs, strings.TrimPrefix(r.Input, dir+string(filepath.Separator)))
	})
	want := []string{"a/c.txt", "a.jsonl", "b.txt", "z/unreadable/x", "-"}
	if strings.Join(inputs, ",") != strings.Join(want, ",") {
		t.Errorf("walk order %v, want %v", inputs, want)
	}
}

func TestRepairText(t *testing.T) {
	tests := []struct{ in, want string }{
		{`President Petro"s message and the FAA"s ban`, "President Petro’s message and the FAA’s ban"},
		{`He said "stop" and left`, `He said "stop" and left`},
		{"What\"s Next\r\n\r\n\r\nShare this\r\nBody\u200b text", "What’s Next\n\nBody text"},
		{"Cafe\u0301 con leche\n❌", "Café con leche"},
		{"Protest in BogotÃ¡, Petroâ€™s call", "Protest in Bogotá, Petro’s call"},
		{"SÃO PAULO and the château stay", "SÃO PAULO and the château stay"},
		{"Vista normal\nEl presidente habló.\nCompartir", "El presidente habló."},
	}
	for _, tc := range tests {
		if got := repairText(tc.in); got != tc.want {
			t.Errorf("repairText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestHashes(t *testing.T) {
	base := "Colombian President Gustavo Petro said on Saturday that the Venezuelan capital was under attack, and called for an urgent meeting of the OAS and the UN. Witnesses heard at least seven explosions in the city before dawn."
	edited := strings.Replace(base, "seven", "eight", 1)
	other := "The city council approved the budget by seven votes to two on Monday, with the opposition calling the spending plan unrealistic and promising a legal challenge."
	if ContentHash(model.Article{Text: base}) != ContentHash(model.Article{Text: "  " + strings.ToUpper(base) + "\n"}) {
		t.Error("content hash depends on case or spacing")
	}
	if ContentHash(model.Article{Text: base}) == ContentHash(model.Article{Text: edited}) {
		t.Error("content hash ignores a changed word")
	}
	near, far := HammingDistance(SimHash(base), SimHash(edited)), HammingDistance(SimHash(base), SimHash(other))
	if near > 12 || far < 20 {
		t.Errorf("simhash distance near %d, far %d", near, far)
	}
}

func BenchmarkRead(b *testing.B) {
	path := filepath.Join("testdata", "dump.txt")
	if p, err := filepath.Glob(filepath.Join("..", "..", "..", "shared", "seeds", "002_*.txt")); err == nil && len(p) == 1 {
		path = p[0]
	}
	data := readFixture(b, path)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Read(path, data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadJSONLines reads Timeline17 articles as the bench command
// feeds them: one JSON Lines input.
func BenchmarkReadJSONLines(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(sharedDir(b, "data", "timelines", "t17"), "*", "articles.json"))
	var buf bytes.Buffer
	for _, f := range files {
		var arts []struct {
			UID, DCT, Text string
		}
		if err := json.Unmarshal(readFixture(b, f), &arts); err != nil {
			b.Fatal(err)
		}
		for _, a := range arts[:min(len(arts), 50)] {
			if strings.TrimSpace(a.Text) == "" {
				continue
			}
			line, _ := json.Marshal(map[string]string{"id": a.UID, "text": a.Text, "published": a.DCT})
			buf.Write(line)
			buf.WriteByte('\n')
		}
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Read("t17.jsonl", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDeclaredEncodingsAndHeaders(t *testing.T) {
	tests := []struct {
		name, file string
		data       []byte
		title      string
		published  string
		lang       string
		textHas    string
	}{
		{"latin-1 feed", "f.rss", []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Eco</title><item><title>Acuerdo en la regi\xf3n</title><pubDate>Sat, 03 Jan 2026 14:17:00 -0500</pubDate><description>El gobierno firm\xf3 el acuerdo con los sindicatos de la regi\xf3n el s\xe1bado.</description></item></channel></rss>"),
			"Acuerdo en la región", "2026-01-03T14:17", "es", "firmó el acuerdo"},
		{"feed with control characters", "c.rss", []byte("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title><item><title>Talks resume\x0b</title><pubDate>Sun, 04 Jan 2026 08:00:00 +0000</pubDate><description>Negotiators met again on Sunday\x01 in the capital to discuss the ceasefire terms.</description></item></channel></rss>"),
			"Talks resume", "2026-01-04T08:00", "en", "Sunday in the capital"},
		{"text headers", "h.txt", []byte("Title: Port strike ends\nDate: 2026-01-04\nSource: Coast Wire\n\nThe dock workers ended their strike on Sunday after talks with the port authority."),
			"Port strike ends", "2026-01-04", "en", "dock workers ended"},
		{"headline and date line", "d.txt", []byte("Le port rouvre après la grève\n4 janvier 2026\n\nLes dockers ont repris le travail dimanche après un accord avec la direction du port."),
			"Le port rouvre après la grève", "", "fr", "Les dockers"},
		{"spanish date line", "e.txt", []byte("Termina la huelga portuaria\n\ndomingo, 4 de enero de 2026 a las 10:20\n\nLos trabajadores del puerto terminaron la huelga el domingo tras un acuerdo."),
			"Termina la huelga portuaria", "2026-01-04T10:20", "es", "Los trabajadores"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			arts, err := Read(tc.file, tc.data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) != 1 {
				t.Fatalf("got %d articles", len(arts))
			}
			a := arts[0]
			if a.Title != tc.title || model.FormatDate(a.Published, a.PublishedPrecision) != tc.published || a.Lang != tc.lang || !strings.Contains(a.Text, tc.textHas) {
				t.Errorf("got title %q published %q lang %q text %q", a.Title, model.FormatDate(a.Published, a.PublishedPrecision), a.Lang, a.Text)
			}
		})
	}
}

// TestDatelineCredit: a report's outlet is the one its opening dateline
// credits, unless the input names one.
func TestDatelineCredit(t *testing.T) {
	arts, err := Read("voz.txt", []byte("Montalba niega la acusación\nSAN LUCIÁN, 3 de marzo (La Voz) – El Gobierno de Montalba negó este martes la acusación.\n"), Options{})
	if err != nil || len(arts) != 1 || arts[0].Outlet != "La Voz" {
		t.Fatalf("plain text with a dateline credit: %+v, %v", arts, err)
	}
	arts, err = Read("x.jsonl", []byte(`{"outlet":"Daily Planet","text":"WASHINGTON (Reuters) - The Senate voted."}`+"\n"), Options{})
	if err != nil || len(arts) != 1 || arts[0].Outlet != "Daily Planet" {
		t.Errorf("a declared outlet stays: %+v, %v", arts, err)
	}
}

// TestWrittenIsModificationTime: a file's date finder hears when the file
// was written, so that a dateline without a year ("5 mar (EFE)") is read
// as of then; a stream is read as of now.
func TestWrittenIsModificationTime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "efe.txt")
	if err := os.WriteFile(path, []byte("Lodravo, 5 mar (EFE).- La cifra de fallecidos ascendió a 95.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mtime := time.Date(2026, 3, 6, 8, 0, 0, 0, time.UTC)
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	var heard []time.Time
	opts := Options{InferDate: func(_, _ string, written time.Time) (time.Time, model.Precision, bool) {
		heard = append(heard, written)
		return time.Time{}, model.PrecisionNone, false
	}}
	Walk([]string{path, "-"}, strings.NewReader("Lodravo, 5 mar (EFE).- Llegaron los barcos.\n"), opts, func(Result) {})
	if len(heard) != 2 || !heard[0].Equal(mtime) || time.Since(heard[1]) > time.Minute {
		t.Errorf("written times heard %v, want the file's %v, then now", heard, mtime)
	}
}
