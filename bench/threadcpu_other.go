//go:build !linux

package bench

import "time"

// ThreadCPU is the CPU time the calling OS thread has used (unknown here).
func ThreadCPU() (time.Duration, bool) { return 0, false }
