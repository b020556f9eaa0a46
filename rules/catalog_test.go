package rules

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/normlint/normlint/schemas"
)

// ruleFile is the file of a rule of this package: rules/<rule_id>.go.
func ruleFile(id string) string { return strings.ReplaceAll(id, "-", "_") + ".go" }

// lintIDs returns the rule IDs that package lint owns (its Rule* constants
// in lint/adapter.go): the constant's name by ID.
func lintIDs(t *testing.T) map[string]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "../lint/adapter.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if i >= len(vs.Values) || !strings.HasPrefix(name.Name, "Rule") {
					continue
				}
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok {
					continue
				}
				id, _ := strconv.Unquote(lit.Value)
				ids[id] = name.Name
			}
		}
	}
	if len(ids) == 0 {
		t.Fatal("lint/adapter.go declares no Rule* constants")
	}
	return ids
}

// TestOneFilePerRule fails when a rule is not registered by its own file:
// rules/<rule_id>.go registers exactly that rule, under an ID constant the
// file declares (as the ID's string, or as package lint's constant for the
// IDs lint owns).
func TestOneFilePerRule(t *testing.T) {
	lintOwned := lintIDs(t)
	fset := token.NewFileSet()
	registered := map[string]string{} // ID by file
	files, _ := filepath.Glob("*.go")
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		consts := map[string]string{} // ID by constant name
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i >= len(vs.Values) {
						continue
					}
					switch v := vs.Values[i].(type) {
					case *ast.BasicLit:
						consts[name.Name], _ = strconv.Unquote(v.Value)
					case *ast.SelectorExpr:
						if x, ok := v.X.(*ast.Ident); ok && x.Name == "lint" {
							for id, c := range lintOwned {
								if c == v.Sel.Name {
									consts[name.Name] = id
								}
							}
						}
					}
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if fn, ok := call.Fun.(*ast.Ident); !ok || fn.Name != "register" {
				return true
			}
			var idExpr ast.Expr
			if u, ok := call.Args[0].(*ast.UnaryExpr); ok {
				if cl, ok := u.X.(*ast.CompositeLit); ok {
					for _, e := range cl.Elts {
						if kv, ok := e.(*ast.KeyValueExpr); ok && kv.Key.(*ast.Ident).Name == "ID" {
							idExpr = kv.Value
						}
					}
				}
			}
			ident, ok := idExpr.(*ast.Ident)
			id, declared := "", false
			if ok {
				id, declared = consts[ident.Name]
			}
			switch {
			case !declared:
				t.Errorf("%s: register's rule must have ID: a constant declared in the same file", fset.Position(call.Pos()))
			case registered[file] != "":
				t.Errorf("%s registers both %s and %s; one file per rule", file, registered[file], id)
			default:
				registered[file] = id
			}
			return true
		})
	}
	for _, r := range All() {
		file := ruleFile(r.ID)
		if got, ok := registered[file]; !ok {
			t.Errorf("%s is not registered by %s", r.ID, file)
		} else if got != r.ID {
			t.Errorf("%s registers %s, not %s", file, got, r.ID)
		}
	}
	for file, id := range registered {
		if file != ruleFile(id) {
			t.Errorf("%s registers %s, whose file is %s", file, id, ruleFile(id))
		}
	}
}

// TestRuleIDsDefinedOnce fails when a catalog rule ID appears as a string
// literal in the repository's Go code (tests and generated files aside)
// anywhere but in its owner's file: rules/<rule_id>.go, or lint/adapter.go
// for the IDs that package lint owns. Everything else names the constant.
func TestRuleIDsDefinedOnce(t *testing.T) {
	lintOwned := lintIDs(t)
	owner := map[string]string{}
	for _, r := range All() {
		owner[r.ID] = "rules/" + ruleFile(r.ID)
		if _, ok := lintOwned[r.ID]; ok {
			owner[r.ID] = "lint/adapter.go"
		}
	}
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != ".." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		if ast.IsGenerated(f) {
			return nil
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, ".."+string(filepath.Separator)))
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || owner[s] == "" || owner[s] == rel {
				return true
			}
			t.Errorf("%s:%d: rule ID %q as a string literal; only %s spells it, everything else names its constant", rel, fset.Position(lit.Pos()).Line, s, owner[s])
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSchemaAnnotationsNameRules fails when an embedded schema's
// "x-normlint-rule" annotation names no rule of the catalog, or when a
// rule's Message (the words for a schema violation) and the annotations
// disagree: a rule has a Message exactly when a schema names it.
func TestSchemaAnnotationsNameRules(t *testing.T) {
	named := map[string]bool{}
	var walk func(schema, ptr string, v any)
	walk = func(schema, ptr string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, c := range v {
				if k == "x-normlint-rule" {
					id, ok := c.(string)
					if _, known := catalog[id]; !ok || !known {
						t.Errorf("schema %s at %s: x-normlint-rule %v names no rule of the catalog", schema, ptr, c)
					}
					named[id] = true
					continue
				}
				walk(schema, path.Join(ptr, k), c)
			}
		case []any:
			for i, c := range v {
				walk(schema, path.Join(ptr, strconv.Itoa(i)), c)
			}
		}
	}
	for _, name := range schemas.Names() {
		src, ok := schemas.Source(name)
		if !ok {
			t.Fatalf("schema %q listed but has no source", name)
		}
		var v any
		if err := json.Unmarshal(src, &v); err != nil {
			t.Fatalf("schema %s: %v", name, err)
		}
		walk(name, "/", v)
	}
	if len(named) == 0 {
		t.Fatal("no schema names a rule")
	}
	for _, r := range All() {
		switch {
		case r.Message != nil && !named[r.ID]:
			t.Errorf("%s has a Message, but no schema names it", r.ID)
		case r.Message == nil && named[r.ID]:
			t.Errorf("schemas name %s, which has no Message to word their violations", r.ID)
		}
	}
}
