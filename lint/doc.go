// Package lint is normlint's framework, the stages of a run from bytes to
// reporters:
//
//   - reading: an input's bytes (gzip and a byte-order mark undone, binary
//     data refused) split into units that keep their positions: a JSON
//     Lines line, a document, an element of a top-level list streamed from
//     the reader with its position (source.go, split.go, longline.go);
//     strict decoding with member order kept (value.go, decoder.go);
//   - the record model: a Normandy record in canonical form, whatever its
//     input shape, with a Locator that maps pointers back to the input
//     (record.go) and, for a ping as submitted, the Envelope it came from
//     (envelope.go) and, for a ping or export row, the Context that says on
//     demand what else it holds (its document id, its active-experiment
//     annotations; context.go), and the Adapter interface that input
//     formats implement (adapter.go; the adapters are in lint/input), and
//     the skim that
//     checks the syntax of a value that holds no Normandy record and counts
//     it without decoding it (skim.go), and the direct path by which an
//     adapter reads the common records straight into the typed record
//     (direct.go, DirectReader);
//   - checks: the Rule type (a record Check, a schema-backed Message, or a
//     Stream across records, in the spirit of go/analysis.Analyzer),
//     schema Validators, and the engine that runs them over batches of
//     units in parallel (engine.go, run.go, check.go), with the places a
//     Stream may point back to worked out on the workers (stream.go);
//   - diagnostics placed in the input by line, column and JSON pointer, by
//     a byte scanner that follows the pointers (place.go, position.go,
//     locate_fast.go), counted and ordered per file (emit.go), and handed
//     to a Reporter (the formats are in lint/report).
//
// lint knows the shape of Normandy telemetry: the two kinds of record
// (events of the normandy category and uptake statuses), the canonical
// document adapters build, and the engine's own findings about input that
// cannot be read (parse-error, unrecognized-input, malformed-record,
// no-normandy-records, invalid-histogram). It does not know what makes a
// record valid: the catalog (package rules) and the schemas (package
// schemas) are handed to it in a Config, and lint imports neither.
package lint
