package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The checker itself: each keyword the document uses catches what it
// should, and passes what it should.
func TestSchemaCheckerKeywords(t *testing.T) {
	doc, err := loadOpenAPI([]byte(`{"components": {"schemas": {
		"Point": {"type": "object", "required": ["x"], "properties": {"x": {"type": "integer", "minimum": 0}, "tag": {"type": ["string", "null"], "enum": ["a", "b", null]}}},
		"Legacy": {"type": "string", "nullable": true},
		"Map": {"type": "object", "additionalProperties": {"type": "boolean"}},
		"Open": {"type": "object", "properties": {"x": {"type": "number"}}, "additionalProperties": true},
		"Pair": {"type": "array", "items": {"$ref": "#/components/schemas/Point"}, "minItems": 1, "maxItems": 2},
		"Day": {"type": "string", "format": "date"},
		"Moment": {"type": "string", "format": "date-time"},
		"Month": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
		"Dangling": {"$ref": "#/components/schemas/Nowhere"}
	}}}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		schema, body string
		problem      string // part of the first problem; "" for none
	}{
		{"Point", `{"x": 3}`, ""},
		{"Point", `{"x": 3, "tag": null}`, ""},
		{"Point", `{"x": 3, "tag": "b"}`, ""},
		{"Point", `{"x": 3, "tag": "c"}`, "not one of"},
		{"Point", `{"x": 3, "y": 4}`, "body.y: field not documented"},
		{"Point", `{"tag": "a"}`, `required field "x" is missing`},
		{"Point", `{"x": 3.5}`, "number 3.5, documented as integer"},
		{"Point", `{"x": "3"}`, "string"},
		{"Point", `{"x": -1}`, "below the documented minimum"},
		{"Point", `null`, "null null, documented as object"},
		{"Legacy", `null`, ""},
		{"Legacy", `"s"`, ""},
		{"Legacy", `1`, "documented as string or null"},
		{"Map", `{"any": true, "other": false}`, ""},
		{"Map", `{"any": 1}`, "body.any: integer"},
		{"Open", `{"x": 1, "more": [1]}`, ""},
		{"Pair", `[{"x": 1}, {"x": 2}]`, ""},
		{"Pair", `[]`, "at least 1"},
		{"Pair", `[{"x": 1}, {"x": 2}, {"x": 3}]`, "at most 2"},
		{"Pair", `[{"x": 1}, {"x": true}]`, "body[1].x: boolean"},
		{"Day", `"2026-03-02"`, ""},
		{"Day", `"2026-03"`, "is not a date"},
		{"Moment", `"2026-03-02T10:00:00Z"`, ""},
		{"Moment", `"2026-03-02T10:00"`, "is not a date-time"},
		{"Month", `"2026-03"`, ""},
		{"Month", `"2026-03-02"`, "does not match"},
		{"Dangling", `{}`, `no "Nowhere"`},
	}
	for _, tt := range tests {
		v, err := decodeJSON([]byte(tt.body))
		if err != nil {
			t.Fatalf("%s: %v", tt.body, err)
		}
		problems := doc.check(map[string]any{"$ref": "#/components/schemas/" + tt.schema}, v, "body")
		switch {
		case tt.problem == "" && len(problems) > 0:
			t.Errorf("%s %s: unexpected %q", tt.schema, tt.body, problems)
		case tt.problem != "" && (len(problems) == 0 || !strings.Contains(problems[0], tt.problem)):
			t.Errorf("%s %s: got %q, want a problem with %q", tt.schema, tt.body, problems, tt.problem)
		}
	}
}

// A real answer passes the document, and the same answer with a field
// added, a required one taken away or a value of the wrong type fails it:
// what the route test relies on to catch an undocumented change.
func TestSchemaCheckerCatchesChangedRecords(t *testing.T) {
	doc, err := loadOpenAPI(openAPI)
	if err != nil {
		t.Fatal(err)
	}
	h := New(openDemo(t))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/events?limit=3", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("events: %d %s", rec.Code, rec.Body.Bytes())
	}
	schema, err := doc.responseSchema("/api/v1/events", http.StatusOK)
	if err != nil {
		t.Fatal(err)
	}
	fresh := func() map[string]any {
		v, err := decodeJSON(rec.Body.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		return v.(map[string]any)
	}
	if problems := doc.check(schema, fresh(), "body"); len(problems) > 0 {
		t.Fatalf("the real answer fails: %q", problems)
	}
	firstEvent := func(page map[string]any) map[string]any {
		items := page["items"].([]any)
		if len(items) == 0 {
			t.Fatal("no events")
		}
		return items[0].(map[string]any)
	}
	changes := []struct {
		name   string
		change func(page map[string]any)
		want   string
	}{
		{"added field", func(p map[string]any) { firstEvent(p)["confidence"] = json.Number("0.5") }, "body.items[0].confidence: field not documented"},
		{"added paging field", func(p map[string]any) { p["cursor"] = "abc" }, "body.cursor: field not documented"},
		{"missing field", func(p map[string]any) { delete(firstEvent(p), "independent_sources") }, `required field "independent_sources" is missing`},
		{"wrong type", func(p map[string]any) { firstEvent(p)["actors"] = "a, b" }, "body.items[0].actors: string"},
		{"unknown type", func(p map[string]any) { firstEvent(p)["type"] = "PICNIC" }, "is not one of"},
		{"evidence field", func(p map[string]any) {
			ev := firstEvent(p)["evidence"].([]any)
			ev[0].(map[string]any)["score"] = json.Number("1")
		}, "body.items[0].evidence[0].score: field not documented"},
	}
	for _, c := range changes {
		page := fresh()
		c.change(page)
		problems := doc.check(schema, page, "body")
		if len(problems) == 0 || !strings.Contains(strings.Join(problems, "\n"), c.want) {
			t.Errorf("%s: got %q, want a problem with %q", c.name, problems, c.want)
		}
	}
}

// Every reference in the document leads somewhere, each route says what
// it returns with a record schema of its own, and its failures with the
// error body.
func TestOpenAPIDocumentIsComplete(t *testing.T) {
	doc, err := loadOpenAPI(openAPI)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(v any, at string)
	walk = func(v any, at string) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				if _, err := doc.resolve(ref); err != nil {
					t.Errorf("%s: %v", at, err)
				}
			}
			for k, x := range v {
				walk(x, at+"/"+k)
			}
		case []any:
			for _, x := range v {
				walk(x, at)
			}
		}
	}
	walk(doc.root, "#")
	errorSchema := map[string]any{"$ref": "#/components/schemas/Error"}
	for path := range doc.root["paths"].(map[string]any) {
		schema, err := doc.responseSchema(path, http.StatusOK)
		if err != nil {
			t.Error(err)
			continue
		}
		if record, err := doc.deref(schema); err != nil || record["properties"] == nil {
			t.Errorf("%s: 200 is documented without the fields of its record (%v)", path, err)
		}
		for _, status := range []int{http.StatusBadRequest, http.StatusNotFound} {
			schema, err := doc.responseSchema(path, status)
			if err != nil {
				t.Error(err)
			} else if s, _ := schema["$ref"].(string); s != errorSchema["$ref"] {
				t.Errorf("%s %d: schema %v, want the error body", path, status, schema)
			}
		}
	}
}

// BenchmarkSchemaCheck times checking one large list answer against the
// document, the cost the route test pays per request.
func BenchmarkSchemaCheck(b *testing.B) {
	doc, err := loadOpenAPI(openAPI)
	if err != nil {
		b.Fatal(err)
	}
	h := New(openDemo(b))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/timeline?limit=500", nil))
	v, err := decodeJSON(rec.Body.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	schema, err := doc.responseSchema("/api/v1/timeline", http.StatusOK)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(rec.Body.Len()))
	for b.Loop() {
		if problems := doc.check(schema, v, "body"); len(problems) > 0 {
			b.Fatal(problems)
		}
	}
}
