package ingest

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/model"
)

// TestDatelineUnderTitle reads reports whose first lines are a title and
// a date line (or a sentence that merely opens with a date) through Read,
// the ingest command's entry point.
func TestDatelineUnderTitle(t *testing.T) {
	tests := []struct {
		file      string
		title     string
		published string
		// text is the whole stored body: nothing but the dateline may go.
		text string
	}{
		{"published_en.txt", "Harbour Crane Collapses During Night Shift", "2026-01-03T10:41",
			"A container crane collapsed at the eastern harbour late on Friday, the port authority said, and two workers were taken to hospital.\n\nOperations at the terminal were suspended until inspectors finish their survey."},
		{"byline_es.txt", "Se derrumba una grúa en el puerto", "2026-01-03T14:05",
			"Una grúa de contenedores se derrumbó el viernes por la noche en el puerto oriental, según informó la autoridad portuaria.\n\nDos trabajadores fueron trasladados al hospital con heridas leves."},
		{"untitled_es.txt", "", "2026-01-03T14:05",
			"La autoridad portuaria suspendió las operaciones en la terminal oriental tras el derrumbe de una grúa el viernes por la noche.\n\nLos inspectores revisarán el resto de las grúas durante la semana."},
		{"sentence_en.txt", "A Quiet Anniversary at the Harbour", "",
			"January 3, 2026 was the day the old crane fell, and dock workers still mark it with a short silence.\n\nThe port authority has since replaced every crane on the eastern terminal."},
		{"sentence_es.txt", "Un aniversario silencioso en el puerto", "",
			"3 de enero de 2026 fue el día en que cayó la vieja grúa, y los estibadores todavía lo recuerdan con un minuto de silencio.\n\nLa autoridad portuaria ha sustituido desde entonces todas las grúas de la terminal oriental."},
		{"byline_only.txt", "Harbour Crane Collapses During Night Shift", "",
			"By Ana Ruiz\n\nA container crane collapsed at the eastern harbour late on Friday, the port authority said.\n\nOperations at the terminal were suspended."},
		{"byline_date.html", "Harbour crane collapses during night shift", "2026-01-03",
			"A container crane collapsed at the eastern harbour late on Friday, the port authority said, and two workers were taken to hospital with minor injuries.\n\nOperations at the terminal were suspended until inspectors finish a survey of the remaining cranes, which could take most of next week.\n\nDock workers said the crane had been scheduled for maintenance in the spring, and their union asked for an independent inquiry."},
		// The page's metadata dates it; the line only leaves the text.
		{"publicado.html", "Se derrumba una grúa en el puerto", "2026-01-03T13:05",
			"Una grúa de contenedores se derrumbó el viernes por la noche en el puerto oriental, según informó la autoridad portuaria, y dos trabajadores fueron trasladados al hospital.\n\nLas operaciones en la terminal quedaron suspendidas hasta que los inspectores terminen de revisar el resto de las grúas, algo que podría llevar toda la semana.\n\nLos estibadores dijeron que la grúa tenía prevista una revisión en primavera, y su sindicato pidió una investigación independiente."},
		// A relative time leaves the text but dates nothing.
		{"updated_ago.html", "Ferry timetable changes after crane collapse", "",
			"Ferries to the islands will leave from the western pier until the eastern terminal reopens, the operator said in a statement on its website.\n\nPassengers were told to allow an extra twenty minutes for the walk from the bus station to the new departure point."},
		// Only the line under the title goes; a relative time under a
		// subheading neither leaves nor opens a report of its own.
		{"subhead_today.txt", "Harbour Crane Collapses During Night Shift", "",
			"A container crane collapsed at the eastern harbour late on Friday, the port authority said.\n\nWhat Happens Next\nToday\n\nInspectors will survey the remaining cranes before the terminal reopens."},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "dateline", tc.file)
			arts, err := Read(path, readFixture(t, path), Options{})
			if err != nil || len(arts) != 1 {
				t.Fatalf("got %d articles, err %v", len(arts), err)
			}
			a := arts[0]
			if a.Title != tc.title {
				t.Errorf("title %q, want %q", a.Title, tc.title)
			}
			if got := model.FormatDate(a.Published, a.PublishedPrecision); got != tc.published {
				t.Errorf("published %q, want %q", got, tc.published)
			}
			if a.Text != tc.text {
				t.Errorf("text\n%q\nwant\n%q", a.Text, tc.text)
			}
		})
	}
}

// TestDatelineZone checks that a named zone with a fixed offset is kept.
func TestDatelineZone(t *testing.T) {
	path := filepath.Join("testdata", "dateline", "untitled_es.txt")
	arts, err := Read(path, readFixture(t, path), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := arts[0].Published.UTC().Format("2006-01-02T15:04"); got != "2026-01-03T13:05" {
		t.Errorf("14:05 CET is %s UTC, want 2026-01-03T13:05", got)
	}
}

func TestParsePublicationLine(t *testing.T) {
	tests := []struct {
		line string
		ok   bool
		want string // the date at its precision; "" when none is fixed
	}{
		{"January 3, 2026", true, "2026-01-03"},
		{"3 de enero de 2026", true, "2026-01-03"},
		{"Published: Jan. 3, 2026 10:41 a.m. ET", true, "2026-01-03T10:41"},
		{"Sábado, 3 de enero de 2026 - 14:05", true, "2026-01-03T14:05"},
		{"By Ana Ruiz | January 3, 2026", true, "2026-01-03"},
		{"By Ana Ruiz, January 3, 2026", true, "2026-01-03"},
		{"By Ana Ruiz and Tom Bell January 3, 2026 5:53 pm", true, "2026-01-03T17:53"},
		{"Por María de la Cruz - 3 de enero de 2026", true, "2026-01-03"},
		{"Updated 2 hours ago", true, ""},
		{"Actualizado hace 3 horas", true, ""},
		{"Publicado el 03/01/2026 a las 14:05", true, "2026-01-03T14:05"},
		{"Published 01/03/2026", true, "2026-01-03"},
		{"Updated: 25/01/2026", true, "2026-01-25"},
		{"03/01/2026", true, ""}, // day and month could be either
		{"Jan 3, 2026 | Updated Jan 4, 2026 9:00", true, "2026-01-03"},
		{"Posted on January 3, 2026 at 10:41", true, "2026-01-03T10:41"},
		{"2026-01-03T14:05:00+01:00", true, "2026-01-03T14:05"},
		{"Sat, 03 Jan 2026 14:05:00 GMT", true, "2026-01-03T14:05"},
		{"10:41 a.m. ET", true, ""},
		// Not datelines: sentences, bylines alone, headlines.
		{"January 3, 2026 was the day the old crane fell.", false, ""},
		{"3 de enero de 2026 fue el día en que cayó la grúa.", false, ""},
		{"By Ana Ruiz", false, ""},
		{"Updated: Crane Inquiry Opens", false, ""},
		{"Sábado", false, ""},
		{"Published", false, ""},
		{"Two workers were hurt on January 3, 2026", false, ""},
		{"Por la noche del 3 de enero de 2026", false, ""},
		{"Top 10 | 2026", false, ""},
		{"", false, ""},
		{strings.Repeat("January 3, 2026 | ", 10), false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			when, p, ok := parsePublicationLine(tc.line)
			if ok != tc.ok {
				t.Fatalf("ok %v, want %v", ok, tc.ok)
			}
			if got := model.FormatDate(when, p); got != tc.want {
				t.Errorf("date %q, want %q", got, tc.want)
			}
		})
	}
}

func TestIsBylineOnly(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"By Ana Ruiz", true},
		{"Por María de la Cruz", true},
		{"By Ana Ruiz | January 3, 2026", false},
		{"By the river the crane fell", false},
		{"Ana Ruiz", false},
	}
	for _, tc := range tests {
		if got := isBylineOnly(tc.line); got != tc.want {
			t.Errorf("isBylineOnly(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}

// TestDatelineInOtherFormats covers JSON Lines records, whose text may
// open with the same line.
func TestDatelineInOtherFormats(t *testing.T) {
	rec := `{"title":"Crane collapses","text":"Crane collapses\n\nBy Ana Ruiz\n\n3 de enero de 2026 14:05\n\nA crane collapsed at the harbour on Friday night."}`
	arts, err := Read("reports.jsonl", []byte(rec), Options{})
	if err != nil || len(arts) != 1 {
		t.Fatalf("got %d articles, err %v", len(arts), err)
	}
	a := arts[0]
	if want := "Crane collapses\n\nBy Ana Ruiz\n\nA crane collapsed at the harbour on Friday night."; a.Text != want {
		t.Errorf("text %q, want %q", a.Text, want)
	}
	if got := model.FormatDate(a.Published, a.PublishedPrecision); got != "2026-01-03T14:05" {
		t.Errorf("published %q", got)
	}
}

func BenchmarkParsePublicationLine(b *testing.B) {
	lines := []string{
		"Published: Jan. 3, 2026 10:41 a.m. ET",
		"Por Ana Ruiz | Sábado, 3 de enero de 2026 - 14:05",
		"Updated 2 hours ago",
		"Harbour Crane Collapses During Night Shift",
		"January 3, 2026 was the day the old crane fell.",
		"By Ana Ruiz",
	}
	size := 0
	for _, l := range lines {
		size += len(l)
	}
	b.SetBytes(int64(size))
	for i := 0; i < b.N; i++ {
		for _, l := range lines {
			parsePublicationLine(l)
		}
	}
}

// FuzzParsePublicationLine checks, from the fixtures' lines, that any line is
// read without panic and that an accepted one is short and validly dated.
func FuzzParsePublicationLine(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "dateline", "*.txt"))
	for _, p := range files {
		for _, line := range strings.Split(string(readFixture(f, p)), "\n") {
			f.Add(line)
		}
	}
	f.Add("By Ana Ruiz, 31/02/2026 25:61 p.m. GMT+14")
	f.Fuzz(func(t *testing.T, line string) {
		when, p, ok := parsePublicationLine(line)
		if !ok {
			if p != model.PrecisionNone {
				t.Fatalf("rejected line %q has precision %q", line, p)
			}
			return
		}
		if len(strings.TrimSpace(line)) > datelineMaxBytes {
			t.Fatalf("accepted a %d-byte line", len(line))
		}
		if p != model.PrecisionNone && (when.Year() < 1800 || when.Year() > 2200) {
			t.Fatalf("%q dated %v", line, when)
		}
	})
}
