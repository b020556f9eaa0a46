// Package schemas holds normlint's JSON Schemas (draft 2020-12) for the
// canonical Normandy record documents, and turns the validator's error tree
// into catalog violations.
//
// Each constraint node of a schema names the catalog rule it enforces in the
// annotation keyword "x-normlint-rule". The validator reports failing
// keywords; Validate folds them so that a rule fires once per offending value
// however many keywords of its node failed, and so that a failed anyOf of
// allowed values reads as one violation listing those values, not as one
// error per branch.
package schemas
