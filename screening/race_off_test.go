//go:build !race

package screening

// raceDetector reports whether the tests run under the race detector.
const raceDetector = false
