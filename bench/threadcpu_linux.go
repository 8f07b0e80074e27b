//go:build linux

package bench

import (
	"time"

	"golang.org/x/sys/unix"
)

// ThreadCPU is the CPU time the calling OS thread has used, and whether
// it is known. Lock the goroutine to its thread around a measurement: on a
// shared machine it tells the work of a call from the time the thread
// spent waiting for a core.
func ThreadCPU() (time.Duration, bool) {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}
