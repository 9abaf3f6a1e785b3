package entity

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// The model file is gzip of: the magic line, the number of tags, the
// optional feature groups (a bit mask, see featureFlags), the rows
// (their number, then per row in increasing hash order the hash delta
// (uvarint), a bit mask of the tags with a nonzero weight (uvarint) and
// those weights (zigzag varint)); then the number of clustered words, the
// number of clusterings, and per word, in order, its length, its bytes and
// its class+1 (0 for none) in each clustering (uvarints); then the number
// of phrases of the label lexicon and per phrase, in order, its length,
// its bytes, a bit mask of its nonzero class counts and those counts;
// then 1 and the rows of the stacked second pass, or 0 if it has none.
const modelMagic = "storyline-ner-v4\n"

// WriteModel writes t in the compact model format.
func (t *Tagger) WriteModel(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	var buf [binary.MaxVarintLen64]byte
	put := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	bw.WriteString(modelMagic)
	put(numTags)
	put(t.featureFlags())
	t.writeRows(bw)
	words := slices.Sorted(maps.Keys(t.clusters))
	put(uint64(len(words)))
	for _, w := range words {
		put(uint64(len(w)))
		bw.WriteString(w)
		put(uint64(t.clusters[w]))
	}
	var phrases []string
	if t.labels != nil {
		phrases = slices.Sorted(maps.Keys(t.labels.phrases))
	}
	put(uint64(len(phrases)))
	for _, p := range phrases {
		put(uint64(len(p)))
		bw.WriteString(p)
		counts := t.labels.phrases[p]
		put(nonzeroMask(counts[:]))
		for _, c := range counts {
			if c != 0 {
				put(uint64(c))
			}
		}
	}
	if t.stacked == nil {
		put(0)
	} else {
		put(1)
		t.stacked.writeRows(bw)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// flagNameRuns marks, in a model's feature flags, a model with the
// name-run features.
const flagNameRuns = 1

// featureFlags are the optional feature groups of t as a bit mask.
func (t *Tagger) featureFlags() uint64 {
	if t.nameRuns {
		return flagNameRuns
	}
	return 0
}

// writeRows writes the number of rows of weights and every row.
func (t *Tagger) writeRows(bw *bufio.Writer) {
	hashes := make([]uint32, 0, t.index.n)
	rows := map[uint32]int32{}
	t.index.each(func(h uint32, r int32) {
		hashes = append(hashes, h)
		rows[h] = r
	})
	slices.Sort(hashes)
	var buf [binary.MaxVarintLen64]byte
	put := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	put(uint64(len(hashes)))
	last := uint32(0)
	for _, h := range hashes {
		put(uint64(h - last))
		last = h
		row := t.weights[int(rows[h])*numTags:][:numTags]
		put(nonzeroMask(row))
		for _, v := range row {
			if v != 0 {
				bw.Write(buf[:binary.PutVarint(buf[:], int64(v))])
			}
		}
	}
}

// ReadModel reads a tagger written by WriteModel.
func ReadModel(r io.Reader) (*Tagger, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("ner model: not a storyline NER model")
	}
	tags, err := binary.ReadUvarint(br)
	if err != nil || tags != numTags {
		return nil, fmt.Errorf("ner model: want %d tags, got %d (%v)", numTags, tags, err)
	}
	flags, err := binary.ReadUvarint(br)
	if err != nil || flags&^flagNameRuns != 0 {
		return nil, fmt.Errorf("ner model: bad feature flags %d (%v)", flags, err)
	}
	t, err := readRows(br)
	if err != nil {
		return nil, err
	}
	t.nameRuns = flags&flagNameRuns != 0
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<22 {
		return nil, fmt.Errorf("ner model: bad cluster count %d (%v)", n, err)
	}
	t.clusters = make(map[string]uint16, n)
	for i := uint64(0); i < n; i++ {
		l, err := binary.ReadUvarint(br)
		if err != nil || l > 1024 {
			return nil, fmt.Errorf("ner model: cluster word %d corrupt", i)
		}
		w := make([]byte, l)
		if _, err := io.ReadFull(br, w); err != nil {
			return nil, fmt.Errorf("ner model: cluster word %d: %w", i, err)
		}
		c, err := binary.ReadUvarint(br)
		if err != nil || c > 1<<16-1 {
			return nil, fmt.Errorf("ner model: cluster of word %d corrupt", i)
		}
		t.clusters[string(w)] = uint16(c)
	}
	if t.labels, err = readLabelLexicon(br); err != nil {
		return nil, err
	}
	stacked, err := binary.ReadUvarint(br)
	switch {
	case err != nil || stacked > 1:
		return nil, fmt.Errorf("ner model: bad stacked pass flag %d (%v)", stacked, err)
	case stacked == 1:
		if t.stacked, err = readRows(br); err != nil {
			return nil, fmt.Errorf("stacked pass: %w", err)
		}
		t.stacked.clusters, t.stacked.labels, t.stacked.nameRuns = t.clusters, t.labels, t.nameRuns
		t.stacked.finish()
	}
	t.finish()
	return t, nil
}

// readRows reads what writeRows wrote into a new tagger.
func readRows(br *bufio.Reader) (*Tagger, error) {
	rows, err := binary.ReadUvarint(br)
	if err != nil || rows > 1<<26 {
		return nil, fmt.Errorf("ner model: bad row count %d (%v)", rows, err)
	}
	t := &Tagger{weights: make([]int16, 0, rows*numTags)}
	h := uint64(0)
	for i := uint64(0); i < rows; i++ {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("ner model: row %d: %w", i, err)
		}
		h += d
		mask, err := binary.ReadUvarint(br)
		if err != nil || h > 1<<32-1 || mask >= 1<<numTags {
			return nil, fmt.Errorf("ner model: row %d corrupt", i)
		}
		var row [numTags]int16
		for k := range row {
			if mask&(1<<k) == 0 {
				continue
			}
			v, err := binary.ReadVarint(br)
			if err != nil || v < -1<<15 || v >= 1<<15 {
				return nil, fmt.Errorf("ner model: row %d weight corrupt", i)
			}
			row[k] = int16(v)
		}
		t.index.put(uint32(h), int32(i))
		t.weights = append(t.weights, row[:]...)
	}
	return t, nil
}

// readLabelLexicon reads the phrase section of a model; a model without
// phrases has no label lexicon.
func readLabelLexicon(br *bufio.Reader) (*labelLexicon, error) {
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<22 {
		return nil, fmt.Errorf("ner model: bad phrase count %d (%v)", n, err)
	}
	if n == 0 {
		return nil, nil
	}
	l := newLabelLexicon()
	for i := uint64(0); i < n; i++ {
		size, err := binary.ReadUvarint(br)
		if err != nil || size == 0 || size > 4096 {
			return nil, fmt.Errorf("ner model: phrase %d corrupt", i)
		}
		p := make([]byte, size)
		if _, err := io.ReadFull(br, p); err != nil {
			return nil, fmt.Errorf("ner model: phrase %d: %w", i, err)
		}
		mask, err := binary.ReadUvarint(br)
		if err != nil || mask >= 1<<numClasses {
			return nil, fmt.Errorf("ner model: phrase %d corrupt", i)
		}
		counts := new([numClasses]uint32)
		for k := range counts {
			if mask&(1<<k) == 0 {
				continue
			}
			c, err := binary.ReadUvarint(br)
			if err != nil || c > 1<<32-1 {
				return nil, fmt.Errorf("ner model: phrase %d count corrupt", i)
			}
			counts[k] = uint32(c)
		}
		l.addPhrase(strings.Split(string(p), " "))
		*l.phrases[string(p)] = *counts
	}
	return l, nil
}

// nonzeroMask has bit k set when xs[k] is not zero: the model file writes
// a row as this mask and the nonzero values.
func nonzeroMask[T int16 | uint32](xs []T) uint64 {
	mask := uint64(0)
	for k, x := range xs {
		if x != 0 {
			mask |= 1 << k
		}
	}
	return mask
}
