package diff

import (
	"errors"
	"io"
)

func renderHTML(io.Writer, *Result) error {
	return errors.New("the html format of diff is not written yet")
}
