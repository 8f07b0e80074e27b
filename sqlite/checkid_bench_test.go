package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"trex"
)

// BenchmarkRecordChecksIDOrder writes batches of 32 check records into a
// check log that already holds checkIDBenchRows, with random IDs (as
// check IDs were) and with time-ordered ones (trex.NewCheckID), and
// reports the CPU time and the bytes written (to the write-ahead log)
// per check.
// Random IDs insert each row on a random page of the ID index, which is
// then rewritten (and copied to the write-ahead log) for one row; ordered
// IDs all land on the index's last pages.
func BenchmarkRecordChecksIDOrder(b *testing.B) {
	for _, order := range []struct {
		name string
		id   func(time.Time) string
	}{
		{"random", func(time.Time) string { return "C" + randomID(10) }},
		{"time-ordered", trex.NewCheckID},
	} {
		b.Run(order.name, func(b *testing.B) {
			dir := b.TempDir()
			db, err := Open(filepath.Join(dir, "border.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			ctx := context.Background()
			at := time.Now()
			batch := func(n int) []*trex.CheckRecord {
				recs := make([]*trex.CheckRecord, n)
				for i := range recs {
					at = at.Add(50 * time.Microsecond)
					recs[i] = &trex.CheckRecord{ID: order.id(at), At: at, Node: "bench", Officer: "T1", Verdict: trex.Clear, Document: "form"}
				}
				return recs
			}
			for range checkIDBenchRows / 1000 {
				if err := db.RecordChecks(ctx, batch(1000)); err != nil {
					b.Fatal(err)
				}
			}
			wrote := bytesWritten()
			cpu0 := processCPU()
			b.ResetTimer()
			for range b.N {
				if err := db.RecordChecks(ctx, batch(32)); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			checks := float64(32 * b.N)
			b.ReportMetric(float64((processCPU()-cpu0).Nanoseconds())/1e3/checks, "cpu-µs/check")
			if w := bytesWritten(); wrote >= 0 && w >= 0 {
				b.ReportMetric(float64(w-wrote)/checks, "bytes-written/check")
			}
		})
	}
}

// checkIDBenchRows is how many checks the log holds before the timed part.
const checkIDBenchRows = 200_000

// bytesWritten is how many bytes the process has written to files and
// sockets (wchar in /proc/self/io), or -1 where that is not known.
func bytesWritten() int64 {
	data, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "wchar: "); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return -1
			}
			return n
		}
	}
	return -1
}

// processCPU is the CPU time (user and system) the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
