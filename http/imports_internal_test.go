package http

import (
	"fmt"
	"testing"

	"trex"
)

// TestImportJobsAreBounded: one running import per authority, at most
// maxRunningImports across authorities, a finished job frees its
// authority, and finished jobs are forgotten oldest first beyond
// maxImportJobs while running ones are kept; a job is visible only to
// its authority.
func TestImportJobsAreBounded(t *testing.T) {
	var im imports
	job := func(id, authority string) *ImportJob {
		return &ImportJob{ID: id, State: "running", authority: authority}
	}
	a := job("I1", "court")
	if err := im.start(a); err != nil {
		t.Fatal(err)
	}
	if err := im.start(job("I2", "court")); trex.ErrorCode(err) != trex.ECONFLICT {
		t.Errorf("second import of one authority: %v, want conflict", err)
	}
	if err := im.start(job("I3", "bailiff")); err != nil {
		t.Fatal(err)
	}
	if err := im.start(job("I4", "military")); trex.ErrorCode(err) != trex.EUNAVAILABLE {
		t.Errorf("import beyond %d running: %v, want unavailable", maxRunningImports, err)
	}
	if _, ok := im.get("I1", "bailiff"); ok {
		t.Error("another authority sees the job")
	}
	im.update(a, func(j *ImportJob) { j.State = "done" })
	i5 := job("I5", "court")
	if err := im.start(i5); err != nil {
		t.Errorf("after its import finished, the authority cannot start another: %v", err)
	}
	im.update(i5, func(j *ImportJob) { j.State = "done" })
	// Many finished jobs later, the oldest finished are forgotten and the
	// running one (I3) is kept.
	for i := range maxImportJobs + 10 {
		j := job(fmt.Sprintf("F%d", i), fmt.Sprintf("a%d", i))
		if err := im.start(j); err != nil {
			t.Fatal(err)
		}
		im.update(j, func(j *ImportJob) { j.State = "done" })
	}
	if len(im.jobs) > maxImportJobs {
		t.Errorf("%d jobs kept, at most %d", len(im.jobs), maxImportJobs)
	}
	if _, ok := im.jobs["I3"]; !ok {
		t.Error("the running job was forgotten")
	}
	for _, id := range []string{"I1", "I5", "F0"} {
		if _, ok := im.jobs[id]; ok {
			t.Errorf("old finished job %s was kept", id)
		}
	}
	if _, ok := im.get(fmt.Sprintf("F%d", maxImportJobs+9), fmt.Sprintf("a%d", maxImportJobs+9)); !ok {
		t.Error("the newest job is gone")
	}
}
