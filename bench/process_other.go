//go:build !unix

package bench

import "time"

// CPUTime is the CPU time this process has used (unknown here: zero).
func CPUTime() time.Duration { return 0 }

// PageFaults is how many page faults this process has taken (unknown
// here: zero).
func PageFaults() int64 { return 0 }
