package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files' expected sections with what normlint prints now")

// TestGolden runs every testdata/golden/*.txtar archive. An archive holds
// input files, an optional "args" file (the command line after "normlint",
// one argument per line; default: check --color never and every input file
// in archive order), and the expected "stdout" and "exit" code. Paths in
// the output are relative to a temporary directory holding the inputs.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			runGolden(t, file)
		})
	}
}

// expected sections of an archive; everything else is an input file.
var goldenOutputs = map[string]bool{"args": true, "stdout": true, "stderr": true, "exit": true, "stdin": true}

func runGolden(t *testing.T, file string) {
	abs, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	ar, err := txtar.ParseFile(abs)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var inputs []string
	sections := map[string][]byte{}
	for _, f := range ar.Files {
		if goldenOutputs[f.Name] {
			sections[f.Name] = f.Data
			continue
		}
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, f.Name)
	}
	args := []string{"check", "--color", "never"}
	if a, ok := sections["args"]; ok {
		args = strings.Fields(string(a))
	} else {
		args = append(args, inputs...)
	}
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"normlint"}, args...), bytes.NewReader(sections["stdin"]), &stdout, &stderr)
	got := map[string][]byte{
		"stdout": stdout.Bytes(),
		"exit":   []byte(strconv.Itoa(code) + "\n"),
	}
	if _, ok := sections["stderr"]; ok || stderr.Len() > 0 {
		got["stderr"] = stderr.Bytes()
	}
	if *update {
		for i := range ar.Files {
			if g, ok := got[ar.Files[i].Name]; ok {
				ar.Files[i].Data = g
				delete(got, ar.Files[i].Name)
			}
		}
		for _, name := range []string{"stdout", "stderr", "exit"} {
			if g, ok := got[name]; ok {
				ar.Files = append(ar.Files, txtar.File{Name: name, Data: g})
			}
		}
		if err := os.WriteFile(abs, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for name, g := range got {
		want, ok := sections[name]
		if !ok {
			t.Errorf("archive has no %q section; normlint printed:\n%s", name, g)
			continue
		}
		if !bytes.Equal(want, g) {
			t.Errorf("%s differs\n--- want\n%s--- got\n%s", name, want, g)
		}
	}
}
