// Command train rebuilds the embedded NER models of package entity from the
// CoNLL training splits and writes their provenance beside them:
//
//	go run ./internal/entity/train --lang en
//	go run ./internal/entity/train --lang es
//
// (run from the repository root; `go generate ./internal/entity` runs both).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/storyline/storyline/internal/entity"
	"github.com/storyline/storyline/internal/eval"
)

// corpora are the training and development splits per language, relative to
// the repository root.
var corpora = map[string]struct{ name, train, dev string }{
	"en": {"CoNLL-2003 English (glample/tagger @1c96188)", "conll2003/eng.train", "conll2003/eng.testa"},
	"es": {"CoNLL-2002 Spanish (mrm8488/NER_conll2002_dataset @4c60c3a)", "conll2002/esp.train", "conll2002/esp.testa"},
}

func main() {
	lang := flag.String("lang", "en", "language: en or es")
	data := flag.String("data", filepath.Join("..", "shared", "data", "ner"), "folder of the CoNLL data")
	out := flag.String("out", filepath.Join("internal", "entity", "model"), "folder for the model and its provenance")
	epochs := flag.Int("epochs", 20, "training passes")
	flag.Parse()
	c, ok := corpora[*lang]
	if !ok {
		log.Fatalf("unknown language %q", *lang)
	}
	train, err := eval.ReadCoNLLFile(filepath.Join(*data, c.train))
	if err != nil {
		log.Fatal(err)
	}
	dev, err := eval.ReadCoNLLFile(filepath.Join(*data, c.dev))
	if err != nil {
		log.Fatal(err)
	}
	start := time.Now()
	t := entity.Train(train, entity.TrainOptions{Lang: *lang, Epochs: *epochs, Seed: 1,
		Progress: func(epoch int, acc float64) {
			log.Printf("epoch %d: training token accuracy %.4f (%s)", epoch, acc, time.Since(start).Round(time.Second))
		}})
	scores := eval.ScoreNER(dev, func(doc [][]string) [][]string { return t.TagDoc(doc, *lang) })
	log.Printf("dev %s: %s", c.dev, scores)
	var buf bytes.Buffer
	if err := t.WriteModel(&buf); err != nil {
		log.Fatal(err)
	}
	modelPath := filepath.Join(*out, *lang+".bin")
	if err := os.WriteFile(modelPath, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	prov := fmt.Sprintf(`model: %s.bin (%d bytes, %d feature rows)
data: %s, split %s (training only; never copied into the repository)
dev: %s, conlleval phrase F1 %.4f (P %.4f R %.4f)
learner: greedy left-to-right averaged perceptron, BIO tags, %d epochs, seed 1, weights x%d as int16, hashed features
features: word, lower case (digits as 0), shape and short shape, prefixes and suffixes 1-4, words and short shapes at -2..+2, shape and word bigrams, previous word with shape and shape with next word, sentence-initial, all-caps line, gazetteer (data/*.txt) B/I type, first-name list, document-level capitalisation and lower-case evidence, previous one and two tags, previous tag with word and shape, type last given to the word in the document
date: %s
command: go run ./internal/entity/train --lang %s --epochs %d
`, *lang, buf.Len(), t.Rows(), c.name, c.train, c.dev, scores.Overall.F1, scores.Overall.P, scores.Overall.R,
		*epochs, entity.WeightScale, time.Now().UTC().Format("2006-01-02"), *lang, *epochs)
	if err := os.WriteFile(filepath.Join(*out, *lang+".provenance.txt"), []byte(prov), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s (%d bytes)", modelPath, buf.Len())
}
