package pgtrgm

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// BackendCPU is the CPU time (user + system) the server processes behind
// the pool's connections have used so far, read from /proc: known only
// when the server runs on this machine and the pool's connections are
// all open (the pool keeps them). ok is false when it cannot be read.
func (b *Baseline) BackendCPU(ctx context.Context) (cpu time.Duration, ok bool, err error) {
	if b.pids == nil {
		if b.pids, err = b.backendPIDs(ctx); err != nil {
			return 0, false, err
		}
	}
	for _, pid := range b.pids {
		d, ok := processCPU(pid)
		if !ok {
			return 0, false, nil
		}
		cpu += d
	}
	return cpu, true, nil
}

// backendPIDs holds every connection of the pool at once and asks each
// for its server process.
func (b *Baseline) backendPIDs(ctx context.Context) ([]int, error) {
	n := int(b.pool.Config().MaxConns)
	var pids []int
	for range n {
		c, err := b.pool.Acquire(ctx)
		if err != nil {
			return nil, fmt.Errorf("pgtrgm: backend pids: %w", err)
		}
		defer c.Release()
		var pid int
		if err := c.QueryRow(ctx, "SELECT pg_backend_pid()").Scan(&pid); err != nil {
			return nil, fmt.Errorf("pgtrgm: backend pids: %w", err)
		}
		pids = append(pids, pid)
	}
	return pids, nil
}

// processCPU reads a process's user and system time from
// /proc/PID/stat, in clock ticks of 1/100 s (Linux's USER_HZ).
func processCPU(pid int) (time.Duration, bool) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	// The command name (field 2) is in parentheses and may hold spaces:
	// fields are counted after its closing one.
	s := string(data)
	end := strings.LastIndexByte(s, ')')
	if end < 0 {
		return 0, false
	}
	f := strings.Fields(s[end+1:])
	if len(f) < 13 { // utime and stime are fields 14 and 15 of the line
		return 0, false
	}
	u, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(u+st) * 10 * time.Millisecond, true
}
