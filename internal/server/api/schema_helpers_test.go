package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// openAPIDoc is the embedded OpenAPI document, decoded with numbers kept
// as written so that enums and bounds compare exactly.
type openAPIDoc struct {
	root map[string]any
	// patterns caches compiled "pattern" keywords by source.
	patterns map[string]*regexp.Regexp
}

func loadOpenAPI(raw []byte) (*openAPIDoc, error) {
	v, err := decodeJSON(raw)
	if err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	root, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("openapi.json: not an object")
	}
	return &openAPIDoc{root: root, patterns: map[string]*regexp.Regexp{}}, nil
}

// decodeJSON decodes one JSON value, numbers as json.Number, and rejects
// trailing data.
func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("data after the JSON value")
	}
	return v, nil
}

// resolve follows a local reference such as "#/components/schemas/Event".
func (d *openAPIDoc) resolve(ref string) (map[string]any, error) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, fmt.Errorf("reference %q is not local", ref)
	}
	var cur any = d.root
	for _, part := range strings.Split(ref[2:], "/") {
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("reference %q: %q is not inside an object", ref, part)
		}
		if cur, ok = obj[part]; !ok {
			return nil, fmt.Errorf("reference %q: no %q", ref, part)
		}
	}
	obj, ok := cur.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("reference %q is not an object", ref)
	}
	return obj, nil
}

// deref follows $ref until it reaches an object without one.
func (d *openAPIDoc) deref(obj map[string]any) (map[string]any, error) {
	for range 32 {
		ref, ok := obj["$ref"].(string)
		if !ok {
			return obj, nil
		}
		var err error
		if obj, err = d.resolve(ref); err != nil {
			return nil, err
		}
	}
	return nil, fmt.Errorf("reference cycle")
}

// responseSchema is the schema documented for a GET of path answering
// status, or an error saying what is missing.
func (d *openAPIDoc) responseSchema(path string, status int) (map[string]any, error) {
	paths, _ := d.root["paths"].(map[string]any)
	item, _ := paths[path].(map[string]any)
	get, _ := item["get"].(map[string]any)
	if get == nil {
		return nil, fmt.Errorf("%s: no GET operation documented", path)
	}
	responses, _ := get["responses"].(map[string]any)
	resp, _ := responses[strconv.Itoa(status)].(map[string]any)
	if resp == nil {
		return nil, fmt.Errorf("%s: no %d response documented", path, status)
	}
	resp, err := d.deref(resp)
	if err != nil {
		return nil, fmt.Errorf("%s %d: %w", path, status, err)
	}
	content, _ := resp["content"].(map[string]any)
	media, _ := content["application/json"].(map[string]any)
	schema, _ := media["schema"].(map[string]any)
	if schema == nil {
		return nil, fmt.Errorf("%s %d: no application/json schema documented", path, status)
	}
	return schema, nil
}

// check validates v against schema, returning one message per problem,
// each naming where in v it is. It knows the keywords the document uses:
// $ref, type (a name or a list, "null" among them), nullable, enum,
// properties, required, additionalProperties, items, minItems, maxItems,
// minimum, maximum, pattern and format (date, date-time). An object schema
// with properties is closed unless additionalProperties says otherwise,
// so that a field a handler adds without documenting it is caught.
func (d *openAPIDoc) check(schema map[string]any, v any, at string) []string {
	schema, err := d.deref(schema)
	if err != nil {
		return []string{at + ": " + err.Error()}
	}
	if types := schemaTypes(schema); len(types) > 0 && !types[jsonType(v)] && !(jsonType(v) == "integer" && types["number"]) {
		return []string{fmt.Sprintf("%s: %s %s, documented as %s", at, jsonType(v), brief(v), typeList(types))}
	}
	var problems []string
	if enum, ok := schema["enum"].([]any); ok && !inEnum(enum, v) {
		problems = append(problems, fmt.Sprintf("%s: %s is not one of %v", at, brief(v), enum))
	}
	switch v := v.(type) {
	case map[string]any:
		problems = append(problems, d.checkObject(schema, v, at)...)
	case []any:
		problems = append(problems, d.checkArray(schema, v, at)...)
	case string:
		problems = append(problems, d.checkString(schema, v, at)...)
	case json.Number:
		problems = append(problems, checkBounds(schema, v, at)...)
	}
	return problems
}

func (d *openAPIDoc) checkObject(schema map[string]any, v map[string]any, at string) []string {
	var problems []string
	required, _ := schema["required"].([]any)
	for _, r := range required {
		if name, _ := r.(string); name != "" {
			if _, ok := v[name]; !ok {
				problems = append(problems, fmt.Sprintf("%s: required field %q is missing", at, name))
			}
		}
	}
	props, _ := schema["properties"].(map[string]any)
	extra, hasExtra := schema["additionalProperties"]
	for name, field := range v {
		where := at + "." + name
		if p, ok := props[name].(map[string]any); ok {
			problems = append(problems, d.check(p, field, where)...)
			continue
		}
		switch extra := extra.(type) {
		case map[string]any:
			problems = append(problems, d.check(extra, field, where)...)
		case bool:
			if !extra {
				problems = append(problems, where+": field not documented")
			}
		default:
			if props != nil || hasExtra {
				problems = append(problems, where+": field not documented")
			}
		}
	}
	return problems
}

func (d *openAPIDoc) checkArray(schema map[string]any, v []any, at string) []string {
	var problems []string
	if n, ok := schemaInt(schema, "minItems"); ok && len(v) < n {
		problems = append(problems, fmt.Sprintf("%s: %d items, documented at least %d", at, len(v), n))
	}
	if n, ok := schemaInt(schema, "maxItems"); ok && len(v) > n {
		problems = append(problems, fmt.Sprintf("%s: %d items, documented at most %d", at, len(v), n))
	}
	if items, ok := schema["items"].(map[string]any); ok {
		for i, item := range v {
			problems = append(problems, d.check(items, item, fmt.Sprintf("%s[%d]", at, i))...)
		}
	}
	return problems
}

func (d *openAPIDoc) checkString(schema map[string]any, v string, at string) []string {
	var problems []string
	if src, ok := schema["pattern"].(string); ok {
		re, err := d.pattern(src)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: pattern %q: %v", at, src, err))
		} else if !re.MatchString(v) {
			problems = append(problems, fmt.Sprintf("%s: %q does not match %s", at, v, src))
		}
	}
	layout := map[string]string{"date": "2006-01-02", "date-time": time.RFC3339}[fmt.Sprint(schema["format"])]
	if layout != "" {
		if _, err := time.Parse(layout, v); err != nil {
			problems = append(problems, fmt.Sprintf("%s: %q is not a %s", at, v, schema["format"]))
		}
	}
	return problems
}

func (d *openAPIDoc) pattern(src string) (*regexp.Regexp, error) {
	if re, ok := d.patterns[src]; ok {
		return re, nil
	}
	re, err := regexp.Compile(src)
	if err != nil {
		return nil, err
	}
	d.patterns[src] = re
	return re, nil
}

func checkBounds(schema map[string]any, v json.Number, at string) []string {
	x, err := v.Float64()
	if err != nil {
		return []string{fmt.Sprintf("%s: %s is not a number", at, v)}
	}
	var problems []string
	if lo, ok := schemaFloat(schema, "minimum"); ok && x < lo {
		problems = append(problems, fmt.Sprintf("%s: %s is below the documented minimum %v", at, v, lo))
	}
	if hi, ok := schemaFloat(schema, "maximum"); ok && x > hi {
		problems = append(problems, fmt.Sprintf("%s: %s is above the documented maximum %v", at, v, hi))
	}
	return problems
}

// schemaTypes is the set of JSON types a schema allows; empty allows any.
func schemaTypes(schema map[string]any) map[string]bool {
	types := map[string]bool{}
	switch t := schema["type"].(type) {
	case string:
		types[t] = true
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				types[s] = true
			}
		}
	}
	if len(types) > 0 && schema["nullable"] == true {
		types["null"] = true
	}
	return types
}

func typeList(types map[string]bool) string {
	var names []string
	for _, n := range []string{"object", "array", "string", "integer", "number", "boolean", "null"} {
		if types[n] {
			names = append(names, n)
		}
	}
	return strings.Join(names, " or ")
}

// jsonType names the JSON Schema type of a decoded value; a number
// written without a fraction or exponent is an integer.
func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case json.Number:
		if _, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return "integer"
		}
		return "number"
	}
	return fmt.Sprintf("%T", v)
}

func inEnum(enum []any, v any) bool {
	for _, e := range enum {
		if reflect.DeepEqual(e, v) {
			return true
		}
	}
	return false
}

func schemaInt(schema map[string]any, key string) (int, bool) {
	n, ok := schema[key].(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(string(n))
	return i, err == nil
}

func schemaFloat(schema map[string]any, key string) (float64, bool) {
	n, ok := schema[key].(json.Number)
	if !ok {
		return 0, false
	}
	f, err := n.Float64()
	return f, err == nil
}

// brief shows a value in a message, shortened.
func brief(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 60 {
		return string(b[:60]) + "…"
	}
	return string(b)
}
