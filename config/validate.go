package config

import (
	"bytes"
	_ "embed" // the configuration schema ships in the binary
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"go.yaml.in/yaml/v3"

	"github.com/normlint/normlint/lint"
)

//go:embed config.schema.json
var schemaSource []byte

// SchemaSource returns the embedded JSON Schema (draft 2020-12) of the
// configuration file, exactly what normlint validates against, for
// `normlint schema` and for editors.
func SchemaSource() []byte {
	return bytes.Clone(schemaSource)
}

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
)

// compiledSchema returns the embedded schema, compiled on first use. It
// ships with the binary and the tests compile it, so a failure is a build
// defect and panics.
func compiledSchema() *jsonschema.Schema {
	schemaOnce.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaSource))
		if err != nil {
			panic(fmt.Sprintf("config: embedded schema: %v", err))
		}
		id, _ := doc.(map[string]any)["$id"].(string)
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		c.UseLoader(refusingLoader{})
		if err := c.AddResource(id, doc); err != nil {
			panic(fmt.Sprintf("config: embedded schema: %v", err))
		}
		schema, err = c.Compile(id)
		if err != nil {
			panic(fmt.Sprintf("config: embedded schema does not compile: %v", err))
		}
	})
	return schema
}

// refusingLoader is the compiler's only URL loader, as in package schemas:
// the configuration schema refers to nothing outside itself, and normlint
// never fetches anything.
type refusingLoader struct{}

func (refusingLoader) Load(u string) (any, error) {
	return nil, fmt.Errorf("refusing to load %q: the configuration schema may only refer to itself", u)
}

// Keys of the file and of its list items, in the order messages list them.
var (
	topKeys         = []string{"version", "fail-level", "min-severity", "max-lifecycle-pairs", "paths", "rules", "exclude", "input-formats", "waivers", "require"}
	waiverKeys      = []string{"rule", "reason", "path", "pointer", "value", "expires"}
	inputFormatKeys = []string{"path", "format"}
	ruleSettings    = []string{"off", "on", "error", "warning", "info"}
	failLevels      = []string{"error", "warning", "info", "none"}
	minSeverities   = []string{"error", "warning", "info"}
)

// validate checks the document against the schema and records every
// violation, located and in words.
func (d *document) validate(formats []string) {
	err := compiledSchema().Validate(d.value)
	if err == nil {
		return
	}
	var verr *jsonschema.ValidationError
	if !errors.As(err, &verr) {
		d.add(d.places[""].value, "the configuration cannot be validated: "+err.Error())
		return
	}
	d.walk(verr, formats)
}

// walk reports the leaves of the validator's error tree: the failing
// keywords themselves, not the groups that contain them.
func (d *document) walk(e *jsonschema.ValidationError, formats []string) {
	if len(e.Causes) > 0 {
		for _, c := range e.Causes {
			d.walk(c, formats)
		}
		return
	}
	toks := e.InstanceLocation
	at := d.places[lint.JoinPointer("", toks...)]
	what := subject(toks)
	tmpl := template(toks)
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		// At the offending key, not the mapping that holds it.
		allowed, in := topKeys, ""
		switch template(toks) {
		case "/waivers/*":
			allowed, in = waiverKeys, " in "+what
		case "/input-formats/*":
			allowed, in = inputFormatKeys, " in "+what
		}
		for _, p := range k.Properties {
			key := d.places[lint.JoinPointer("", append(slices.Clone(toks), p)...)].key
			d.add(key, fmt.Sprintf("unknown key %q%s%s", p, in, suggestion(p, allowed)))
		}
	case *kind.Required:
		// At the mapping that lacks the keys.
		for _, m := range k.Missing {
			d.add(at.value, missingMessage(tmpl, what, m, formats))
		}
	case *kind.Type:
		if tmpl == "/waivers/*/reason" && isNullNode(at.value) {
			d.add(at.value, emptyReason(toks))
			return
		}
		d.add(at.value, fmt.Sprintf("%s must be %s, found %s", what, expected(tmpl), found(at.value)))
	case *kind.Enum:
		var want []string
		for _, w := range k.Want {
			want = append(want, fmt.Sprint(w))
		}
		got := found(at.value)
		s, isString := k.Got.(string)
		hint := ""
		if isString {
			hint = didYouMean(s, want)
		}
		switch {
		case tmpl == "/rules/*" && isNullNode(at.value):
			d.add(at.value, fmt.Sprintf("rule %s has no setting: expected %s", toks[1], lint.OrList(want)))
		case tmpl == "/rules/*":
			d.add(at.value, fmt.Sprintf("severity %s for rule %s: expected %s%s", got, toks[1], lint.OrList(want), hint))
		case isNullNode(at.value):
			d.add(at.value, fmt.Sprintf("%s has no value: expected %s", what, lint.OrList(want)))
		default:
			d.add(at.value, fmt.Sprintf("%s %s: expected %s%s", what, got, lint.OrList(want), hint))
		}
	case *kind.Const:
		d.add(at.value, fmt.Sprintf("%s %s is not supported: expected %v", what, literal(at.value), k.Want))
	case *kind.Minimum:
		d.add(at.value, fmt.Sprintf("%s must be %s, found %s", what, expected(tmpl), found(at.value)))
	case *kind.MinLength, *kind.Pattern:
		switch tmpl {
		case "/waivers/*/reason":
			d.add(at.value, emptyReason(toks))
		case "/waivers/*/expires":
			d.add(at.value, fmt.Sprintf("expires %s is not a date (YYYY-MM-DD)", found(at.value)))
		default:
			d.add(at.value, fmt.Sprintf("%s is empty: expected %s", what, expected(tmpl)))
		}
	default:
		// The schema uses no other keyword; say what failed rather than
		// nothing if it ever does.
		d.add(at.value, fmt.Sprintf("%s is not valid here (%s)", what, strings.Join(e.ErrorKind.KeywordPath(), "/")))
	}
}

// add records a problem at a node (the file's start when there is none).
func (d *document) add(n *yaml.Node, msg string) {
	e := &Error{File: d.file, Line: 1, Column: 1, Message: msg}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	d.errs = append(d.errs, e)
}

// literal is a scalar as written, quoted when it is a string, or found's
// words for anything else.
func literal(n *yaml.Node) string {
	if n != nil && n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float" || n.Tag == "!!bool") {
		return n.Value
	}
	return found(n)
}

func isNullNode(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// emptyReason is the message for a waiver without a usable reason, the
// one mistake the issue calls out: a waiver must say why.
func emptyReason(toks []string) string {
	return subject(toks[:2]) + " has an empty reason: a waiver must say why the finding is accepted"
}

// missingMessage says which required key a mapping lacks, and why it is
// required.
func missingMessage(tmpl, what, key string, formats []string) string {
	switch tmpl + "." + key {
	case "/waivers/*.reason":
		return what + " has no reason: a waiver must say why the finding is accepted"
	case "/waivers/*.rule":
		return what + " has no rule: a waiver must name the rule whose finding it accepts"
	case "/input-formats/*.path":
		return what + " has no path: it must give the glob of the files the format applies to"
	case "/input-formats/*.format":
		msg := what + " has no format: it must name the input format of the files its path matches"
		if len(formats) > 0 {
			msg += " (" + lint.OrList(formats) + ")"
		}
		return msg
	}
	return fmt.Sprintf("%s has no %s", what, key)
}

// subject names the value at a location, for messages. List items are
// counted from 1, as people count ("waiver 2" is the second waiver); the
// diagnostic's JSON pointer keeps the 0-based index.
func subject(toks []string) string {
	if len(toks) == 0 {
		return "the configuration"
	}
	ordinal := func(s string) string {
		i, err := strconv.Atoi(s)
		if err != nil {
			return s
		}
		return strconv.Itoa(i + 1)
	}
	switch toks[0] {
	case "rules":
		if len(toks) == 2 {
			return "the setting of rule " + toks[1]
		}
	case "exclude":
		if len(toks) == 2 {
			return "exclude pattern " + ordinal(toks[1])
		}
	case "paths":
		if len(toks) == 2 {
			return "path " + ordinal(toks[1])
		}
	case "input-formats":
		switch len(toks) {
		case 2:
			return "input format " + ordinal(toks[1])
		case 3:
			return toks[2] + " of input format " + ordinal(toks[1])
		}
	case "require":
		if len(toks) == 2 {
			return "required item " + ordinal(toks[1])
		}
	case "waivers":
		switch len(toks) {
		case 2:
			return "waiver " + ordinal(toks[1])
		case 3:
			return toks[2] + " of waiver " + ordinal(toks[1])
		}
	}
	return toks[0]
}

// template replaces the list indexes (and rule IDs) of a location with
// "*", to look up what is expected there.
func template(toks []string) string {
	var sb strings.Builder
	for i, t := range toks {
		sb.WriteByte('/')
		if i == 1 && (toks[0] == "rules" || toks[0] == "exclude" || toks[0] == "paths" || toks[0] == "waivers" || toks[0] == "input-formats" || toks[0] == "require") {
			t = "*"
		}
		sb.WriteString(t)
	}
	return sb.String()
}

// expected says what a location holds, in words.
func expected(tmpl string) string {
	switch tmpl {
	case "":
		return "a mapping of keys (" + strings.Join(topKeys, ", ") + ")"
	case "/max-lifecycle-pairs":
		return "a whole number of (client, study) pairs, 1 or more"
	case "/rules":
		return "a mapping from rule IDs to " + lint.OrList(ruleSettings)
	case "/exclude":
		return "a list of glob patterns"
	case "/paths":
		return "a list of paths, directories or glob patterns"
	case "/paths/*":
		return "a path, directory or glob pattern (a string)"
	case "/exclude/*", "/input-formats/*/path", "/waivers/*/path", "/waivers/*/pointer":
		return "a glob pattern (a string)"
	case "/input-formats":
		return "a list of mappings with path and format"
	case "/input-formats/*":
		return "a mapping with path and format"
	case "/input-formats/*/format":
		return "the name of an input format (a string)"
	case "/require":
		return "a list of documented items (status:…, event:…, reason:…)"
	case "/require/*":
		return "a documented item such as event:enroll/preference_study (a string)"
	case "/waivers":
		return "a list of waivers"
	case "/waivers/*":
		return "a mapping with rule, reason and optionally path, pointer, value and expires"
	case "/waivers/*/rule":
		return "a rule ID (a string)"
	case "/waivers/*/reason":
		return "a sentence saying why the finding is accepted"
	case "/waivers/*/value":
		return "a string (a study's slug or name, or an uptake source)"
	case "/waivers/*/expires":
		return "a date (YYYY-MM-DD)"
	}
	return "something else"
}

// suggestion is "; did you mean "x"?" for a near miss, or ": expected a,
// b or c" when nothing is close.
func suggestion(got string, want []string) string {
	if h := didYouMean(got, want); h != "" {
		return h
	}
	return ": expected " + lint.OrList(want)
}

// didYouMean is "; did you mean "x"?" when got is a plausible typo of one
// of want, or "".
func didYouMean(got string, want []string) string {
	if h := lint.DidYouMean(got, want); h != "" {
		return "; " + h
	}
	return ""
}
