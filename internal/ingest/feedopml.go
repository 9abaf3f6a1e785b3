package ingest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Subscription is one feed of an OPML subscription list.
type Subscription struct {
	Title   string `json:"title,omitempty"`
	FeedURL string `json:"feed_url"`
	SiteURL string `json:"site_url,omitempty"`
	// Category is the path of the outlines holding this one ("News/World").
	Category string `json:"category,omitempty"`
}

// opmlOutline is an <outline>; feed readers nest them as folders.
type opmlOutline struct {
	Text     string        `xml:"text,attr"`
	Title    string        `xml:"title,attr"`
	Type     string        `xml:"type,attr,omitempty"`
	XMLURL   string        `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string        `xml:"htmlUrl,attr,omitempty"`
	Outlines []opmlOutline `xml:"outline"`
}

type opmlDoc struct {
	XMLName xml.Name `xml:"opml"`
	Version string   `xml:"version,attr"`
	Head    struct {
		Title       string `xml:"title"`
		DateCreated string `xml:"dateCreated,omitempty"`
	} `xml:"head"`
	Body struct {
		Outlines []opmlOutline `xml:"outline"`
	} `xml:"body"`
}

// ParseOPML reads an OPML subscription list, as feed readers export it:
// every outline with an xmlUrl, folders flattened into Category. It reads
// leniently (HTML entities, unclosed tags, attribute names in any case).
func ParseOPML(data []byte) ([]Subscription, error) {
	s, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("opml: %w", err)
	}
	dec := xml.NewDecoder(strings.NewReader(forceUTF8Prolog(withoutXMLControls(s))))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var subs []Subscription
	var folders []string
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if len(subs) > 0 {
				break // keep what came before the damage
			}
			return nil, fmt.Errorf("opml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !strings.EqualFold(t.Name.Local, "outline") {
				continue
			}
			depth++
			a := map[string]string{}
			for _, at := range t.Attr {
				a[strings.ToLower(at.Name.Local)] = strings.TrimSpace(at.Value)
			}
			title := firstNonBlank(a["title"], a["text"])
			if a["xmlurl"] == "" {
				folders = append(folders[:min(len(folders), depth-1)], title)
				continue
			}
			folders = folders[:min(len(folders), depth-1)]
			subs = append(subs, Subscription{
				Title:    title,
				FeedURL:  a["xmlurl"],
				SiteURL:  a["htmlurl"],
				Category: strings.Join(nonBlank(folders), "/"),
			})
		case xml.EndElement:
			if strings.EqualFold(t.Name.Local, "outline") && depth > 0 {
				depth--
			}
		}
	}
	if len(subs) == 0 {
		return nil, errors.New("opml: no outline with an xmlUrl")
	}
	return subs, nil
}

// WriteOPML writes subs as an OPML 2.0 document titled title, one folder
// per Category.
func WriteOPML(w io.Writer, title string, subs []Subscription, now time.Time) error {
	var doc opmlDoc
	doc.Version = "2.0"
	doc.Head.Title = title
	if !now.IsZero() {
		doc.Head.DateCreated = now.UTC().Format(time.RFC1123Z)
	}
	folders := map[string]int{}
	for _, s := range subs {
		o := opmlOutline{Text: firstNonBlank(s.Title, s.FeedURL), Title: s.Title, Type: "rss", XMLURL: s.FeedURL, HTMLURL: s.SiteURL}
		if s.Category == "" {
			doc.Body.Outlines = append(doc.Body.Outlines, o)
			continue
		}
		i, ok := folders[s.Category]
		if !ok {
			i = len(doc.Body.Outlines)
			folders[s.Category] = i
			doc.Body.Outlines = append(doc.Body.Outlines, opmlOutline{Text: s.Category, Title: s.Category})
		}
		doc.Body.Outlines[i].Outlines = append(doc.Body.Outlines[i].Outlines, o)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err := w.Write(buf.Bytes())
	return err
}

func firstNonBlank(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func nonBlank(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}
