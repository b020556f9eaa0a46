// Command gen writes realistic, reproducible Normandy telemetry for
// benchmarking normlint: the same flags and seed always give the same bytes.
//
//	go run ./bench/gen -kind records -size 20MB -seed 1 -out records.jsonl
//	go run ./bench/gen -kind files -n 5000 -out dir/
//
// A fixed population of clients (-clients, 20,000 by default) goes through
// 50 studies (preference and add-on studies, preference and add-on
// rollouts, Nimbus experiments) in lifecycle order, with uptake reports in
// between and about 3 % of the Normandy events made wrong on purpose (a
// reason no Firefox sends, a missing or unregistered extra, a bad slug, an
// unknown event, an unenroll without its enroll, ...). Kinds:
//
//	records        hand-written records, JSON Lines, Normandy only
//	events-stream  firefox_desktop.events_stream rows, JSON Lines, 10 % Normandy
//	pings          legacy Telemetry event pings, JSON Lines
//	files          -n single-record pretty-printed files in the -out directory,
//	               valid for schemas/normandy-event.schema.json (the only
//	               findings are lifecycle contradictions)
//	array-line     one JSON array of events_stream rows on one line, as
//	               `bq query --format=json` writes it (Normandy rows only)
//	array-pretty   the same array pretty-printed (`--format=prettyjson`)
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// options are the generator's parameters.
type options struct {
	kind    string
	size    int64 // bytes, for every kind but files
	n       int   // files, for kind files
	seed    uint64
	clients int
}

var kinds = []string{"records", "events-stream", "pings", "files", "array-line", "array-pretty"}

func main() {
	var o options
	var size, out string
	flag.StringVar(&o.kind, "kind", "records", "what to write: "+strings.Join(kinds, ", "))
	flag.StringVar(&size, "size", "20MB", "approximate output size (B, KB, MB, GB: powers of 1000); not for files")
	flag.IntVar(&o.n, "n", 5000, "number of files (kind files)")
	flag.Uint64Var(&o.seed, "seed", 1, "random seed: the same seed gives the same bytes")
	flag.IntVar(&o.clients, "clients", 20000, "number of clients")
	flag.StringVar(&out, "out", "-", "output file (- for standard output), or directory for kind files")
	flag.Parse()
	var err error
	if o.size, err = parseSize(size); err != nil {
		fail(err)
	}
	if o.clients < 1 {
		fail(errors.New("-clients must be at least 1"))
	}
	if err := run(o, out); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(2)
}

// parseSize reads "20MB", "512KB", "1GB" or a number of bytes.
func parseSize(s string) (int64, error) {
	mult := int64(1)
	u := strings.ToUpper(strings.TrimSpace(s))
	for _, x := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}} {
		if strings.HasSuffix(u, x.suffix) {
			u, mult = strings.TrimSpace(strings.TrimSuffix(u, x.suffix)), x.mult
			break
		}
	}
	f, err := strconv.ParseFloat(u, 64)
	if err != nil || f <= 0 {
		return 0, fmt.Errorf("bad size %q: want a positive number with B, KB, MB or GB", s)
	}
	return int64(f * float64(mult)), nil
}

// run writes the output of o to out.
func run(o options, out string) error {
	if o.kind == "files" {
		if out == "-" {
			return errors.New("kind files needs -out DIRECTORY")
		}
		return writeFiles(o, out)
	}
	var w io.Writer = os.Stdout
	if out != "-" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if err := generate(o, w); err != nil {
		return err
	}
	if f, ok := w.(*os.File); ok && out != "-" {
		return f.Close()
	}
	return nil
}

// generate writes o's kind of stream to w until it holds o.size bytes.
func generate(o options, dst io.Writer) error {
	m := newModel(o.seed, o.clients)
	bw := bufio.NewWriterSize(dst, 1<<16)
	w := &writer{w: bw}
	switch o.kind {
	case "records":
		for w.n < o.size {
			e := m.next(m.anyClient())
			w.value(m.record(&e), 0)
			w.byte('\n')
		}
	case "events-stream":
		for w.n < o.size {
			c := m.anyClient()
			var e event
			if m.rng.IntN(10) == 0 {
				e = m.next(c)
			} else {
				e = m.other(c)
			}
			w.value(m.streamRow(&e, false), 0)
			w.byte('\n')
		}
	case "pings":
		for w.n < o.size {
			c := m.anyClient()
			events := make([]event, 2+m.rng.IntN(24))
			for i := range events {
				if m.rng.IntN(10) < 3 {
					events[i] = m.other(c)
				} else {
					events[i] = m.next(c)
				}
			}
			w.value(m.eventPing(c, events), 0)
			w.byte('\n')
		}
	case "array-line", "array-pretty":
		if o.kind == "array-pretty" {
			w.indent = "  "
		}
		w.byte('[')
		for first := true; first || w.n < o.size; first = false {
			if !first {
				w.byte(',')
			}
			w.newline(1)
			e := m.next(m.anyClient())
			w.value(m.streamRow(&e, true), 1)
		}
		w.newline(0)
		w.str("]\n")
	default:
		return fmt.Errorf("unknown kind %q: want one of %s", o.kind, strings.Join(kinds, ", "))
	}
	return bw.Flush()
}

// writeFiles writes o.n pretty-printed single-record files, named in
// stream order so that a directory walk reads them in lifecycle order.
func writeFiles(o options, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	m := newModel(o.seed, o.clients)
	m.schemaValid = true
	for i := range o.n {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%06d.json", i)))
		if err != nil {
			return err
		}
		bw := bufio.NewWriter(f)
		w := &writer{w: bw, indent: "  "}
		e := m.next(m.anyClient())
		w.value(m.record(&e), 0)
		w.byte('\n')
		err = errors.Join(bw.Flush(), f.Close())
		if err != nil {
			return err
		}
	}
	return nil
}
