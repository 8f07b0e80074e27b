//go:build race

package screening

// raceDetector: the race detector slows the index down several times, so
// the tests that build large registers build smaller ones under it (the
// full sizes run without it).
const raceDetector = true
