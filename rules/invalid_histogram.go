package rules

import "github.com/normlint/normlint/lint"

// InvalidHistogram is the ID of the rule against main-ping uptake histograms
// of the wrong shape. The main-ping adapter (package lint/input) raises it,
// under package lint's ID.
const InvalidHistogram = lint.RuleInvalidHistogram

func init() {
	register(&lint.Rule{
		ID:       InvalidHistogram,
		Severity: lint.SeverityError,
		Summary:  "the uptake histogram of a main ping is not a categorical histogram of counts over its 24 labels",
		Doc: lint.Doc{
			Rationale: `Before uptake became an event, Firefox counted each recipe run in the keyed
categorical histogram UPTAKE_REMOTE_CONTENT_RESULT_1 of the main ping: one
histogram per source key (normandy/runner, normandy/recipe/<id>, ...), whose
bucket index is the status label and whose value is how many times it was
reported. normlint reads every bucket as uptake records, so it must be able
to trust the shape: a bucket index past the 24 labels, a count that is
negative or not an integer, or a histogram_type other than 5 (categorical)
cannot come from Firefox and cannot be read as statuses.

Check the export: the histogram was probably edited, or a different
histogram was copied under this name.`,
			Spec: "data-collection.rst, Uptake (statuses reported through Telemetry's uptake mechanism under the normandy namespace); docs/telemetry-reference.md §2.4 (how uptake is recorded), §2.5 (the 24 labels in bucket order), §5.2 (the main ping's histogram object)",
			Firefox: `The histogram is UPTAKE_REMOTE_CONTENT_RESULT_1, defined in
toolkit/components/telemetry/Histograms.json and filled by
services/common/uptake-telemetry.js. Up to ≈ Firefox 67 uptake went only
into this histogram; from ≈ Firefox 68 (a Firefox-68-based tree already
declares the uptake event) it went both there and into the
uptake.remotecontent.result event; later revisions of uptake-telemetry.js
declare the histogram but no longer record into it. Parent-process
histograms are at payload.keyedHistograms, others under
payload.processes.<process>.keyedHistograms.`,
			Bad:  `{"type": "main", "id": "7c4e2a1b-9d3f-4b8e-a6c5-2f1e0d9c8b77", "creationDate": "2018-05-01T10:00:00.000Z", "version": 4, "clientId": "c0ffee00-0000-4000-8000-000000000009", "application": {"architecture": "x86-64", "buildId": "20180501000000", "channel": "release", "name": "Firefox", "platformVersion": "60.0", "version": "60.0", "vendor": "Mozilla", "xpcomAbi": "x86_64-gcc3"}, "payload": {"keyedHistograms": {"UPTAKE_REMOTE_CONTENT_RESULT_1": {"normandy/runner": {"bucket_count": 51, "histogram_type": 5, "sum": 25, "range": [1, 50], "values": {"25": 1}}}}}}`,
			Good: `{"type": "main", "id": "7c4e2a1b-9d3f-4b8e-a6c5-2f1e0d9c8b77", "creationDate": "2018-05-01T10:00:00.000Z", "version": 4, "clientId": "c0ffee00-0000-4000-8000-000000000009", "application": {"architecture": "x86-64", "buildId": "20180501000000", "channel": "release", "name": "Firefox", "platformVersion": "60.0", "version": "60.0", "vendor": "Mozilla", "xpcomAbi": "x86_64-gcc3"}, "payload": {"keyedHistograms": {"UPTAKE_REMOTE_CONTENT_RESULT_1": {"normandy/runner": {"bucket_count": 51, "histogram_type": 5, "sum": 1, "range": [1, 50], "values": {"0": 0, "1": 1, "2": 0}}}}}}`,
		},
	})
}
