// Command floor is the syntax-scan floor of the benchmarks: the least work
// any checker of a JSON Lines file must do. It reads each file with one
// jsontext.Decoder on one core and skips every top-level value (one per
// line in JSON Lines), which checks the syntax of every byte, UTF-8 and
// duplicate object names, and builds nothing.
//
//	go run ./bench/floor FILE...
//
// It exits 0, or 1 at the first file that is not a sequence of JSON values.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/go-json-experiment/json/jsontext"
)

func main() {
	runtime.GOMAXPROCS(1)
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: floor FILE...")
		os.Exit(2)
	}
	for _, path := range os.Args[1:] {
		n, err := scan(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "floor: %s: value %d: %v\n", path, n+1, err)
			os.Exit(1)
		}
	}
}

// scan skips every value of the file and says how many it read.
func scan(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	dec := jsontext.NewDecoder(bufio.NewReaderSize(f, 1<<16))
	n := 0
	for {
		err := dec.SkipValue()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}
