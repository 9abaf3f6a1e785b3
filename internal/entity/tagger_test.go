package entity

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestReadCoNLL(t *testing.T) {
	in := "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nBRUSSELS NNP I-NP I-LOC\n"
	docs, err := ReadCoNLL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0]) != 2 || len(docs[1]) != 1 {
		t.Fatalf("got %d docs: %+v", len(docs), docs)
	}
	if got := docs[0][0].Tokens; !reflect.DeepEqual(got, []string{"EU", "rejects", "German"}) {
		t.Errorf("tokens %v", got)
	}
	// Without -DOCSTART- lines, a wire dateline opens a new document.
	in = "Lima NP B-LOC\n, Fc O\n23 Z O\nmay NC O\n( Fpa O\nEFE NC B-ORG\n) Fpt O\n. Fp O\n\nHola I O\n\n" +
		"Quito NP B-LOC\n, Fc O\n4 Z O\njun NC O\n( Fpa O\nAFP NC B-ORG\n) Fpt O\n\nAdiós I O\n"
	docs, err = ReadCoNLL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0]) != 2 || docs[1][0].Tokens[0] != "Quito" {
		t.Fatalf("got %d docs: %+v", len(docs), docs)
	}
	for _, bad := range []string{"word\n", "word NN X-PER\n"} {
		if _, err := ReadCoNLL(strings.NewReader(bad)); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

func TestChunks(t *testing.T) {
	tests := []struct {
		tags []string
		want []Chunk
	}{
		{[]string{"I-PER", "I-PER", "O", "I-LOC"}, []Chunk{{0, 2, "PER"}, {3, 4, "LOC"}}},
		{[]string{"I-PER", "B-PER", "I-ORG"}, []Chunk{{0, 1, "PER"}, {1, 2, "PER"}, {2, 3, "ORG"}}},
		{[]string{"B-MISC", "I-MISC", "I-MISC"}, []Chunk{{0, 3, "MISC"}}},
		{[]string{"O", "O"}, nil},
	}
	for _, tt := range tests {
		if got := Chunks(tt.tags); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Chunks(%v) = %v, want %v", tt.tags, got, tt.want)
		}
	}
}

func TestTagDocExamples(t *testing.T) {
	tests := []struct {
		lang, in string
		want     []Chunk
	}{
		{"en", "Prime Minister John Howard met officials of the European Union in Brussels .", []Chunk{{2, 4, "PER"}, {8, 10, "ORG"}, {11, 12, "LOC"}}},
		{"es", "El presidente de Colombia , Álvaro Uribe , viajó a Madrid .", []Chunk{{3, 4, "LOC"}, {5, 7, "PER"}, {10, 11, "LOC"}}},
		// A name alone in quotation marks takes them in, as CoNLL-2002 does.
		{"es", `El diario " Clarín " publicó la entrevista con Carlos Menem .`, []Chunk{{2, 5, "ORG"}, {9, 11, "PER"}}},
	}
	for _, tt := range tests {
		words := strings.Fields(tt.in)
		tags := TaggerFor(tt.lang).TagDoc([][]string{words}, tt.lang)[0]
		if got := Chunks(tags); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %v (%v), want %v", tt.in, got, tags, tt.want)
		}
	}
}

func TestModelRoundTrip(t *testing.T) {
	for _, lang := range []string{"en", "es"} {
		tg := TaggerFor(lang)
		var buf bytes.Buffer
		if err := tg.WriteModel(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := ReadModel(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back.weights, tg.weights) || !sameRows(back, tg) || !reflect.DeepEqual(back.clusters, tg.clusters) || len(tg.clusters) == 0 ||
			!reflect.DeepEqual(back.labels, tg.labels) || (lang == "es") != (tg.labels != nil) {
			t.Errorf("%s: model changed in a write and read", lang)
		}
		if back.nameRuns != tg.nameRuns || tg.nameRuns != (lang == "es") {
			t.Errorf("%s: name-run features %v, after a write and read %v", lang, tg.nameRuns, back.nameRuns)
		}
	}
	if _, err := ReadModel(strings.NewReader("not gzip")); err == nil {
		t.Error("want an error for a bad model")
	}
}

// sameRows reports whether two taggers map the same hashes to the same rows.
func sameRows(a, b *Tagger) bool {
	same := a.index.n == b.index.n
	a.index.each(func(h uint32, r int32) {
		if got, ok := b.index.get(h); !ok || got != r {
			same = false
		}
	})
	return same
}

// TestTrainLearnsDevSet trains briefly on a slice of the English training
// split and checks the tagger finds most names of the development split.
func TestTrainLearnsDevSet(t *testing.T) {
	train := readCoNLLShared(t, "conll2003", "eng.train")
	dev := readCoNLLShared(t, "conll2003", "eng.testa")
	tg := Train(train[:300], TrainOptions{Lang: "en", Epochs: 3, Seed: 1})
	if f := chunkF1(tg, dev[:60], "en"); f < 0.75 {
		t.Errorf("dev F1 after a short training %.3f, want ≥ 0.75", f)
	}
}

// TestEmbeddedModelsDevF1 guards the shipped models against regressions.
func TestEmbeddedModelsDevF1(t *testing.T) {
	tests := []struct {
		lang, dir, file string
		min             float64
	}{
		{"en", "conll2003", "eng.testa", 0.925},
		{"es", "conll2002", "esp.testa", 0.825},
	}
	for _, tt := range tests {
		dev := readCoNLLShared(t, tt.dir, tt.file)
		if f := chunkF1(TaggerFor(tt.lang), dev, tt.lang); f < tt.min {
			t.Errorf("%s dev F1 %.4f, want ≥ %.3f", tt.lang, f, tt.min)
		}
	}
}

// TestPrunedBeamTagsAsFullBeam checks that the English beam's margin
// drops no partial tagging that would have won: on the development split
// the pruned beam tags every token as the full beam does.
func TestPrunedBeamTagsAsFullBeam(t *testing.T) {
	dev := readCoNLLShared(t, "conll2003", "eng.testa")
	pruned := taggingBeams["en"]
	if pruned.margin <= 0 {
		t.Fatalf("English beam %+v has no margin", pruned)
	}
	tg := TaggerFor("en")
	tagAll := func() [][][]string {
		var out [][][]string
		for _, doc := range dev {
			words := make([][]string, len(doc))
			for i, s := range doc {
				words[i] = s.Tokens
			}
			out = append(out, tg.TagDoc(words, "en"))
		}
		return out
	}
	withMargin := tagAll()
	taggingBeams["en"] = beamSearch{width: pruned.width}
	defer func() { taggingBeams["en"] = pruned }()
	full := tagAll()
	differ := 0
	for d := range full {
		for s := range full[d] {
			for i := range full[d][s] {
				if full[d][s][i] != withMargin[d][s][i] {
					differ++
				}
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d tokens tagged otherwise than by the full beam of width %d", differ, pruned.width)
	}
}

func readCoNLLShared(t testing.TB, parts ...string) []TaggedDoc {
	t.Helper()
	f, err := os.Open(sharedPath(t, append([]string{"data", "ner"}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := ReadCoNLL(f)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// chunkF1 is conlleval's phrase F1 of tg on docs.
func chunkF1(tg *Tagger, docs []TaggedDoc, lang string) float64 {
	gold, pred, correct := 0, 0, 0
	for _, doc := range docs {
		words := make([][]string, len(doc))
		for i, s := range doc {
			words[i] = s.Tokens
		}
		for i, tags := range tg.TagDoc(words, lang) {
			want := map[Chunk]bool{}
			for _, c := range Chunks(doc[i].Tags) {
				want[c] = true
				gold++
			}
			for _, c := range Chunks(tags) {
				pred++
				if want[c] {
					correct++
				}
			}
		}
	}
	if correct == 0 {
		return 0
	}
	p, r := float64(correct)/float64(pred), float64(correct)/float64(gold)
	return 2 * p * r / (p + r)
}

func BenchmarkTagDoc(b *testing.B) {
	for _, tt := range []struct{ lang, dir, file string }{
		{"en", "conll2003", "eng.testa"},
		{"es", "conll2002", "esp.testa"},
	} {
		b.Run(tt.lang, func(b *testing.B) {
			dev := readCoNLLShared(b, tt.dir, tt.file)
			var words [][]string
			tokens := 0
			for _, s := range dev[0] {
				words = append(words, s.Tokens)
				tokens += len(s.Tokens)
			}
			tg := TaggerFor(tt.lang)
			b.ResetTimer()
			for b.Loop() {
				tg.TagDoc(words, tt.lang)
			}
			b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
}

func BenchmarkLoadModels(b *testing.B) {
	for _, lang := range []string{"en", "es"} {
		b.Run(lang, func(b *testing.B) {
			data, err := modelFS.ReadFile("model/" + lang + ".bin")
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := ReadModel(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func FuzzReadCoNLL(f *testing.F) {
	for _, p := range []string{"conll2003/eng.testa", "conll2002/esp.testa"} {
		if b, err := os.ReadFile("../../../shared/data/ner/" + p); err == nil {
			f.Add(b[:min(len(b), 4000)])
		}
	}
	f.Add([]byte("-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		docs, err := ReadCoNLL(bytes.NewReader(b))
		if err != nil {
			return
		}
		for _, d := range docs {
			for _, s := range d {
				if len(s.Tokens) != len(s.Tags) {
					t.Fatal("tokens and tags differ in number")
				}
				for _, c := range Chunks(s.Tags) {
					if c.Start < 0 || c.End > len(s.Tags) || c.Start >= c.End {
						t.Fatalf("bad chunk %v", c)
					}
				}
			}
		}
	})
}

func FuzzReadModel(f *testing.F) {
	if b, err := modelFS.ReadFile("model/en.bin"); err == nil {
		f.Add(b[:min(len(b), 2000)])
	}
	var buf bytes.Buffer
	small := &Tagger{weights: []int16{1, 0, -3, 0, 0, 0, 0, 0, 5}}
	small.index.put(7, 0)
	small.labels = buildLabelLexicon([]TaggedDoc{{taggedSentence("El Banco/B-ORG Central/I-ORG de Madrid/B-LOC")}})
	small.WriteModel(&buf)
	f.Add(buf.Bytes())
	small.stacked = &Tagger{weights: []int16{0, 2, 0, 0, 0, 0, 0, -1, 0}}
	small.stacked.index.put(9, 0)
	buf.Reset()
	small.WriteModel(&buf)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		tg, err := ReadModel(bytes.NewReader(b))
		if err != nil {
			return
		}
		tg.TagDoc([][]string{{"Peter", "went", "to", "Paris"}}, "en")
	})
}

func TestRowTable(t *testing.T) {
	var tb rowTable
	if _, ok := tb.get(5); ok {
		t.Fatal("empty table finds a key")
	}
	for i := range 5000 {
		tb.put(uint32(i*7919), int32(i))
	}
	tb.put(0, 42) // overwrite
	for i := 1; i < 5000; i++ {
		if r, ok := tb.get(uint32(i * 7919)); !ok || r != int32(i) {
			t.Fatalf("get(%d) = %d, %v", i*7919, r, ok)
		}
	}
	if r, _ := tb.get(0); r != 42 || tb.n != 5000 {
		t.Errorf("overwrite: row %d, n %d", r, tb.n)
	}
	if _, ok := tb.get(3); ok {
		t.Error("finds a key never put")
	}
}
