package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/store"
)

const goodReport = `Floods close the coastal road

Heavy rain flooded the coastal road on Tuesday, the regional transport office said.
"We expect to reopen it by Friday," said Ana Ruiz, the office's director.
`

func countArticles(t *testing.T, db string) int {
	t.Helper()
	out, errOut, code := runCLI(t, "export", "--db", db)
	if code != 0 {
		t.Fatalf("export exited %d: %s", code, errOut)
	}
	var doc struct {
		Articles []json.RawMessage `json:"articles"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	return len(doc.Articles)
}

func TestIngestBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte(goodReport))
	bad := map[string]string{
		write("empty.txt", nil): "empty",
		write("binary.bin", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00")): "binary",
		write("big.txt", []byte(strings.Repeat("All quiet on the coast today. ", 400))):                     "large",
		filepath.Join(dir, "missing.txt"): "missing.txt",
	}
	db := filepath.Join(dir, "test.db")
	args := []string{"ingest", "--db", db, "--max-bytes", "4000", good}
	for p := range bad {
		args = append(args, p)
	}
	_, errOut, code := runCLI(t, args...)
	if code != 1 {
		t.Errorf("exit status %d, want 1 when some inputs fail; stderr:\n%s", code, errOut)
	}
	for p, what := range bad {
		line := ""
		for _, l := range strings.Split(errOut, "\n") {
			if strings.Contains(l, filepath.Base(p)) {
				line = l
			}
		}
		if line == "" {
			t.Errorf("no error line names %s; stderr:\n%s", p, errOut)
		} else if !strings.Contains(strings.ToLower(line), what) && what != filepath.Base(p) {
			t.Errorf("error for %s does not say %q: %s", p, what, line)
		}
	}
	if n := countArticles(t, db); n != 1 {
		t.Fatalf("stored %d articles, want the one good report", n)
	}

	// Re-ingesting, from a second path too, stores nothing new.
	copyPath := filepath.Join(dir, "copy-of-good.txt")
	if err := os.WriteFile(copyPath, []byte(goodReport), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runCLI(t, "ingest", "--db", db, good, copyPath); code != 0 {
		t.Fatalf("re-ingest exited %d: %s", code, errOut)
	}
	if n := countArticles(t, db); n != 1 {
		t.Errorf("after re-ingest %d articles, want 1", n)
	}
}

func TestIngestLegacyEncodings(t *testing.T) {
	dir := t.TempDir()
	// "Bogotá" and curly quotes in Windows-1252, and a stray invalid byte.
	cp1252 := filepath.Join(dir, "cp1252.txt")
	if err := os.WriteFile(cp1252, []byte("Protest in Bogot\xe1\n\nThousands marched in Bogot\xe1 on Monday, \x93peacefully\x94, police said.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "test.db")
	if _, errOut, code := runCLI(t, "ingest", "--db", db, cp1252); code != 0 {
		t.Fatalf("ingest exited %d: %s", code, errOut)
	}
	out, _, _ := runCLI(t, "export", "--db", db)
	if !strings.Contains(out, "Bogotá") {
		t.Errorf("Windows-1252 text not decoded: %s", out)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"nonsense"},
		{"ingest"},
		{"timeline", "--format", "pdf"},
		{"timeline", "--since", "January"},
		{"help", "nosuch"},
		{"entities", "--limit", "-1"},
		{"ingest", "--max-bytes", "-5", "report.txt"},
		{"timeline", "--max-dates", "abc"},
	} {
		_, errOut, code := runCLI(t, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if n := strings.Count(errOut, "usage:"); n > 1 {
			t.Errorf("%v: usage printed %d times:\n%s", args, n, errOut)
		}
	}
	if _, errOut, code := runCLI(t, "timeline", "--db", filepath.Join(t.TempDir(), "none.db")); code != 1 || !strings.Contains(errOut, "none.db") {
		t.Errorf("timeline on a missing database: exit %d, stderr %q", code, errOut)
	}
}

// What does not exist is named, and nothing is created in its place.
func TestMissingThingsAreNamed(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "report.txt")
	if err := os.WriteFile(report, []byte(goodReport), 0o644); err != nil {
		t.Fatal(err)
	}
	binary := filepath.Join(dir, "blob.bin")
	if err := os.WriteFile(binary, []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "test.db")
	if _, errOut, code := runCLI(t, "ingest", "--db", db, report); code != 0 {
		t.Fatalf("ingest exited %d: %s", code, errOut)
	}
	missing := filepath.Join(dir, "typo.db")
	for _, tc := range []struct {
		args []string
		says string
	}{
		{[]string{"serve", "--db", missing, "--addr", "127.0.0.1:0"}, "typo.db"},
		{[]string{"ingest", "--db", filepath.Join(dir, "nofolder", "x.db"), report}, "no folder"},
		{[]string{"export", "--db", db, "--story", "99"}, "no story 99"},
		{[]string{"timeline", "--db", db, "--story", "99"}, "no story 99"},
		{[]string{"annotate", binary}, "binary"},
	} {
		_, errOut, code := runCLI(t, tc.args...)
		if code != 1 || !strings.Contains(errOut, tc.says) {
			t.Errorf("%v: exit %d, stderr %q; want 1 and %q", tc.args, code, errOut, tc.says)
		}
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("serve created %s: %v", missing, err)
	}
}

func TestDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	out, errOut, code := runCLI(t, "demo", "--no-serve", "--db", db)
	if code != 0 {
		t.Fatalf("demo exited %d: %s", code, errOut)
	}
	// Five outlets: two Spanish papers name theirs only in a dateline.
	for _, want := range []string{"(16 reports, 5 outlets)", "Timeline", "Claims", "corroborated", "denied"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	if n := countArticles(t, db); n < 12 {
		t.Errorf("demo stored %d articles, want at least 12", n)
	}
	checkReferences(t, db)
	// The timeline says what it leaves out.
	out, errOut, code = runCLI(t, "timeline", "--db", db)
	if code != 0 || !regexp.MustCompile(`\n\d+ events? without a date (is|are) not shown`).MatchString(out) {
		t.Errorf("timeline exited %d (%s) without counting its undated events:\n%s", code, errOut, out)
	}
}

// TestIngestDemoFilesOneStory ingests the demo corpus's files in the
// order a shell lists them, the Spanish papers' first: the corpus is one
// story in two languages, and the Spanish reports still meet the English
// ones through shared concepts (internal/claim/data/bilingual.txt).
func TestIngestDemoFilesOneStory(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	var files []string
	for _, glob := range []string{"*.txt", "*.jsonl", "*.xml"} {
		m, err := filepath.Glob(filepath.Join("..", "..", "demo", "corpus", glob))
		if err != nil || len(m) == 0 {
			t.Fatalf("demo corpus %s: %v", glob, err)
		}
		files = append(files, m...)
	}
	if _, errOut, code := runCLI(t, append([]string{"ingest", "--db", db}, files...)...); code != 0 {
		t.Fatalf("ingest exited %d: %s", code, errOut)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stories, err := st.Stories(context.Background())
	if err != nil || len(stories) != 1 {
		t.Errorf("%d stories (%v), want 1: %+v", len(stories), err, stories)
	}
}

// checkReferences fails the test if any stored row refers to nothing.
func checkReferences(t *testing.T, db string) {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CheckReferences(context.Background()); err != nil {
		t.Errorf("%s: %v", db, err)
	}
}
