package ingest

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// binarySample is how much of an input the binary test looks at.
const binarySample = 64 << 10

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16LEBOM = []byte{0xFF, 0xFE}
	utf16BEBOM = []byte{0xFE, 0xFF}

	// An encoding declared by an XML prolog or an HTML meta tag.
	declaredCharset = regexp.MustCompile(`(?i)(?:<\?xml[^>]*\bencoding\s*=\s*["']|<meta[^>]*\bcharset\s*=\s*["']?)([A-Za-z0-9._:-]+)`)
	xmlEncodingAttr = regexp.MustCompile(`(?i)^(\s*<\?xml[^>]*?\bencoding\s*=\s*)["'][^"']*["']`)
)

// Decode turns raw bytes into UTF-8 text: BOMs are honoured, binary data and
// empty inputs refused, and text that is not valid UTF-8 converted from the
// encoding it declares or else from Windows-1252 (a superset of ISO-8859-1
// for printable text, and what mislabelled "Latin-1" usually is).
func Decode(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		data = data[len(utf8BOM):]
	case bytes.HasPrefix(data, utf16LEBOM):
		return decodeWith(data, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM))
	case bytes.HasPrefix(data, utf16BEBOM):
		return decodeWith(data, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", ErrEmpty
	}
	if looksBinary(data) {
		return "", ErrBinary
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	head := data[:min(len(data), 2048)]
	if m := declaredCharset.FindSubmatch(head); m != nil {
		if enc, name := charset.Lookup(string(m[1])); enc != nil && name != "utf-8" {
			return decodeWith(data, enc)
		}
	}
	return repairMixedUTF8(data), nil
}

func decodeWith(data []byte, enc encoding.Encoding) (string, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("cannot decode text: %w", err)
	}
	if len(bytes.TrimSpace(out)) == 0 {
		return "", ErrEmpty
	}
	if looksBinary(out) {
		return "", ErrBinary
	}
	return string(out), nil
}

// repairMixedUTF8 keeps every valid UTF-8 sequence and reads each invalid
// byte as Windows-1252: right for wholly single-byte text (whose accented
// letters rarely form valid UTF-8 pairs) and for UTF-8 text with a few
// stray single-byte characters pasted in.
func repairMixedUTF8(data []byte) string {
	dec := charmap.Windows1252
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			b.WriteRune(dec.DecodeByte(data[0]))
			data = data[1:]
			continue
		}
		b.Write(data[:size])
		data = data[size:]
	}
	return b.String()
}

// looksBinary reports NUL bytes or a high share of control characters, as
// in images, archives and executables.
func looksBinary(data []byte) bool {
	sample := data[:min(len(data), binarySample)]
	if bytes.IndexByte(sample, 0) >= 0 {
		return true
	}
	controls := 0
	for _, c := range sample {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' || c == 0x7f {
			controls++
		}
	}
	return controls*20 > len(sample)
}

// forceUTF8Prolog rewrites an XML prolog's encoding to UTF-8: the text has
// been decoded already, and the feed parser would otherwise decode it again.
func forceUTF8Prolog(s string) string {
	return xmlEncodingAttr.ReplaceAllString(s, `${1}"UTF-8"`)
}

type format int

const (
	formatText format = iota
	formatHTML
	formatFeed
	formatJSON
)

var (
	feedRoot = regexp.MustCompile(`(?i)<(?:rss|feed|rdf:rdf)[\s>]`)
	htmlRoot = regexp.MustCompile(`(?i)<(?:!doctype\s+html|html|head|body|article|meta|title|div|p)[\s>/]`)
)

// sniff picks a reader by content, with the file extension as a tie-breaker.
func sniff(name, s string) format {
	head := strings.TrimLeftFunc(s[:min(len(s), 4096)], isSpace)
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case looksJSON(head):
		return formatJSON
	case strings.HasPrefix(head, "<"):
		if feedRoot.MatchString(head) && ext != ".html" && ext != ".htm" {
			return formatFeed
		}
		if htmlRoot.MatchString(head) || ext == ".html" || ext == ".htm" {
			return formatHTML
		}
		if strings.HasPrefix(head, "<?xml") {
			return formatFeed
		}
	}
	switch ext {
	case ".html", ".htm", ".xhtml":
		return formatHTML
	case ".rss", ".atom":
		return formatFeed
	}
	return formatText
}

// looksJSON reports an object or an array of objects, so that text opening
// with "[UPDATE]" stays text.
func looksJSON(head string) bool {
	if head == "" || (head[0] != '{' && head[0] != '[') {
		return false
	}
	rest := strings.TrimLeftFunc(head[1:], isSpace)
	if rest == "" {
		return false
	}
	if head[0] == '{' {
		return rest[0] == '"' || rest[0] == '}'
	}
	return rest[0] == '{' || rest[0] == ']'
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == 0xFEFF
}
