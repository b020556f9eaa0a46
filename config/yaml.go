package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/normlint/normlint/lint"
)

// maxValues bounds the values a configuration may expand to. YAML aliases
// can make a few lines expand exponentially ("billion laughs"); a real
// configuration holds a few hundred values.
const maxValues = 100_000

// place is where a value sits in the file: its key (nil for list items and
// the document) and the value itself. An alias's position is the alias, not
// its anchor, since that is where the user wrote the value.
type place struct {
	key, value *yaml.Node
}

// document is a configuration decoded for validation: plain values of the
// shape encoding/json would produce (what the JSON Schema validator takes),
// and every value's nodes by RFC 6901 pointer, to locate problems.
type document struct {
	value  any
	places map[string]place
	values int
	errs   []*Error
	file   string
}

// oneDocument is a configuration file holding more than one YAML document.
type oneDocument struct {
	line, column int
}

func (e *oneDocument) Error() string { return "more than one YAML document" }

// decodeYAML reads the file's single YAML document; nil means an empty
// file (no document, only comments, or a null). Later documents that are
// empty (a trailing "---") are harmless; a second real one is an error,
// since normlint would otherwise silently ignore it.
func decodeYAML(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	for {
		var more yaml.Node
		err := dec.Decode(&more)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if !isNull(&more) {
			return nil, &oneDocument{line: more.Line, column: more.Column}
		}
	}
	if isNull(&doc) {
		return nil, nil
	}
	return &doc, nil
}

// isNull reports whether a node is empty: a document of nothing or of a
// null scalar.
func isNull(n *yaml.Node) bool {
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return true
		}
		n = n.Content[0]
	}
	return n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// yamlPrefix is what the YAML library puts before a problem: "yaml: " and,
// sometimes, a line number (of the enclosing construct, not of the problem,
// and 0-based in some cases): normlint locates the problem itself.
var yamlPrefix = regexp.MustCompile(`^yaml: (line \d+: )?`)

var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

func problemOf(err error) string {
	return yamlPrefix.ReplaceAllString(err.Error(), "")
}

// syntaxError turns a YAML decoding failure into an Error at the problem's
// line and column.
func syntaxError(file string, data []byte, err error) *Error {
	var od *oneDocument
	if errors.As(err, &od) {
		return &Error{File: file, Line: od.line, Column: od.column,
			Message: "a second YAML document starts here: a configuration file holds one document (remove the \"---\" line or the rest)"}
	}
	problem := problemOf(err)
	line, col := locateProblem(data, problem)
	if m := unknownAnchor.FindStringSubmatch(problem); m != nil {
		// The problem shows once the whole name is read: point at its "*".
		col = max(col-utf8.RuneCountInString(m[1]), 1)
	}
	msg := "invalid YAML: " + problem
	switch {
	case charAt(data, line, col) == '\t':
		msg = "invalid YAML: a tab character here; YAML indents with spaces only"
	case problem == "mapping values are not allowed in this context":
		msg = `invalid YAML: unexpected ":" (quote a value that contains ": ")`
	case problem == "did not find expected key":
		msg = "invalid YAML: did not find expected key (check the indentation of this line against the lines above)"
	}
	return &Error{File: file, Line: line, Column: col, Message: msg}
}

// locateProblem finds where the YAML library stopped. The library reports
// at best the line of the enclosing construct and never a column, so
// normlint finds the shortest prefix of the file that fails with the same
// problem: the problem's line by bisection over whole lines (the parser
// reads left to right, so a prefix that reaches the problem fails with it),
// then its column by growing that line a character at a time. The search
// only runs on the error path, on a small file.
func locateProblem(data []byte, problem string) (line, col int) {
	fails := func(prefix []byte) bool {
		_, err := decodeYAML(prefix)
		return err != nil && problemOf(err) == problem
	}
	var starts []int // byte offset where each line starts
	for i := 0; i < len(data); {
		starts = append(starts, i)
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	if len(starts) == 0 {
		return 1, 1
	}
	end := func(k int) int { // end of the first k lines
		if k < len(starts) {
			return starts[k]
		}
		return len(data)
	}
	lo, hi := 0, len(starts) // fails(first lo lines) is false, fails(first hi) true
	if !fails(data) {
		return 1, 1 // cannot happen: the whole file failed with problem
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fails(data[:end(mid)]) {
			hi = mid
		} else {
			lo = mid
		}
	}
	start := starts[hi-1]
	text := bytes.TrimRight(data[start:end(hi)], "\r\n")
	col, first := 0, 0
	for i := 0; i < len(text); {
		_, size := utf8.DecodeRune(text[i:])
		col++
		if first == 0 && text[i] != ' ' {
			first = col
		}
		if fails(data[:start+i+size]) {
			return hi, col
		}
		i += size
	}
	// Only the line end reveals the problem: point at the line's content.
	return hi, max(first, 1)
}

// charAt returns the character at a line and column (1-based, columns
// counting characters), or -1.
func charAt(data []byte, line, col int) rune {
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return -1
		}
		data = data[i+1:]
	}
	for c := 1; len(data) > 0; c++ {
		r, size := utf8.DecodeRune(data)
		if r == '\n' {
			return -1
		}
		if c == col {
			return r
		}
		data = data[size:]
	}
	return -1
}

// newDocument converts a decoded YAML document.
func newDocument(file string, root *yaml.Node) *document {
	d := &document{file: file, places: map[string]place{}}
	if root.Kind == yaml.DocumentNode {
		root = root.Content[0]
	}
	d.places[""] = place{value: root}
	d.value = d.convert(root, "")
	return d
}

// convert turns a node into the plain value JSON would give. Scalars keep
// the type YAML resolves (so that `version: "1"` is a string the schema
// rejects), except timestamps: an unquoted `expires: 2027-01-31` is read as
// the text written, the date the schema expects.
func (d *document) convert(n *yaml.Node, ptr string) any {
	d.values++
	if d.values > maxValues {
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		return d.convert(n.Alias, ptr)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			key := keyText(k)
			if k.Tag == "!!merge" {
				// Merged keys would all sit at the anchor, far from where
				// they take effect; a configuration is short enough to
				// spell them out.
				d.errs = append(d.errs, &Error{File: d.file, Line: k.Line, Column: k.Column,
					Message: "YAML merge keys (<<) are not supported in a normlint configuration: write the keys out"})
				continue
			}
			p := lint.JoinPointer(ptr, key)
			if prev, dup := d.places[p]; dup && prev.key != nil {
				d.errs = append(d.errs, &Error{File: d.file, Line: k.Line, Column: k.Column,
					Message: fmt.Sprintf("key %q is already defined at line %d: a key may appear once in a mapping", key, prev.key.Line)})
				continue
			}
			d.places[p] = place{key: k, value: v}
			m[key] = d.convert(v, p)
		}
		return m
	case yaml.SequenceNode:
		l := make([]any, len(n.Content))
		for i, item := range n.Content {
			p := lint.IndexPointer(ptr, i)
			d.places[p] = place{value: item}
			l[i] = d.convert(item, p)
		}
		return l
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return nil
		case "!!bool", "!!int", "!!float":
			var v any
			if err := n.Decode(&v); err == nil {
				return v
			}
		}
		return n.Value
	}
	return nil
}

// keyText is a mapping key as a JSON member name: its text as written
// (YAML allows non-string keys; `1: x` is the member "1").
func keyText(k *yaml.Node) string {
	if k.Kind == yaml.AliasNode && k.Alias != nil {
		return keyText(k.Alias)
	}
	return k.Value
}

// found describes a value in words, for "found ..." in messages.
func found(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.AliasNode:
		return found(n.Alias)
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "nothing"
		case "!!bool":
			return n.Value
		case "!!int", "!!float":
			return "the number " + n.Value
		}
		return strconv.Quote(n.Value)
	}
	return "nothing"
}
