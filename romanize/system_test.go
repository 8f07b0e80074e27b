package romanize

import (
	"strings"
	"testing"
)

// Every system has a name people can read in an explanation.
func TestEverySystemHasADisplayName(t *testing.T) {
	seen := map[string]System{}
	for s := System(0); s < numSystems; s++ {
		name := s.String()
		if strings.TrimSpace(name) == "" || name == "unknown system" {
			t.Errorf("system %d has no display name", s)
		}
		if o, ok := seen[name]; ok {
			t.Errorf("systems %d and %d share the display name %q", o, s, name)
		}
		seen[name] = s
	}
}

// Older -OFF and -EFF endings are romanisations of -ОВ and -ЕВ, not other
// names.
func TestSkeletonReadsOlderEndings(t *testing.T) {
	for _, c := range [][2]string{{"IVANOFF", "IVANOV"}, {"SMIRNOFF", "SMIRNOV"}, {"GRIGORIEFF", "GRIGORIEV"}} {
		if a, b := Skeleton(c[0]), Skeleton(c[1]); a != b {
			t.Errorf("Skeleton(%s) = %s, Skeleton(%s) = %s; want them equal", c[0], a, c[1], b)
		}
	}
	if Skeleton("OFF") == Skeleton("OV") {
		t.Errorf("a bare ending was rewritten")
	}
}
