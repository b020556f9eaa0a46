package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/normlint/normlint/config"
	"github.com/normlint/normlint/lint"
)

// dataExtensions are the file names a directory walk checks; anything else
// in a directory is skipped and counted. Files named on the command line
// (or matched by a glob) are checked whatever their name.
var dataExtensions = []string{".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz"}

func isDataFile(name string) bool {
	lower := strings.ToLower(name)
	for _, ext := range dataExtensions {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

// expansion is what the command line's paths stand for.
type expansion struct {
	inputs  []lint.Input
	skipped int // files in walked directories that are not data files, and excluded files
	files   map[string]bool
	conf    *config.Config
	// found counts the data files directories and patterns reached and
	// not excluded (even when another argument reached them first), and
	// excluded those the configuration excludes, to tell an argument that
	// stood for nothing.
	found, excluded int
	// excludedNamed lists files named on the command line that the
	// configuration excludes: skipped with a note.
	excludedNamed []string
	// named lists the files when every argument named one (as a pre-commit
	// hook passes them); nil when a directory, pattern or - was given.
	named []string
}

// expandPaths turns PATH arguments into inputs, in command-line order:
// "-" is standard input, a directory is walked recursively in sorted order,
// a pattern with *, ? or [ (quoted, so that the shell leaves it alone; ** is
// any number of directories) is expanded in sorted order. A path that does
// not exist, or a directory or pattern with nothing to check, is an
// unreadable input.
func expandPaths(args []string, stdin io.Reader, stdinName string, conf *config.Config) expansion {
	ex := expansion{files: map[string]bool{}, conf: conf}
	onlyFiles := true
	for _, arg := range args {
		st, statErr := os.Stat(arg)
		switch {
		case arg == "-":
			onlyFiles = false
			ex.inputs = append(ex.inputs, lint.Input{Name: stdinName, Open: func() (io.ReadCloser, error) { return io.NopCloser(stdin), nil }})
		case statErr == nil && st.IsDir():
			onlyFiles = false
			found, excluded := ex.found, ex.excluded
			ex.walk(arg, map[string]bool{})
			if ex.found == found {
				ex.inputs = append(ex.inputs, unreadable(arg, nothingToCheck("the directory", ex.excluded-excluded)))
			}
		case exists(arg):
			ex.addFile(arg, true)
		case hasMeta(arg):
			onlyFiles = false
			matches, err := glob(arg)
			if err != nil {
				ex.inputs = append(ex.inputs, unreadable(arg, err))
				continue
			}
			found, excluded := ex.found, ex.excluded
			for _, m := range matches {
				if st, err := os.Stat(m); err == nil && st.IsDir() {
					ex.walk(m, map[string]bool{})
				} else {
					ex.addFile(m, false)
				}
			}
			if ex.found == found {
				ex.inputs = append(ex.inputs, unreadable(arg, nothingToCheck("the pattern", ex.excluded-excluded)))
			}
		default:
			ex.inputs = append(ex.inputs, fileInput(arg))
		}
	}
	if onlyFiles {
		ex.named = append([]string{}, args...)
	}
	return ex
}

// setPaths takes the command line's paths, or the configuration's when
// it names none.
func (o *inputOptions) setPaths(c *cli.Context) error {
	o.paths = c.Args().Slice()
	if len(o.paths) == 0 && o.config != nil && len(o.config.Paths) > 0 {
		o.paths = configPaths(o.config)
	}
	if len(o.paths) == 0 {
		return usageErr("%s needs at least one PATH (or - for standard input), or paths in the configuration file", c.Command.Name)
	}
	return nil
}

// nothingToCheck words why a directory or pattern stood for no input.
func nothingToCheck(what string, excluded int) error {
	if excluded > 0 {
		return fmt.Errorf("nothing to check: everything %s reaches is excluded by the configuration", what)
	}
	if what == "the pattern" {
		return errors.New("nothing to check: no file matches this pattern")
	}
	return errors.New("nothing to check: the directory holds no .json, .jsonl or .ndjson file (nor their .gz)")
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

func hasMeta(p string) bool { return strings.ContainsAny(p, "*?[") }

func unreadable(name string, err error) lint.Input {
	return lint.Input{Name: name, Open: func() (io.ReadCloser, error) { return nil, err }}
}

// walk visits a directory in sorted order, following symbolic links to
// directories once each: a link back up the tree is not followed again.
func (ex *expansion) walk(dir string, seen map[string]bool) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		ex.inputs = append(ex.inputs, unreadable(dir, err))
		return
	}
	if abs, err := filepath.Abs(real); err == nil {
		real = abs
	}
	if seen[real] {
		return
	}
	seen[real] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		ex.inputs = append(ex.inputs, unreadable(dir, err))
		return
	}
	for _, e := range entries { // ReadDir sorts by name
		p := filepath.Join(dir, e.Name())
		if e.IsDir() && ex.conf != nil && ex.conf.Excluded(p) {
			ex.excluded++
			continue // an excluded directory is not walked at all
		}
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			st, err := os.Stat(p)
			if err != nil {
				ex.skipped++ // a dangling link holds no data
				continue
			}
			isDir = st.IsDir()
		}
		switch {
		case isDir:
			ex.walk(p, seen)
		case isDataFile(e.Name()):
			ex.addFile(p, false)
		default:
			ex.skipped++
		}
	}
}

// addFile adds a file named on the command line, or found by a walk or a
// pattern, once however many arguments reach it.
func (ex *expansion) addFile(p string, named bool) {
	if ex.conf != nil && ex.conf.Excluded(p) {
		ex.excluded++
		if !ex.files[filepath.Clean(p)] {
			ex.files[filepath.Clean(p)] = true
			ex.skipped++
			if named {
				ex.excludedNamed = append(ex.excludedNamed, p)
			}
		}
		return
	}
	ex.found++
	key := filepath.Clean(p)
	if ex.files[key] {
		return
	}
	ex.files[key] = true
	in := fileInput(p)
	if ex.conf != nil {
		in.Format = ex.conf.FormatFor(p)
	}
	ex.inputs = append(ex.inputs, in)
}

// fileInput opens a file lazily, when the engine reaches it.
func fileInput(p string) lint.Input {
	return lint.Input{Name: p, Open: func() (io.ReadCloser, error) { return openData(p) }}
}

// glob expands a pattern with the syntax of the configuration's globs
// (config.Match): "**" matches any number of directories, and each other
// segment follows config.MatchSegment, classes with [!...] negation
// included. Results are sorted.
func glob(pattern string) ([]string, error) {
	pattern = filepath.ToSlash(pattern)
	if err := config.ValidatePattern(pattern); err != nil {
		return nil, fmt.Errorf("bad pattern: %w", err)
	}
	parts := strings.Split(pattern, "/")
	// The walk starts at the longest prefix without metacharacters.
	root, i := "", 0
	for ; i < len(parts)-1 && !hasMeta(parts[i]); i++ {
		if i == 0 && parts[i] == "" {
			root = "/"
			continue
		}
		root = path.Join(root, parts[i])
	}
	if root == "" {
		root = "."
	}
	var out []string
	seen := map[string]bool{}
	matchGlob(root, parts[i:], seen, &out, map[string]bool{})
	sort.Strings(out)
	return out, nil
}

func matchGlob(dir string, parts []string, seen map[string]bool, out *[]string, visited map[string]bool) {
	if len(parts) == 0 {
		if !seen[dir] {
			seen[dir] = true
			*out = append(*out, filepath.FromSlash(dir))
		}
		return
	}
	if parts[0] == "**" {
		real, err := filepath.EvalSymlinks(dir)
		if err != nil || visited[real] {
			return
		}
		visited[real] = true
		defer delete(visited, real)
		matchGlob(dir, parts[1:], seen, out, visited) // zero directories
		entries, err := os.ReadDir(dir)
		if err != nil {
			return
		}
		for _, e := range entries {
			p := path.Join(dir, e.Name())
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				matchGlob(p, parts, seen, out, visited)
			}
		}
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !config.MatchSegment(parts[0], e.Name()) {
			continue
		}
		p := path.Join(dir, e.Name())
		if dir == "." {
			p = e.Name()
		}
		if len(parts) > 1 {
			if st, err := os.Stat(p); err != nil || !st.IsDir() {
				continue
			}
		}
		matchGlob(p, parts[1:], seen, out, visited)
	}
}
