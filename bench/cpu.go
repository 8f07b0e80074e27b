package bench

import (
	"runtime/metrics"
	"syscall"
	"time"
)

// ProcessCPU is the CPU time (user and system) the process has used so
// far, zero where the system does not say. On a shared machine a start's
// CPU time says more than its wall time, which measures the neighbours
// too.
func ProcessCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// HeapAllocated is how many bytes this process has allocated on its heap
// so far (freed or not), read without stopping the world.
func HeapAllocated() uint64 {
	m := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(m)
	if m[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return m[0].Value.Uint64()
}
