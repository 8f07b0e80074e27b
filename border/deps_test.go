package border_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestBorderDoesNotLinkTheExchange keeps the border node free of the NATS
// adapter and the NATS server: it depends on the domain's contract
// (trex.Applier, trex.ErrReplayed, trex.RefusalCode) only.
func TestBorderDoesNotLinkTheExchange(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list the package's dependencies: %v", err)
	}
	out, err := exec.Command(goTool, "list", "-deps", "trex/border").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps trex/border: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 2 {
		t.Fatalf("go list listed %d packages; want the dependency graph", len(deps))
	}
	for _, dep := range deps {
		if dep == "trex/natsx" || strings.HasPrefix(dep, "github.com/nats-io/") {
			t.Errorf("trex/border depends on %s", dep)
		}
	}
}
