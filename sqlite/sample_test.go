package sqlite_test

import (
	"testing"

	"trex/internal/storetest"
)

func TestSampleInForce(t *testing.T) { storetest.SampleInForce(t, MustOpenDB(t)) }
