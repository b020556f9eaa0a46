package linttest

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// Update is the -update flag of the test binary: it rewrites the
// expected sections with what normlint prints now; review the diff.
var Update = flag.Bool("update", false, "rewrite the golden files' expected sections with what normlint prints now")

// Main is the command line under test: normlint's cli.Run, which takes
// the arguments (the program's name first) and the standard streams and
// returns the exit code. (linttest does not import the command line
// itself, so that the command line's own tests can use it.)
type Main func(args []string, stdin io.Reader, stdout, stderr io.Writer) int

// Run runs every archive that pattern matches through main, each as a
// subtest named after its file. It fails when the pattern matches nothing.
func Run(t *testing.T, pattern string, main Main) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no golden case matches %s", pattern)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			runArchive(t, file, main)
		})
	}
}

// goldenOutputs are the expected sections of an archive; everything else
// is an input file.
var goldenOutputs = map[string]bool{"args": true, "stdout": true, "stderr": true, "exit": true, "stdin": true}

func runArchive(t *testing.T, file string, main Main) {
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
		if f.Name == ".normlint.yaml" {
			sections[f.Name] = f.Data
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
	if _, ok := sections[".normlint.yaml"]; !ok {
		// A configuration file above the temporary directory must not
		// change a case that has none of its own.
		args = append(args, "--no-config")
	}
	if a, ok := sections["args"]; ok {
		args = strings.Fields(string(a))
	} else {
		args = append(args, inputs...)
	}
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := main(append([]string{"normlint"}, args...), bytes.NewReader(sections["stdin"]), &stdout, &stderr)
	got := map[string][]byte{
		"stdout": stdout.Bytes(),
		"exit":   []byte(strconv.Itoa(code) + "\n"),
	}
	if _, ok := sections["stderr"]; ok || stderr.Len() > 0 {
		got["stderr"] = stderr.Bytes()
	}
	if *Update {
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
