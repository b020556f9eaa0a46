package config

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/normlint/normlint/lint"
)

// testRules and testFormats stand in for the catalog and the
// --input-format names.
var (
	testRules = []string{
		"slug-format", "undocumented-event", "unknown-reason", "personal-data",
		"missing-slug", "invalid-reason",
	}
	testFormats = []string{"auto", "records", "event-ping", "main-ping", "glean", "bigquery"}
)

func parse(t *testing.T, src string) *Config {
	t.Helper()
	c, err := Parse("cfg/.normlint.yaml", []byte(src), testRules, testFormats)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return c
}

func date(s string) time.Time {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestParseKeys checks that every key is read into the Config.
func TestParseKeys(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		check func(t *testing.T, c *Config)
	}{
		{"empty file", "", func(t *testing.T, c *Config) {
			if c.FailLevel != nil || len(c.Severity) != 0 || len(c.Disabled) != 0 || c.Exclude != nil || c.InputFormats != nil || c.Waivers != nil {
				t.Errorf("empty file gave %+v", c)
			}
		}},
		{"comments only", "# nothing yet\n\n", func(t *testing.T, c *Config) {
			if c.FailLevel != nil || len(c.Waivers) != 0 {
				t.Errorf("comments gave %+v", c)
			}
		}},
		{"explicit null document", "---\n~\n", func(t *testing.T, c *Config) {}},
		{"version", "version: 1\n", func(t *testing.T, c *Config) {}},
		{"fail-level", "fail-level: warning\n", func(t *testing.T, c *Config) {
			if c.FailLevel == nil || *c.FailLevel != lint.SeverityWarning {
				t.Errorf("FailLevel = %v", c.FailLevel)
			}
		}},
		{"fail-level none", "fail-level: none\n", func(t *testing.T, c *Config) {
			if c.FailLevel == nil || *c.FailLevel != lint.SeverityNone {
				t.Errorf("FailLevel = %v", c.FailLevel)
			}
		}},
		{"rules", "rules:\n  slug-format: off\n  personal-data: on\n  undocumented-event: warning\n  unknown-reason: error\n  missing-slug: info\n", func(t *testing.T, c *Config) {
			wantSev := map[string]lint.Severity{"undocumented-event": lint.SeverityWarning, "unknown-reason": lint.SeverityError, "missing-slug": lint.SeverityInfo}
			if !reflect.DeepEqual(c.Severity, wantSev) {
				t.Errorf("Severity = %v, want %v", c.Severity, wantSev)
			}
			wantDis := map[string]bool{"slug-format": true, "personal-data": false, "undocumented-event": false, "unknown-reason": false, "missing-slug": false}
			if !reflect.DeepEqual(c.Disabled, wantDis) {
				t.Errorf("Disabled = %v, want %v", c.Disabled, wantDis)
			}
		}},
		{"the configuration's own rules", "rules:\n  unused-waiver: off\n  expired-waiver: warning\n", func(t *testing.T, c *Config) {
			if !c.Disabled[unusedWaiver] || c.Severity[expiredWaiver] != lint.SeverityWarning {
				t.Errorf("Disabled = %v, Severity = %v", c.Disabled, c.Severity)
			}
		}},
		{"empty sections", "rules:\nexclude:\ninput-formats:\nwaivers:\n", func(t *testing.T, c *Config) {
			if len(c.Severity)+len(c.Exclude)+len(c.InputFormats)+len(c.Waivers) != 0 {
				t.Errorf("empty sections gave %+v", c)
			}
		}},
		{"max-lifecycle-pairs", "max-lifecycle-pairs: 2500000\n", func(t *testing.T, c *Config) {
			if c.MaxLifecyclePairs != 2500000 {
				t.Errorf("MaxLifecyclePairs = %d, want 2500000", c.MaxLifecyclePairs)
			}
		}},
		{"firefox-version", "firefox-version: \">=120\"\n", func(t *testing.T, c *Config) {
			if c.FirefoxVersion.String() != ">=120" {
				t.Errorf("FirefoxVersion = %q, want >=120", c.FirefoxVersion)
			}
		}},
		{"firefox-version as an integer", "firefox-version: 134\n", func(t *testing.T, c *Config) {
			if c.FirefoxVersion.String() != "134" {
				t.Errorf("FirefoxVersion = %q, want 134", c.FirefoxVersion)
			}
		}},
		{"exclude", "exclude:\n  - \"testdata/legacy/**\"\n  - '*.bak'\n", func(t *testing.T, c *Config) {
			if want := []string{"testdata/legacy/**", "*.bak"}; !reflect.DeepEqual(c.Exclude, want) {
				t.Errorf("Exclude = %q, want %q", c.Exclude, want)
			}
		}},
		{"input-formats", "input-formats:\n  - path: \"exports/**/*.jsonl.gz\"\n    format: bigquery\n  - {path: glean, format: glean}\n", func(t *testing.T, c *Config) {
			want := []InputFormat{
				{Glob: "exports/**/*.jsonl.gz", Format: "bigquery", Line: 2, Column: 5},
				{Glob: "glean", Format: "glean", Line: 4, Column: 5},
			}
			if len(c.InputFormats) != len(want) {
				t.Fatalf("InputFormats = %+v", c.InputFormats)
			}
			for i, w := range want {
				g := c.InputFormats[i]
				if g.Glob != w.Glob || g.Format != w.Format || g.Line != w.Line || g.Column != w.Column {
					t.Errorf("InputFormats[%d] = %+v, want %+v", i, g, w)
				}
			}
		}},
		{"waiver with every field", `waivers:
  - rule: unknown-reason
    reason: "Firefox 91 sent it (bug 1234567); fixed in 92"
    path: "samples/old/*.json"
    pointer: "/extra/reason"
    value: "pref-old-study"
    expires: 2027-01-31
`, func(t *testing.T, c *Config) {
			if len(c.Waivers) != 1 {
				t.Fatalf("Waivers = %+v", c.Waivers)
			}
			w := c.Waivers[0]
			if w.Rule != "unknown-reason" || w.Reason != "Firefox 91 sent it (bug 1234567); fixed in 92" ||
				w.Path != "samples/old/*.json" || w.Pointer != "/extra/reason" || w.Value != "pref-old-study" ||
				!w.Expires.Equal(date("2027-01-31")) || w.Line != 2 || w.Column != 5 || w.Matched != 0 {
				t.Errorf("waiver = %+v", w)
			}
		}},
		{"waiver with only rule and reason", "waivers:\n  - rule: missing-slug\n    reason: known\n", func(t *testing.T, c *Config) {
			w := c.Waivers[0]
			if w.Path != "" || w.Pointer != "" || w.Value != "" || !w.Expires.IsZero() {
				t.Errorf("waiver = %+v", w)
			}
		}},
		{"quoted date", "waivers:\n  - {rule: missing-slug, reason: r, expires: \"2028-02-29\"}\n", func(t *testing.T, c *Config) {
			if !c.Waivers[0].Expires.Equal(date("2028-02-29")) {
				t.Errorf("Expires = %v", c.Waivers[0].Expires)
			}
		}},
		{"anchors and aliases", "waivers:\n  - {rule: missing-slug, reason: &why known since Firefox 91}\n  - {rule: unknown-reason, reason: *why}\nrules:\n  missing-slug: &sev info\n  slug-format: *sev\n", func(t *testing.T, c *Config) {
			if c.Waivers[1].Reason != "known since Firefox 91" || c.Severity["slug-format"] != lint.SeverityInfo {
				t.Errorf("aliases gave %+v, %v", c.Waivers[1], c.Severity)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := parse(t, tt.src)
			if c.Path != "cfg/.normlint.yaml" {
				t.Errorf("Path = %q", c.Path)
			}
			if want, _ := filepath.Abs("cfg"); c.Dir != want {
				t.Errorf("Dir = %q, want %q", c.Dir, want)
			}
			tt.check(t, c)
		})
	}
}

// TestLoad reads the shipped example files.
func TestLoad(t *testing.T) {
	c, err := Load("testdata/full.normlint.yaml", testRules, testFormats)
	if err != nil {
		t.Fatal(err)
	}
	if *c.FailLevel != lint.SeverityWarning || !c.Disabled["slug-format"] || c.Severity[unusedWaiver] != lint.SeverityError ||
		len(c.Exclude) != 2 || len(c.InputFormats) != 2 || len(c.Waivers) != 2 {
		t.Errorf("full config = %+v", c)
	}
	if _, err := Load("testdata/empty.normlint.yaml", testRules, testFormats); err != nil {
		t.Errorf("empty config: %v", err)
	}
	_, err = Load("testdata/invalid.normlint.yaml", testRules, testFormats)
	want := strings.Join([]string{
		`testdata/invalid.normlint.yaml:2:13: fail-level "fatal": expected error, warning, info or none`,
		`testdata/invalid.normlint.yaml:4:3: unknown rule "slug-formt"; did you mean "slug-format"?`,
		`testdata/invalid.normlint.yaml:6:5: waiver 1 has no reason: a waiver must say why the finding is accepted`,
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("invalid config:\n%v\nwant:\n%s", err, want)
	}
	var list Errors
	if !errors.As(err, &list) || len(list) != 3 || list[2].Line != 6 || list[2].Column != 5 || list[2].File != "testdata/invalid.normlint.yaml" {
		t.Errorf("errors.As(Errors) = %#v", list)
	}
	var one *Error
	if !errors.As(err, &one) || one.Line != 2 {
		t.Errorf("errors.As(*Error) = %#v", one)
	}
	_, err = Load("testdata/missing.yaml", testRules, testFormats)
	if err == nil || !errors.Is(err, os.ErrNotExist) || errors.As(err, &list) {
		t.Errorf("missing file: %v", err)
	}
}

// TestErrors checks every kind of problem with its exact position and
// message. Each case is one file; most have one problem.
func TestErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // "line:col: message"
	}{
		{"missing reason", "waivers:\n  - rule: unknown-reason\n    value: x\n",
			[]string{"2:5: waiver 1 has no reason: a waiver must say why the finding is accepted"}},
		{"empty reason", "waivers:\n  - rule: unknown-reason\n    reason: \"\"\n",
			[]string{"3:13: waiver 1 has an empty reason: a waiver must say why the finding is accepted"}},
		{"blank reason", "waivers:\n  - rule: unknown-reason\n    reason: \"  \"\n",
			[]string{"3:13: waiver 1 has an empty reason: a waiver must say why the finding is accepted"}},
		{"null reason", "waivers:\n  - rule: unknown-reason\n    reason:\n",
			[]string{"3:12: waiver 1 has an empty reason: a waiver must say why the finding is accepted"}},
		{"missing rule and reason", "waivers:\n  - {value: x}\n", []string{
			"2:5: waiver 1 has no reason: a waiver must say why the finding is accepted",
			"2:5: waiver 1 has no rule: a waiver must name the rule whose finding it accepts",
		}},
		{"unknown rule in rules", "rules:\n  slug-format: off\n  slug-formt: off\n",
			[]string{`3:3: unknown rule "slug-formt"; did you mean "slug-format"?`}},
		{"unknown rule far from any", "rules:\n  frobnicate: off\n",
			[]string{"2:3: unknown rule \"frobnicate\": `normlint rules` lists the rule IDs"}},
		{"unknown rule in a waiver", "waivers:\n  - rule: unknown-reasn\n    reason: r\n",
			[]string{`2:11: unknown rule "unknown-reasn"; did you mean "unknown-reason"?`}},
		{"waiver of the configuration's own rule", "waivers:\n  - rule: unused-waiver\n    reason: r\n",
			[]string{"2:11: a waiver cannot accept unused-waiver, a problem of the configuration itself: fix the waiver it names, or set `rules: {unused-waiver: off}`"}},
		{"bad firefox-version", "fail-level: error\nfirefox-version: 120-80\n",
			[]string{`2:18: version span "120-80" ends before it starts`}},
		{"firefox-version not a version", "firefox-version: latest\n",
			[]string{`1:18: invalid Firefox version range term "latest": want a Firefox major version (134), a span (120-134), a bound (>=120, >120, <=80, <80), or several of them separated by commas`}},
		{"bad severity", "rules:\n  slug-format: fatal\n",
			[]string{`2:16: severity "fatal" for rule slug-format: expected off, on, error, warning or info`}},
		{"abbreviated severity", "rules:\n  slug-format: warn\n",
			[]string{`2:16: severity "warn" for rule slug-format: expected off, on, error, warning or info; did you mean "warning"?`}},
		{"no severity", "rules:\n  slug-format:\n",
			[]string{`2:15: rule slug-format has no setting: expected off, on, error, warning or info`}},
		{"boolean severity", "rules:\n  slug-format: false\n",
			[]string{`2:16: severity false for rule slug-format: expected off, on, error, warning or info`}},
		{"bad fail-level", "fail-level: fatal\n",
			[]string{`1:13: fail-level "fatal": expected error, warning, info or none`}},
		{"fail-level with a typo", "fail-level: eror\n",
			[]string{`1:13: fail-level "eror": expected error, warning, info or none; did you mean "error"?`}},
		{"bad version", "version: 2\n", []string{"1:10: version 2 is not supported: expected 1"}},
		{"version as a string", "version: \"1\"\n", []string{`1:10: version "1" is not supported: expected 1`}},
		{"month 13", "waivers:\n  - rule: missing-slug\n    reason: r\n    expires: 2027-13-01\n",
			[]string{`4:14: expires "2027-13-01" is not a date (YYYY-MM-DD)`}},
		{"February 30", "waivers:\n  - rule: missing-slug\n    reason: r\n    expires: \"2027-02-30\"\n",
			[]string{`4:14: expires "2027-02-30" is not a date (YYYY-MM-DD)`}},
		{"not YYYY-MM-DD", "waivers:\n  - rule: missing-slug\n    reason: r\n    expires: 31/01/2027\n",
			[]string{`4:14: expires "31/01/2027" is not a date (YYYY-MM-DD)`}},
		{"date and time", "waivers:\n  - rule: missing-slug\n    reason: r\n    expires: 2027-01-31T10:00:00Z\n",
			[]string{`4:14: expires "2027-01-31T10:00:00Z" is not a date (YYYY-MM-DD)`}},
		{"number as date", "waivers:\n  - rule: missing-slug\n    reason: r\n    expires: 2027\n",
			[]string{`4:14: expires of waiver 1 must be a date (YYYY-MM-DD), found the number 2027`}},
		{"max-lifecycle-pairs zero", "max-lifecycle-pairs: 0\n",
			[]string{`1:22: max-lifecycle-pairs must be a whole number of (client, study) pairs, 1 or more, found the number 0`}},
		{"max-lifecycle-pairs text", "max-lifecycle-pairs: many\n",
			[]string{`1:22: max-lifecycle-pairs must be a whole number of (client, study) pairs, 1 or more, found "many"`}},
		{"unknown top-level key", "version: 1\nexclud:\n  - x\n",
			[]string{`2:1: unknown key "exclud"; did you mean "exclude"?`}},
		{"required item not documented", "require:\n  - event:enrol/preference_study\n",
			[]string{`2:5: required item "event:enrol/preference_study" is not a documented status, event or reason; did you mean "event:enroll/preference_study"?`}},
		{"required item not a string", "require:\n  - 3\n",
			[]string{`2:5: required item 1 must be a documented item such as event:enroll/preference_study (a string), found the number 3`}},
		{"unknown top-level key far from any", "colour: never\n",
			[]string{`1:1: unknown key "colour": expected version, fail-level, min-severity, max-lifecycle-pairs, paths, rules, exclude, input-formats, waivers or require`}},
		{"unknown key in a waiver", "waivers:\n  - rule: missing-slug\n    reason: r\n  - rule: missing-slug\n    reason: r\n    pointr: /value\n",
			[]string{`6:5: unknown key "pointr" in waiver 2; did you mean "pointer"?`}},
		{"unknown key in an input format", "input-formats:\n  - path: x\n    format: glean\n    when: always\n",
			[]string{`4:5: unknown key "when" in input format 1: expected path or format`}},
		{"bad glob in exclude", "exclude:\n  - ok/*.json\n  - \"samples/[ab\"\n",
			[]string{`3:5: exclude pattern "samples/[ab" is not a valid glob: a "[" class is not closed by "]" within its segment (a class cannot hold "/"; write \[ for a literal "[")`}},
		{"glob ending in a backslash", "exclude:\n  - 'x\\'\n",
			[]string{`2:5: exclude pattern "x\\" is not a valid glob: it ends with "\", which escapes nothing`}},
		{"glob leaving the directory", "exclude:\n  - ../other/**\n",
			[]string{`2:5: exclude pattern "../other/**" can never match: paths are relative to the configuration's directory and cannot leave it`}},
		{"bad glob in a waiver path", "waivers:\n  - rule: missing-slug\n    reason: r\n    path: \"[\"\n",
			[]string{`4:11: path "[" is not a valid glob: a "[" class is not closed by "]" within its segment (a class cannot hold "/"; write \[ for a literal "[")`}},
		{"bad glob in a waiver pointer", "waivers:\n  - rule: missing-slug\n    reason: r\n    pointer: \"/extra/[\"\n",
			[]string{`4:14: pointer "/extra/[" is not a valid glob: a "[" class is not closed by "]" within its segment (a class cannot hold "/"; write \[ for a literal "[")`}},
		{"pointer without its leading slash", "waivers:\n  - rule: missing-slug\n    reason: r\n    pointer: extra/reason\n",
			[]string{`4:14: pointer "extra/reason" can never match: a JSON pointer starts with "/"; did you mean "/extra/reason"?`}},
		{"bad glob in input-formats", "input-formats:\n  - path: \"[x\"\n    format: glean\n",
			[]string{`2:11: path "[x" is not a valid glob: a "[" class is not closed by "]" within its segment (a class cannot hold "/"; write \[ for a literal "[")`}},
		{"unknown input format", "input-formats:\n  - path: x\n    format: bigqery\n",
			[]string{`3:13: unknown input format "bigqery"; did you mean "bigquery"?`}},
		{"unknown input format far from any", "input-formats:\n  - path: x\n    format: csv\n",
			[]string{`3:13: unknown input format "csv": expected auto, bigquery, event-ping, glean, main-ping or records`}},
		{"input format without format", "input-formats:\n  - path: x\n",
			[]string{`2:5: input format 1 has no format: it must name the input format of the files its path matches (auto, records, event-ping, main-ping, glean or bigquery)`}},
		{"input format without path", "input-formats:\n  - format: glean\n",
			[]string{`2:5: input format 1 has no path: it must give the glob of the files the format applies to`}},
		{"empty glob", "exclude:\n  - \"\"\n", []string{`2:5: exclude pattern 1 is empty: expected a glob pattern (a string)`}},
		{"wrong types", "rules: off\nexclude: x\nwaivers: {}\ninput-formats:\n  - x\n", []string{
			`1:8: rules must be a mapping from rule IDs to off, on, error, warning or info, found "off"`,
			`2:10: exclude must be a list of glob patterns, found "x"`,
			`3:10: waivers must be a list of waivers, found a mapping`,
			`5:5: input format 1 must be a mapping with path and format, found "x"`,
		}},
		{"not a mapping", "- rules\n",
			[]string{`1:1: the configuration must be a mapping of keys (version, fail-level, min-severity, max-lifecycle-pairs, paths, rules, exclude, input-formats, waivers, require), found a list`}},
		{"duplicate key", "fail-level: error\nrules: {}\nfail-level: info\n",
			[]string{`3:1: key "fail-level" is already defined at line 1: a key may appear once in a mapping`}},
		{"duplicate rule", "rules:\n  slug-format: off\n  slug-format: on\n",
			[]string{`3:3: key "slug-format" is already defined at line 2: a key may appear once in a mapping`}},
		{"merge key", "rules:\n  slug-format: off\n  <<: {missing-slug: on}\n",
			[]string{`3:3: YAML merge keys (<<) are not supported in a normlint configuration: write the keys out`}},
		{"second document", "fail-level: error\n---\nfail-level: info\n",
			[]string{`2:1: a second YAML document starts here: a configuration file holds one document (remove the "---" line or the rest)`}},
		// YAML syntax errors: the library gives no column (and sometimes no
		// line); normlint finds both.
		{"YAML: bad indentation", "rules:\n  slug-format: off\n undocumented-event: off\n",
			[]string{`3:2: invalid YAML: did not find expected key (check the indentation of this line against the lines above)`}},
		{"YAML: colon in a plain value", "waivers:\n  - rule: missing-slug\n    reason: see: bug 1\n",
			[]string{`3:16: invalid YAML: unexpected ":" (quote a value that contains ": ")`}},
		{"YAML: tab indentation", "rules:\n\tslug-format: off\n",
			[]string{`2:1: invalid YAML: a tab character here; YAML indents with spaces only`}},
		{"YAML: unterminated quote", "fail-level: error\nwaivers:\n  - rule: missing-slug\n    reason: 'known\n",
			[]string{`4:13: invalid YAML: found unexpected end of stream`}},
		{"YAML: reserved character", "fail-level: @error\n",
			[]string{`1:13: invalid YAML: found character that cannot start any token`}},
		{"YAML: unknown alias", "fail-level: *level\n",
			[]string{`1:13: invalid YAML: unknown anchor 'level' referenced`}},
		{"all problems at once", `version: 2
fail-level: fatal
rules:
  slug-formt: off
exclude: ["[x"]
input-formats:
  - {path: x, format: csv}
waivers:
  - rule: missing-slug
  - rule: unknown-reason
    reason: r
    expires: 2027-13-01
    extra: 1
`, []string{
			"1:10: version 2 is not supported: expected 1",
			`2:13: fail-level "fatal": expected error, warning, info or none`,
			`4:3: unknown rule "slug-formt"; did you mean "slug-format"?`,
			`5:11: exclude pattern "[x" is not a valid glob: a "[" class is not closed by "]" within its segment (a class cannot hold "/"; write \[ for a literal "[")`,
			`7:23: unknown input format "csv": expected auto, bigquery, event-ping, glean, main-ping or records`,
			"9:5: waiver 1 has no reason: a waiver must say why the finding is accepted",
			`12:14: expires "2027-13-01" is not a date (YYYY-MM-DD)`,
			`13:5: unknown key "extra" in waiver 2: expected rule, reason, path, pointer, value or expires`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("c.yaml", []byte(tt.src), testRules, testFormats)
			if err == nil {
				t.Fatalf("no error; config %+v", c)
			}
			if c != nil {
				t.Errorf("an invalid file still gave a config")
			}
			var list Errors
			if !errors.As(err, &list) {
				t.Fatalf("error %T is not Errors: %v", err, err)
			}
			var got []string
			for _, e := range list {
				if e.File != "c.yaml" {
					t.Errorf("File = %q", e.File)
				}
				got = append(got, strings.TrimPrefix(e.Error(), "c.yaml:"))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestNilCatalog: without a catalog or format list, any name is accepted.
func TestNilCatalog(t *testing.T) {
	c, err := Parse("c.yaml", []byte("rules: {anything: off}\ninput-formats: [{path: x, format: whatever}]\nwaivers: [{rule: other, reason: r}]\n"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Disabled["anything"] || c.InputFormats[0].Format != "whatever" || c.Waivers[0].Rule != "other" {
		t.Errorf("config = %+v", c)
	}
}

// TestAliasBomb: aliases cannot make a small file expand without bound.
func TestAliasBomb(t *testing.T) {
	src := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g"} {
		src += n + ": &" + n + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
		prev = n
	}
	_, err := Parse("c.yaml", []byte(src), testRules, testFormats)
	if err == nil || !strings.Contains(err.Error(), "more than 100000 values") {
		t.Errorf("err = %v", err)
	}
}

func TestErrorRendering(t *testing.T) {
	l := Errors{{File: "a.yaml", Line: 1, Column: 2, Message: "m1"}, {File: "a.yaml", Line: 3, Column: 4, Message: "m2"}}
	if got, want := l.Error(), "a.yaml:1:2: m1\na.yaml:3:4: m2"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// TestFind walks up nested directories.
func TestFind(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(p string) {
		t.Helper()
		if err := os.WriteFile(p, []byte("version: 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if p, ok := Find(deep); ok && strings.HasPrefix(p, root) {
		t.Fatalf("found %s before writing any", p)
	}

	write(filepath.Join(root, "a", altFileName))
	if p, ok := Find(deep); !ok || p != filepath.Join(root, "a", altFileName) {
		t.Errorf("Find = %q, %v; want the .yml two levels up", p, ok)
	}
	// .yaml wins over .yml in one directory.
	write(filepath.Join(root, "a", FileName))
	if p, ok := Find(deep); !ok || p != filepath.Join(root, "a", FileName) {
		t.Errorf("Find = %q, %v; want the .yaml", p, ok)
	}
	// The nearest directory wins.
	write(filepath.Join(root, "a", "b", altFileName))
	if p, ok := Find(deep); !ok || p != filepath.Join(root, "a", "b", altFileName) {
		t.Errorf("Find = %q, %v; want the nearer one", p, ok)
	}
	// A directory of that name does not count.
	if err := os.Mkdir(filepath.Join(deep, FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	if p, _ := Find(deep); p != filepath.Join(root, "a", "b", altFileName) {
		t.Errorf("Find = %q; a directory was taken for the file", p)
	}
	// A relative start is resolved against the working directory, and
	// the result is absolute.
	t.Chdir(filepath.Join(root, "a", "b"))
	if p, ok := Find("c"); !ok || p != filepath.Join(root, "a", "b", altFileName) {
		t.Errorf("Find(relative) = %q, %v", p, ok)
	}
	if p, ok := Find("."); !ok || !filepath.IsAbs(p) {
		t.Errorf("Find(.) = %q, %v", p, ok)
	}
}

// TestPathsRelativeToConfig: exclude and input-formats globs are relative
// to the configuration's directory, whatever the working directory.
func TestPathsRelativeToConfig(t *testing.T) {
	root := t.TempDir()
	proj := filepath.Join(root, "proj")
	if err := os.MkdirAll(filepath.Join(proj, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	src := `exclude:
  - "testdata/legacy/**"
  - "*.bak"
  - "/vendor"
  - "build/"
input-formats:
  - path: "exports/**/*.jsonl.gz"
    format: bigquery
  - path: "exports/special.jsonl.gz"
    format: records
  - path: glean
    format: glean
`
	cfgPath := filepath.Join(proj, FileName)
	if err := os.WriteFile(cfgPath, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(cfgPath, testRules, testFormats)
	if err != nil {
		t.Fatal(err)
	}
	if c.Dir != proj {
		t.Errorf("Dir = %q, want %q", c.Dir, proj)
	}

	t.Chdir(filepath.Join(proj, "sub")) // files as given are relative to here
	excluded := map[string]bool{
		"../testdata/legacy/a.json":                   true,
		"../testdata/legacy/deep/b.jsonl":             true,
		"../testdata/legacy":                          true, // the directory itself: a walk can skip it
		"../testdata/current/a.json":                  false,
		"../testdata/legacy.json":                     false,
		"x.bak":                                       true, // no slash: any depth
		"deep/er/y.bak":                               true,
		"y.bak.json":                                  false,
		"../vendor/a.json":                            true, // leading slash: anchored
		"vendor/a.json":                               false,
		"build/out.json":                              true,  // trailing slash: a directory at any depth
		filepath.Join(proj, "testdata/legacy/c.json"): true,  // absolute
		filepath.Join(root, "testdata/legacy/d.json"): false, // outside the config's directory
		"../..": false,
	}
	for file, want := range excluded {
		if got := c.Excluded(file); got != want {
			t.Errorf("Excluded(%q) = %v, want %v", file, got, want)
		}
	}
	formats := map[string]string{
		"../exports/2025/01/day.jsonl.gz": "bigquery",
		"../exports/day.jsonl.gz":         "bigquery", // ** matches no directory too
		"../exports/special.jsonl.gz":     "bigquery", // the first match wins
		"../exports/day.jsonl":            "",
		"glean/ping.json":                 "glean", // under a directory named glean
		"../glean":                        "glean",
		"../other.json":                   "",
	}
	for file, want := range formats {
		if got := c.FormatFor(file); got != want {
			t.Errorf("FormatFor(%q) = %q, want %q", file, got, want)
		}
	}
}

// TestSchema: the embedded schema compiles, is what SchemaSource returns,
// and is closed (additionalProperties false) on every object.
func TestSchema(t *testing.T) {
	compiledSchema()
	var doc map[string]any
	if err := json.Unmarshal(SchemaSource(), &doc); err != nil {
		t.Fatal(err)
	}
	var check func(path string, v any)
	check = func(path string, v any) {
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		if _, hasProps := m["properties"]; hasProps {
			if ap, ok := m["additionalProperties"]; !ok || ap != false {
				t.Errorf("%s: an object schema without additionalProperties: false", path)
			}
		}
		for k, sub := range m {
			switch sub := sub.(type) {
			case map[string]any:
				check(path+"/"+k, sub)
			case []any:
				for _, item := range sub {
					check(path+"/"+k, item)
				}
			}
		}
	}
	check("#", doc)
	// SchemaSource returns a copy: callers cannot change what is validated.
	SchemaSource()[0] = 'x'
	if SchemaSource()[0] != '{' {
		t.Error("SchemaSource shares its bytes")
	}
}

func TestRequire(t *testing.T) {
	c, err := Parse("x.yaml", []byte("require:\n  - status:RECIPE_SUCCESS\n  - event:enroll/addon_study\n"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"status:RECIPE_SUCCESS", "event:enroll/addon_study"}; !slices.Equal(c.Require, want) {
		t.Errorf("Require = %q, want %q", c.Require, want)
	}
}
