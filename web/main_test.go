package web_test

import (
	"os"
	"testing"

	"trex/web/webtest"
)

// TestMain shares one browser among the package's browser tests.
func TestMain(m *testing.M) {
	code := m.Run()
	webtest.Close()
	os.Exit(code)
}
