//go:build !faultinject

package main

// crashPoint marks a place where the fault-matrix tests kill the process
// (see crashpoint_faultinject.go). In a normal build it does nothing.
func crashPoint(string) {}

// crashPointN is crashPoint for k changes passing together.
func crashPointN(string, int) {}
