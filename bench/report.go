package bench

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Report is what trex bench measures; --json prints it as is. A figure
// that was not measured is zero (and omitted from the JSON).
type Report struct {
	Records             int     `json:"records"`
	RSSBytes            int64   `json:"rss_bytes,omitempty"`
	BytesPerRestriction float64 `json:"bytes_per_restriction,omitempty"`
	StartSeconds        float64 `json:"start_s,omitempty"`
	// StartCPUSeconds is the CPU time of the start from the snapshot.
	StartCPUSeconds float64 `json:"start_cpu_s,omitempty"`
	// StartRebuildSeconds is the start without a snapshot (the replica
	// read and the index rebuilt); StartSeconds is the start from the
	// snapshot the node then wrote, in SnapshotWriteSeconds, of
	// SnapshotBytes.
	StartRebuildSeconds  float64 `json:"start_rebuild_s,omitempty"`
	SnapshotWriteSeconds float64 `json:"snapshot_write_s,omitempty"`
	// SnapshotPauseSeconds is how long writing the snapshot held the
	// node's changes back.
	SnapshotPauseSeconds float64 `json:"snapshot_pause_s,omitempty"`
	SnapshotBytes        int64   `json:"snapshot_bytes,omitempty"`
	CheckNameDOBP99us    float64 `json:"check_name_dob_p99_us,omitempty"`
	CheckDocumentP99us   float64 `json:"check_document_p99_us,omitempty"`
	// The same checks' CPU time (of the checking thread) at the 99th
	// percentile: their work, without the time spent waiting for a core.
	CheckNameDOBCPUP99us  float64 `json:"check_name_dob_cpu_p99_us,omitempty"`
	CheckDocumentCPUP99us float64 `json:"check_document_cpu_p99_us,omitempty"`
	// Name-only (supervisor) searches: p99 wall and CPU time, and the
	// share refused as matching too many namesakes.
	CheckNameOnlyP99us    float64 `json:"check_name_only_p99_us,omitempty"`
	CheckNameOnlyCPUP99us float64 `json:"check_name_only_cpu_p99_us,omitempty"`
	CheckNameOnlyRefused  float64 `json:"check_name_only_refused,omitempty"`
	// CheckGCs is how many garbage collections ran during those checks.
	CheckGCs            uint32  `json:"check_gcs,omitempty"`
	HTTPChecksPerSecond float64 `json:"http_checks_per_s,omitempty"`
	HTTPP99ms           float64 `json:"http_p99_ms,omitempty"`
	// HTTPCPUus is the server's CPU time per check (user + system,
	// measured in the process serving the API).
	HTTPCPUus              float64 `json:"http_cpu_per_check_us,omitempty"`
	RegistryCreatesPerS    float64 `json:"registry_creates_per_s,omitempty"`
	APICreatesPerS         float64 `json:"api_creates_per_s,omitempty"`
	PropagationP99ms       float64 `json:"propagation_p99_ms,omitempty"`
	PropagationSteadyP99ms float64 `json:"propagation_steady_p99_ms,omitempty"`
	BorderNodes            int     `json:"border_nodes,omitempty"`
	PostgresChecksPerS     float64 `json:"postgres_checks_per_s,omitempty"`
	PostgresRecall         float64 `json:"postgres_recall,omitempty"`
	TrexRecall             float64 `json:"trex_recall,omitempty"`
}

// Print writes r as a table a person can compare across commits.
func (r *Report) Print(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	row := func(name string, v float64, unit string) {
		if v != 0 {
			fmt.Fprintf(tw, "%s\t%.4g\t%s\t\n", name, v, unit)
		}
	}
	fmt.Fprintf(tw, "measure\tvalue\tunit\t\n")
	row("records", float64(r.Records), "restrictions")
	row("RSS", float64(r.RSSBytes)/(1<<20), "MiB")
	row("memory per restriction", r.BytesPerRestriction, "B")
	row("start", r.StartSeconds, "s")
	row("start CPU time", r.StartCPUSeconds, "s")
	row("start without a snapshot", r.StartRebuildSeconds, "s")
	row("snapshot write", r.SnapshotWriteSeconds, "s")
	row("snapshot pause of changes", r.SnapshotPauseSeconds, "s")
	row("snapshot size", float64(r.SnapshotBytes)/(1<<20), "MiB")
	row("name + birth-date check p99", r.CheckNameDOBP99us, "µs")
	row("document check p99", r.CheckDocumentP99us, "µs")
	row("name + birth-date check p99, CPU", r.CheckNameDOBCPUP99us, "µs")
	row("document check p99, CPU", r.CheckDocumentCPUP99us, "µs")
	row("name-only search p99", r.CheckNameOnlyP99us, "µs")
	row("name-only search p99, CPU", r.CheckNameOnlyCPUP99us, "µs")
	row("name-only searches refused (namesakes)", r.CheckNameOnlyRefused, "")
	row("GCs during the checks", float64(r.CheckGCs), "")
	row("HTTP checks", r.HTTPChecksPerSecond, "/s")
	row("HTTP check p99", r.HTTPP99ms, "ms")
	row("HTTP server CPU per check", r.HTTPCPUus, "µs")
	row("registry creates (service)", r.RegistryCreatesPerS, "/s")
	row("registry creates (API)", r.APICreatesPerS, "/s")
	row("propagation p99, burst", r.PropagationP99ms, "ms")
	row("propagation p99, steady", r.PropagationSteadyP99ms, "ms")
	row("border nodes", float64(r.BorderNodes), "")
	row("PostgreSQL checks", r.PostgresChecksPerS, "/s")
	row("PostgreSQL recall", r.PostgresRecall, "")
	row("trex recall", r.TrexRecall, "")
	return tw.Flush()
}
