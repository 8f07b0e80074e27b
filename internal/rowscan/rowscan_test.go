package rowscan

import (
	"errors"
	"strconv"
	"testing"
)

// fakeRows yields the numbers in vals, then fails with err.
type fakeRows struct {
	vals []int
	i    int
	err  error
}

func (r *fakeRows) Next() bool { r.i++; return r.i <= len(r.vals) }
func (r *fakeRows) Scan(dest ...any) error {
	*dest[0].(*int) = r.vals[r.i-1]
	return nil
}
func (r *fakeRows) Err() error { return r.err }

func scanInt(r Rows) (*int, error) {
	var n int
	if err := r.Scan(&n); err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, errors.New("negative " + strconv.Itoa(n))
	}
	return &n, nil
}

func TestCollectReadsEveryRowInOrder(t *testing.T) {
	got, err := Collect(&fakeRows{vals: []int{3, 1, 2}}, "numbers", scanInt)
	if err != nil || len(got) != 3 || got[0] != 3 || got[1] != 1 || got[2] != 2 {
		t.Fatalf("got %v, %v; want [3 1 2]", got, err)
	}
	none, err := Collect(&fakeRows{}, "numbers", scanInt)
	if err != nil || none == nil || len(none) != 0 {
		t.Fatalf("no rows: got %#v, %v; want an empty, non-nil slice", none, err)
	}
}

func TestCollectWrapsTheFirstError(t *testing.T) {
	if _, err := Collect(&fakeRows{vals: []int{1, -1, 2}}, "numbers", scanInt); err == nil || err.Error() != "numbers: negative -1" {
		t.Errorf("scan error: %v", err)
	}
	broken := errors.New("connection lost")
	if _, err := Collect(&fakeRows{vals: []int{1}, err: broken}, "numbers", scanInt); !errors.Is(err, broken) || err.Error() != "numbers: connection lost" {
		t.Errorf("rows error: %v", err)
	}
}
