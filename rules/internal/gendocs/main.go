// Command gendocs writes normlint's rule reference from the catalog, with
// rules.Reference: `go generate ./rules` runs it to write docs/rules.md.
// A test in package rules fails when that file is stale.
package main

import (
	"bytes"
	"flag"
	"log"
	"os"

	"github.com/normlint/normlint/rules"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("gendocs: ")
	out := flag.String("o", "", "write the reference to this file (default: standard output)")
	flag.Parse()
	var b bytes.Buffer
	if err := rules.Reference(&b); err != nil {
		log.Fatal(err)
	}
	if *out == "" {
		if _, err := os.Stdout.Write(b.Bytes()); err != nil {
			log.Fatal(err)
		}
		return
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}
