package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"strings"
	"unicode"

	"github.com/storyline/storyline/internal/model"
)

// shingleWords is how many words make one SimHash feature.
const shingleWords = 3

// ContentHash identifies a report's text for exact-duplicate detection:
// case, punctuation and spacing differences do not change it. The title
// counts only when there is no text.
func ContentHash(a model.Article) string {
	src := a.Text
	if strings.TrimSpace(src) == "" {
		src = a.Title
	}
	// The words joined by spaces, hashed at once: writing them one by
	// one would copy each into a slice of its own.
	joined := make([]byte, 0, len(src))
	for i, w := range normalizedWords(src) {
		if i > 0 {
			joined = append(joined, ' ')
		}
		joined = append(joined, w...)
	}
	sum := sha256.Sum256(joined)
	return hex.EncodeToString(sum[:16])
}

const fnvOffset64, fnvPrime64 = 14695981039346656037, 1099511628211

// SimHash is a 64-bit fingerprint over word shingles: texts that share
// most of their wording differ in few bits (see HammingDistance).
func SimHash(text string) uint64 {
	words := normalizedWords(text)
	if len(words) == 0 {
		return 0
	}
	n := min(shingleWords, len(words))
	var weights [64]int
	for i := 0; i+n <= len(words); i++ {
		// FNV-1a of the shingle's words joined by spaces, without
		// building the string.
		f := uint64(fnvOffset64)
		for j, w := range words[i : i+n] {
			if j > 0 {
				f = (f ^ ' ') * fnvPrime64
			}
			for k := 0; k < len(w); k++ {
				f = (f ^ uint64(w[k])) * fnvPrime64
			}
		}
		for b := range 64 {
			weights[b] += int(f>>b&1)*2 - 1
		}
	}
	var out uint64
	for b, w := range weights {
		if w > 0 {
			out |= 1 << b
		}
	}
	return out
}

// HammingDistance counts the bits in which two fingerprints differ.
func HammingDistance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// normalizedWords splits text into lower-case runs of letters and digits.
func normalizedWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
