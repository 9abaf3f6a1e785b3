package entity

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// tagsOf reads "word/TAG" tokens (no tag: O) as BIO tag indexes.
func tagsOf(t *testing.T, s string) ([]string, []int) {
	t.Helper()
	var words []string
	var tags []int
	for _, f := range strings.Fields(s) {
		w, tag, ok := strings.Cut(f, "/")
		if !ok {
			tag = "O"
		}
		k := tagIndex(tag)
		if k < 0 {
			t.Fatalf("bad tag %q", tag)
		}
		words, tags = append(words, w), append(tags, k)
	}
	return words, tags
}

func TestFirstPassUnsettled(t *testing.T) {
	doc := []string{
		"El/O Badajoz/B-ORG ganó/O al/O Mérida/B-ORG ./O",
		"El/O técnico/O del/O Badajoz/B-LOC habló/O ./O",
		"La/O Voz/B-ORG de/I-ORG Galicia/I-ORG publicó/O la/O noticia/O ./O",
		"El/O director/O de/O La/O Voz/B-ORG ,/O Ernesto/B-PER Sánchez/I-PER ./O",
		"Ernesto/B-PER Sánchez/I-PER llegó/O a/O Madrid/B-LOC ./O",
	}
	var words [][]string
	var tags [][]int
	for _, s := range doc {
		w, k := tagsOf(t, s)
		words, tags = append(words, w), append(tags, k)
	}
	p := newFirstPass(words, tags)
	want := []bool{
		true,  // Badajoz is ORG here, LOC as often elsewhere
		true,  // and LOC here, ORG as often elsewhere
		false, // Voz and Galicia typed as elsewhere
		false, // Voz is a shorter ORG, but an ORG as elsewhere
		false, // every name typed as elsewhere
	}
	for si := range doc {
		if got := p.unsettled(words[si], si); got != want[si] {
			t.Errorf("sentence %d (%s): unsettled %v, want %v", si, doc[si], got, want[si])
		}
	}
	// The second sentence's Badajoz hears that the document gives it ORG
	// (ties go to the first class) as often as not, and was typed LOC here.
	views := make([]tokenView, len(words[1]))
	for i, w := range words[1] {
		views[i] = viewOf(w, nil)
	}
	feats := make([][]uint64, len(views))
	p.addFeatures(feats, views, 1)
	has := func(fs []uint64, f uint64) bool {
		for _, x := range fs {
			if x == f {
				return true
			}
		}
		return false
	}
	if !has(feats[3], feature(fStackWord, "ORG", "some", "B-LOC")) {
		t.Errorf("Badajoz lacks its document-wide type: %v", feats[3])
	}
	if !has(feats[3], feature(fStackTag, "B-LOC")) {
		t.Error("Badajoz lacks its first-pass tag")
	}
}

// TestTrainStacked trains briefly with a stacked pass and checks it is
// kept and tags no worse than its first pass on the development split.
func TestTrainStacked(t *testing.T) {
	train := readCoNLLShared(t, "conll2003", "eng.train")
	dev := readCoNLLShared(t, "conll2003", "eng.testa")
	tg := Train(train[:200], TrainOptions{Lang: "en", Epochs: 3, Seed: 1, StackFolds: 2})
	if tg.stacked == nil {
		t.Fatal("no stacked pass")
	}
	stacked := chunkF1(tg, dev[:60], "en")
	var buf bytes.Buffer
	if err := tg.WriteModel(&buf); err != nil {
		t.Fatal(err)
	}
	written := slices.Clone(buf.Bytes())
	back, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := back.WriteModel(&buf); err != nil {
		t.Fatal(err)
	}
	if back.stacked == nil || !bytes.Equal(buf.Bytes(), written) {
		t.Error("stacked pass changed in a write and read")
	}
	if f := chunkF1(back, dev[:60], "en"); f != stacked {
		t.Errorf("dev F1 %.4f after a write and read, %.4f before", f, stacked)
	}
	tg.stacked = nil
	if first := chunkF1(tg, dev[:60], "en"); stacked < first-0.01 || stacked < 0.7 {
		t.Errorf("dev F1 with the stacked pass %.3f, first pass alone %.3f", stacked, first)
	}
}
