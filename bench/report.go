package bench

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Report is what trex bench measures; --json prints it as is. A figure
// that was not measured is zero (and omitted from the JSON).
type Report struct {
	Records int `json:"records"`
	// Population names the person model the register and the travellers
	// were drawn from (see Models).
	Population          string  `json:"population,omitempty"`
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
	// HTTPCPUus is the CPU time per check (user + system) of the process
	// serving the API, which runs the load generator too (bench.Poster,
	// a few tens of µs of it; trex bench --http-cpuprofile tells the two
	// apart).
	HTTPCPUus float64 `json:"http_cpu_per_check_us,omitempty"`
	// HTTPPageFaults is the minor page faults per check in that process.
	HTTPPageFaults float64 `json:"http_page_faults_per_check,omitempty"`
	// HTTPAllocBytes is the bytes allocated per check in that process.
	HTTPAllocBytes         float64 `json:"http_alloc_bytes_per_check,omitempty"`
	RegistryCreatesPerS    float64 `json:"registry_creates_per_s,omitempty"`
	APICreatesPerS         float64 `json:"api_creates_per_s,omitempty"`
	PropagationP99ms       float64 `json:"propagation_p99_ms,omitempty"`
	PropagationSteadyP99ms float64 `json:"propagation_steady_p99_ms,omitempty"`
	BorderNodes            int     `json:"border_nodes,omitempty"`
	// The side by side (see package bench/pgtrgm): the same register and
	// the same queries through PostgreSQL's first design and through
	// trex's API, at the same concurrency. Recall and false flags are
	// judged as Screening defines them, for both; they are pointers
	// because zero is a measured value.
	PostgresChecksPerS float64  `json:"postgres_checks_per_s,omitempty"`
	PostgresP99ms      float64  `json:"postgres_p99_ms,omitempty"`
	PostgresLoadS      float64  `json:"postgres_load_s,omitempty"`
	PostgresRecall     *float64 `json:"postgres_recall,omitempty"`
	PostgresFalseFlags *float64 `json:"postgres_false_flags,omitempty"`
	// PostgresCPUus is the CPU time per check of the PostgreSQL server
	// processes serving the checks and of this process (the client).
	PostgresCPUus  float64  `json:"postgres_cpu_per_check_us,omitempty"`
	TrexRecall     *float64 `json:"trex_recall,omitempty"`
	TrexFalseFlags *float64 `json:"trex_false_flags,omitempty"`
	// TrexFalseFlagsBeyondTwins is trex's false-flag rate among unlisted
	// travellers without a namesake born the same day on the register,
	// and TrexTwinShare the share of unlisted travellers with one (see
	// Screening).
	TrexFalseFlagsBeyondTwins *float64 `json:"trex_false_flags_beyond_twins,omitempty"`
	TrexTwinShare             *float64 `json:"trex_unlisted_twin_share,omitempty"`
	SideBySideRatio           float64  `json:"side_by_side_ratio,omitempty"`
	// SideBySideCPURatio is PostgreSQL's CPU per check over trex's (each
	// with its load generator's): steadier than the throughput ratio on a
	// machine other work keeps busy.
	SideBySideCPURatio float64 `json:"side_by_side_cpu_ratio,omitempty"`
	// The same tables asked the date-first form of the query (the fix a
	// team makes after reading EXPLAIN; same answers, so same recall):
	// with trex bench --postgres-date-first.
	PostgresDateFirstChecksPerS float64 `json:"postgres_date_first_checks_per_s,omitempty"`
	PostgresDateFirstP99ms      float64 `json:"postgres_date_first_p99_ms,omitempty"`
	PostgresDateFirstCPUus      float64 `json:"postgres_date_first_cpu_per_check_us,omitempty"`
	SideBySideDateFirstRatio    float64 `json:"side_by_side_date_first_ratio,omitempty"`
	SideBySideDateFirstCPURatio float64 `json:"side_by_side_date_first_cpu_ratio,omitempty"`
	// The recalls by kind of listed query (see Query).
	TrexRecallByKind     map[string]float64 `json:"trex_recall_by_kind,omitempty"`
	PostgresRecallByKind map[string]float64 `json:"postgres_recall_by_kind,omitempty"`
	SideBySideChecks     int                `json:"side_by_side_checks,omitempty"`
}

// Rate is a measured share, for the Report's pointer fields.
func Rate(v float64) *float64 { return &v }

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
	row("HTTP CPU per check (server and load generator)", r.HTTPCPUus, "µs")
	row("HTTP page faults per check", r.HTTPPageFaults, "")
	row("HTTP heap allocated per check", r.HTTPAllocBytes, "B")
	row("registry creates (service)", r.RegistryCreatesPerS, "/s")
	row("registry creates (API)", r.APICreatesPerS, "/s")
	row("propagation p99, burst", r.PropagationP99ms, "ms")
	row("propagation p99, steady", r.PropagationSteadyP99ms, "ms")
	row("border nodes", float64(r.BorderNodes), "")
	rate := func(name string, v *float64) {
		if v != nil {
			fmt.Fprintf(tw, "%s\t%.4f\t\t\n", name, *v)
		}
	}
	if r.Population != "" {
		fmt.Fprintf(tw, "person model\t%s\t\t\n", r.Population)
	}
	rate("trex recall", r.TrexRecall)
	rate("trex false flags", r.TrexFalseFlags)
	rate("trex false flags beyond same-day namesakes", r.TrexFalseFlagsBeyondTwins)
	row("PostgreSQL first design: checks", r.PostgresChecksPerS, "/s")
	row("PostgreSQL first design: check p99", r.PostgresP99ms, "ms")
	row("PostgreSQL first design: CPU per check", r.PostgresCPUus, "µs")
	row("PostgreSQL first design: load", r.PostgresLoadS, "s")
	rate("PostgreSQL first design: recall", r.PostgresRecall)
	rate("PostgreSQL first design: false flags", r.PostgresFalseFlags)
	row("trex ÷ PostgreSQL, checks/s", r.SideBySideRatio, "×")
	row("PostgreSQL ÷ trex, CPU per check", r.SideBySideCPURatio, "×")
	row("PostgreSQL, date first: checks", r.PostgresDateFirstChecksPerS, "/s")
	row("PostgreSQL, date first: check p99", r.PostgresDateFirstP99ms, "ms")
	row("PostgreSQL, date first: CPU per check", r.PostgresDateFirstCPUus, "µs")
	row("trex ÷ PostgreSQL date first, checks/s", r.SideBySideDateFirstRatio, "×")
	row("PostgreSQL date first ÷ trex, CPU per check", r.SideBySideDateFirstCPURatio, "×")
	row("side-by-side queries", float64(r.SideBySideChecks), "checks each")
	for _, k := range []string{KindSystem, KindTypo, KindDOBError, KindMRZ} {
		if v, ok := r.TrexRecallByKind[k]; ok {
			fmt.Fprintf(tw, "recall, %s: trex\t%.4f\t\t\n", k, v)
		}
		if v, ok := r.PostgresRecallByKind[k]; ok {
			fmt.Fprintf(tw, "recall, %s: PostgreSQL\t%.4f\t\t\n", k, v)
		}
	}
	return tw.Flush()
}
