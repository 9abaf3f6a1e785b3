package entity

import (
	"bytes"
	"strings"
	"testing"
)

// taggedSentence builds a sentence from "word/TAG" tokens (O when untagged).
func taggedSentence(s string) TaggedSentence {
	var out TaggedSentence
	for _, tok := range strings.Fields(s) {
		w, tag, ok := strings.Cut(tok, "/")
		if !ok {
			tag = "O"
		}
		out.Tokens = append(out.Tokens, w)
		out.Tags = append(out.Tags, tag)
	}
	return out
}

func TestLabelLexicon(t *testing.T) {
	docs := []TaggedDoc{
		{taggedSentence("El Banco/B-ORG Central/I-ORG subió los tipos ."), taggedSentence("Madrid/B-LOC , 23 may")},
		{taggedSentence("Lo dijo el Banco Central ayer ."), taggedSentence("Madrid/B-ORG ganó a Betis/B-ORG")},
		{taggedSentence("la liga/B-MISC")}, // a name starting in lower case is not kept
	}
	l := buildLabelLexicon(docs)
	tests := []struct {
		phrase string
		want   [numClasses]uint32 // O PER ORG LOC MISC
	}{
		{"Banco Central", [numClasses]uint32{1, 0, 1, 0, 0}},
		{"Madrid", [numClasses]uint32{0, 0, 1, 1, 0}},
		{"Betis", [numClasses]uint32{0, 0, 1, 0, 0}},
	}
	for _, tt := range tests {
		if got := l.phrases[tt.phrase]; got == nil || *got != tt.want {
			t.Errorf("%q: counts %v, want %v", tt.phrase, got, tt.want)
		}
	}
	if l.phrases["liga"] != nil || !l.prefixes["Banco"] || len(l.phrases) != 3 {
		t.Errorf("phrases %v prefixes %v", l.phrases, l.prefixes)
	}

	words := strings.Fields("Según el Banco Central de Madrid , Madrid Banco")
	views := make([]tokenView, len(words))
	for i, w := range words {
		views[i] = viewOf(w, nil)
	}
	var places []string
	for _, m := range l.phraseMatches(views, nil) {
		if m.counts == nil {
			places = append(places, "-")
			continue
		}
		places = append(places, m.place)
	}
	if got, want := strings.Join(places, " "), "- - B I - S - S -"; got != want {
		t.Errorf("phrase places %q, want %q", got, want)
	}
}

// TestTrainDeterministic checks that bagged, jackknifed training gives the
// same model file twice.
func TestTrainDeterministic(t *testing.T) {
	train := readCoNLLShared(t, "conll2002", "esp.train")[:40]
	opt := TrainOptions{Lang: "es", Epochs: 1, Seed: 7, Runs: 2, Bag: true, LabelFolds: 4}
	var files [2]bytes.Buffer
	for i := range files {
		if err := Train(train, opt).WriteModel(&files[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(files[0].Bytes(), files[1].Bytes()) {
		t.Error("two trainings with the same options differ")
	}
	back, err := ReadModel(&files[0])
	if err != nil || back.labels == nil || len(back.labels.phrases) == 0 {
		t.Errorf("label lexicon lost in the model file: %v", err)
	}
}

func TestDocTopic(t *testing.T) {
	tests := []struct {
		lang, doc, want string
	}{
		{"es", "El Badajoz ganó el partido con dos goles en el último minuto .", "sports"},
		{"es", "El Gobierno aprobó hoy el presupuesto del año próximo .", ""},
		{"es", "Un gol . Otro partido .", ""}, // two words are not enough
		{"en", "The match ended with a late goal and the club stays top of the league .", "sports"},
		{"en", "SOCCER - VARNHOLT BEAT OSTRANDER IN CUP QUALIFIER . Tarquela 2 Varnholt 1", "sports"},
		{"en", "Shares of the firm fell as investors weighed quarterly earnings .", "economy"},
		{"en", "Rebel troops shelled the town and killed three soldiers .", "conflict"},
		{"en", "The minister called a referendum as the opposition quit the coalition .", "politics"},
		{"en", "The match ended in the last minute .", ""},
	}
	for _, tt := range tests {
		if got := newDocContext([][]string{strings.Fields(tt.doc)}, tt.lang).topic; got != tt.want {
			t.Errorf("%s %q: topic %q, want %q", tt.lang, tt.doc, got, tt.want)
		}
	}
}
