package entity

import (
	"bytes"
	"embed"
	"sync"
)

//go:generate go run ./train --lang en --data ../../../shared/data/ner --out model
//go:generate go run ./train --lang es --data ../../../shared/data/ner --out model

//go:embed model/*.bin
var modelFS embed.FS

var taggers struct {
	once  sync.Once
	byLng map[string]*Tagger
}

// TaggerFor returns the embedded tagger of a language ("en" or "es"), or nil
// when there is none. Models load on first use.
func TaggerFor(lang string) *Tagger {
	taggers.once.Do(func() {
		taggers.byLng = map[string]*Tagger{}
		for _, l := range []string{"en", "es"} {
			b, err := modelFS.ReadFile("model/" + l + ".bin")
			if err != nil {
				panic("entity: missing embedded model " + l)
			}
			t, err := ReadModel(bytes.NewReader(b))
			if err != nil {
				panic("entity: embedded model " + l + ": " + err.Error())
			}
			taggers.byLng[l] = t
		}
	})
	return taggers.byLng[lang]
}
