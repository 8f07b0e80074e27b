//go:build faultinject

package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
)

// A binary built with -tags faultinject (only the fault-matrix tests build
// one) kills itself with SIGKILL once the changes that have passed the
// crash point named by TREX_CRASH_AT=name:n reach n (a batch passes with
// all its changes at once), so that a test can stop a process at an
// exact step (between commit and publish, between a replica write and its
// acknowledgement) instead of hoping a signal lands there.
var (
	crashName  string
	crashAfter int64
	crashHits  atomic.Int64
)

func init() {
	spec := os.Getenv("TREX_CRASH_AT")
	if spec == "" {
		return
	}
	name, n, ok := strings.Cut(spec, ":")
	count, err := strconv.ParseInt(n, 10, 64)
	if !ok || err != nil || count < 1 {
		fmt.Fprintf(os.Stderr, "TREX_CRASH_AT=%q: want name:n with n ≥ 1\n", spec)
		os.Exit(2)
	}
	crashName, crashAfter = name, count
}

func crashPoint(name string) { crashPointN(name, 1) }

// crashPointN is crashPoint for k changes passing together.
func crashPointN(name string, k int) {
	if name != crashName || k < 1 {
		return
	}
	after := crashHits.Add(int64(k))
	if after < crashAfter || after-int64(k) >= crashAfter {
		return
	}
	fmt.Fprintf(os.Stderr, "trex: crash point %s reached; killing this process\n", name)
	syscall.Kill(os.Getpid(), syscall.SIGKILL)
	select {} // the signal is on its way
}
