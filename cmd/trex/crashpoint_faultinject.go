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
// one) kills itself with SIGKILL the n-th time it reaches the crash point
// named by TREX_CRASH_AT=name:n, so that a test can stop a process at an
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

func crashPoint(name string) {
	if name != crashName || crashHits.Add(1) != crashAfter {
		return
	}
	fmt.Fprintf(os.Stderr, "trex: crash point %s reached; killing this process\n", name)
	syscall.Kill(os.Getpid(), syscall.SIGKILL)
	select {} // the signal is on its way
}
