package entity

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// TaggedSentence is a sentence of tokens with one BIO or IOB1 tag per token.
type TaggedSentence struct {
	Tokens []string
	Tags   []string
}

// TaggedDoc is a document of tagged sentences.
type TaggedDoc []TaggedSentence

// conllDocSentences is the most sentences of the pseudo-documents cut from
// CoNLL files without -DOCSTART- lines (CoNLL-2002 Spanish), so
// document-level features see a neighbourhood of article size even where
// no dateline marks where an article starts.
const conllDocSentences = 60

// ReadCoNLL parses a CoNLL-2002/2003 NER file: one token a line, the word in
// the first column and the entity tag (IOB1 or BIO) in the last, sentences
// separated by blank lines and documents by -DOCSTART- lines.
func ReadCoNLL(r io.Reader) ([]TaggedDoc, error) {
	var docs []TaggedDoc
	var doc TaggedDoc
	var sent TaggedSentence
	explicitDocs := false
	endSentence := func() {
		if !explicitDocs && len(doc) > 0 && isDateline(sent.Tokens) {
			docs = append(docs, doc)
			doc = nil
		}
		if len(sent.Tokens) > 0 {
			doc = append(doc, sent)
			sent = TaggedSentence{}
		}
		if !explicitDocs && len(doc) >= conllDocSentences {
			docs = append(docs, doc)
			doc = nil
		}
	}
	endDoc := func() {
		endSentence()
		if len(doc) > 0 {
			docs = append(docs, doc)
			doc = nil
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 0:
			endSentence()
		case f[0] == "-DOCSTART-":
			explicitDocs = true
			endDoc()
		case len(f) < 2:
			return nil, fmt.Errorf("conll line %d: want a word and a tag, got %q", n, sc.Text())
		default:
			tag := f[len(f)-1]
			if tagIndex(toBIO(tag, "O")) < 0 {
				return nil, fmt.Errorf("conll line %d: unknown tag %q", n, tag)
			}
			sent.Tokens = append(sent.Tokens, f[0])
			sent.Tags = append(sent.Tags, tag)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	endDoc()
	return docs, nil
}

// isDateline reports whether a sentence holds a wire dateline, "PLACE , 23
// may ( AGENCY ) .", which opens a new article in files that do not mark
// where documents start.
func isDateline(words []string) bool {
	for j := 1; j+4 < len(words) && j < 16; j++ {
		if words[j-1] == "," && isDayNumber(words[j]) && isLowerWord(words[j+1]) &&
			words[j+2] == "(" && isAllUpper(words[j+3]) && words[j+4] == ")" {
			return true
		}
	}
	return false
}

func isDayNumber(w string) bool {
	n, err := strconv.Atoi(w)
	return err == nil && len(w) <= 2 && n >= 1 && n <= 31
}

func isLowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return w != ""
}

// toBIO converts one IOB1 tag to BIO given the previous IOB1 tag: in IOB1
// an I- tag opens a chunk unless the previous token has the same type.
func toBIO(tag, prev string) string {
	if strings.HasPrefix(tag, "I-") && (prev == "O" || prev[2:] != tag[2:]) {
		return "B-" + tag[2:]
	}
	return tag
}

// Chunk is a typed span of token indexes [Start, End).
type Chunk struct {
	Start, End int
	Type       string
}

// Chunks reads the entity chunks of a tag sequence the way conlleval does:
// a chunk starts at a B- tag, or at an I- tag whose type differs from the
// previous tag's; it works for IOB1 and BIO alike.
func Chunks(tags []string) []Chunk {
	var out []Chunk
	open := -1
	typ := ""
	for i, t := range tags {
		startsNew := strings.HasPrefix(t, "B-") || (strings.HasPrefix(t, "I-") && t[2:] != typ)
		if open >= 0 && (t == "O" || startsNew) {
			out = append(out, Chunk{open, i, typ})
			open, typ = -1, ""
		}
		if len(t) > 2 && startsNew {
			open, typ = i, t[2:]
		}
	}
	if open >= 0 {
		out = append(out, Chunk{open, len(tags), typ})
	}
	return out
}
