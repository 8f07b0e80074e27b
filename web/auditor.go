package web

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"trex"
	"trex/audit"
)

// Auditor is the auditor's console: the log's signed checkpoint verified
// against the node's public key the auditor gives (not one the server
// vouches for), and proven consistent with the last checkpoint this
// session saw; check counts by node and decision; and the looks kept
// from persons' access logs, by authority or node.
func Auditor() Console {
	return Console{Name: "auditor", Roles: []trex.Role{trex.RoleAuditor}, Languages: Languages,
		Routes: func(s *Server, mux *http.ServeMux) {
			mux.Handle("GET /auditor/{$}", s.Page("auditor", s.handleAuditor))
			mux.Handle("POST /auditor/verify", s.Page("auditor", s.handleAuditorVerify))
		}}
}

// maxSeenSessions bounds the sessions whose last checkpoint is kept.
const maxSeenSessions = 1000

// checkpointsSeen keeps, per session, the auditor's key and the last
// checkpoint verified with it, so that the next one is proven to extend
// it. Its zero value is ready to use.
type checkpointsSeen struct {
	mu sync.Mutex
	m  map[string]seenCheckpoint
}

type seenCheckpoint struct {
	Key string
	CP  audit.Checkpoint
}

var auditorSeen checkpointsSeen

func (c *checkpointsSeen) get(session string) (seenCheckpoint, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[session]
	return v, ok
}

func (c *checkpointsSeen) put(session string, v seenCheckpoint) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]seenCheckpoint{}
	}
	if _, ok := c.m[session]; !ok && len(c.m) >= maxSeenSessions {
		for k := range c.m { // forget one at random
			delete(c.m, k)
			break
		}
	}
	c.m[session] = v
}

// countRow is one node's checks by decision.
type countRow struct {
	Node                    string
	Clear, Refer, Hit, Open int64
	Confirmed, Dismissed    int64
}

// exemptRow is one authority's or node's looks kept from persons.
type exemptRow struct {
	Who   string
	Count int64
}

// verification is the outcome of verifying a checkpoint.
type verification struct {
	Origin string
	Size   int64
	Root   string
	// Previous is the size of the checkpoint this session saw before, and
	// Consistent whether the new one was proven to extend it.
	Previous   int64
	Compared   bool
	Consistent bool
	Failure    string
}

// reportRow is one border node's matched checks as the registry knows
// them from the node's signed check reports.
type reportRow struct {
	Node                 string
	Checks, Restrictions int64
	Last                 time.Time
}

// auditorView is the auditor's page.
type auditorView struct {
	Counts       []countRow
	CountsServed bool
	// Reports are the border nodes' reported matched checks, at a
	// registry (ReportsServed); clears are counted only at the nodes.
	Reports       []reportRow
	ReportsServed bool
	Total         int64
	Truncated     bool
	Exempt        []exemptRow
	Key           string
	Verified      *verification
}

func (s *Server) auditorView(q *Request) (*auditorView, error) {
	v := &auditorView{}
	if seen, ok := auditorSeen.get(q.Session.ID); ok {
		v.Key = seen.Key
	}
	var counts struct {
		Counts    map[string]map[string]int64 `json:"counts"`
		Resolved  map[string]map[string]int64 `json:"resolved"`
		Open      map[string]int64            `json:"open"`
		Total     int64                       `json:"total"`
		Truncated bool                        `json:"truncated"`
	}
	p, err := q.API(http.MethodGet, "/v1/audit/check-counts", nil, &counts)
	if err != nil {
		return nil, err
	}
	switch {
	case p != nil && p.Status == http.StatusNotFound:
		// This process keeps no check log (a registry alone).
	case p != nil:
		q.Problem(p)
	default:
		v.CountsServed, v.Total, v.Truncated = true, counts.Total, counts.Truncated
		for node, c := range counts.Counts {
			v.Counts = append(v.Counts, countRow{Node: node, Clear: c["clear"], Refer: c["refer"], Hit: c["hit"], Open: counts.Open[node],
				Confirmed: counts.Resolved[node][trex.ResolutionConfirmed], Dismissed: counts.Resolved[node][trex.ResolutionDismissed]})
		}
		sort.Slice(v.Counts, func(i, j int) bool { return v.Counts[i].Node < v.Counts[j].Node })
	}
	if err := s.checkReports(q, v); err != nil {
		return nil, err
	}
	var exempt struct {
		Exempt map[string]int64 `json:"exempt"`
	}
	p, err = q.API(http.MethodGet, "/v1/audit/access-exempt", nil, &exempt)
	if err != nil {
		return nil, err
	}
	if p != nil && p.Status != http.StatusNotFound {
		q.Problem(p)
	}
	for who, n := range exempt.Exempt {
		v.Exempt = append(v.Exempt, exemptRow{Who: who, Count: n})
	}
	sort.Slice(v.Exempt, func(i, j int) bool { return v.Exempt[i].Who < v.Exempt[j].Who })
	return v, nil
}

// checkReports asks a registry what the border nodes reported of their
// matched checks (GET /v1/audit/check-reports); a border node alone does
// not serve it.
func (s *Server) checkReports(q *Request, v *auditorView) error {
	var ans struct {
		Nodes map[string]struct {
			Checks       int64     `json:"checks"`
			Restrictions int64     `json:"restrictions"`
			Last         time.Time `json:"last"`
		} `json:"nodes"`
	}
	p, err := q.API(http.MethodGet, "/v1/audit/check-reports", nil, &ans)
	switch {
	case err != nil:
		return err
	case p != nil && p.Status == http.StatusNotFound:
		return nil
	case p != nil:
		q.Problem(p)
		return nil
	}
	v.ReportsServed = true
	for node, c := range ans.Nodes {
		v.Reports = append(v.Reports, reportRow{Node: node, Checks: c.Checks, Restrictions: c.Restrictions, Last: c.Last})
	}
	sort.Slice(v.Reports, func(i, j int) bool { return v.Reports[i].Node < v.Reports[j].Node })
	return nil
}

func (s *Server) handleAuditor(q *Request) error {
	v, err := s.auditorView(q)
	if err != nil {
		return err
	}
	q.Render("auditor.html", v)
	return nil
}

// handleAuditorVerify fetches the newest signed checkpoint, opens it with
// the key the auditor gave, and proves it consistent with the last one
// this session verified with the same key.
func (s *Server) handleAuditorVerify(q *Request) error {
	key := strings.TrimSpace(q.R.PostForm.Get("key"))
	v, err := s.auditorView(q)
	if err != nil {
		return err
	}
	v.Key = key
	verifier, err := note.NewVerifier(key)
	if err != nil || len(key) > 512 {
		q.FieldError("key", q.T("auditor.key.invalid"))
		q.Render("auditor.html", v)
		return nil
	}
	msg, p, err := q.APIRaw(http.MethodGet, audit.PathCheckpoint, "", nil)
	if err != nil {
		return err
	}
	if p != nil {
		q.Problem(p)
		q.Render("auditor.html", v)
		return nil
	}
	ver := &verification{}
	v.Verified = ver
	cp, err := audit.OpenCheckpoint(msg, verifier)
	if err != nil {
		ver.Failure = err.Error()
		q.SetStatus(http.StatusUnprocessableEntity)
		q.Render("auditor.html", v)
		return nil
	}
	ver.Origin, ver.Size, ver.Root = cp.Origin, cp.Size, cp.Root.String()
	seen, ok := auditorSeen.get(q.Session.ID)
	if ok && seen.Key == key && seen.CP.Origin == cp.Origin {
		ver.Compared, ver.Previous = true, seen.CP.Size
		if err := s.consistent(q, seen.CP, cp); err != nil {
			ver.Failure = err.Error()
			q.SetStatus(http.StatusUnprocessableEntity)
			q.Render("auditor.html", v)
			return nil // the earlier checkpoint stays the one to compare with
		}
		ver.Consistent = true
	}
	auditorSeen.put(q.Session.ID, seenCheckpoint{Key: key, CP: cp})
	q.Render("auditor.html", v)
	return nil
}

// consistent proves that the tree old signs is a prefix of the tree cur
// signs, with the log's consistency proof.
func (s *Server) consistent(q *Request, old, cur audit.Checkpoint) error {
	if cur.Size < old.Size {
		return fmt.Errorf("the log shrank from %d to %d entries", old.Size, cur.Size)
	}
	if cur.Size == old.Size {
		if cur.Root != old.Root {
			return fmt.Errorf("two different roots for %d entries", cur.Size)
		}
		return nil
	}
	if old.Size == 0 {
		return nil
	}
	var ans audit.ConsistencyJSON
	p, err := q.API(http.MethodGet, fmt.Sprintf("%s?old=%d&new=%d", audit.PathConsistency, old.Size, cur.Size), nil, &ans)
	if err != nil {
		return err
	}
	if p != nil {
		return fmt.Errorf("consistency proof: %s", p.Detail)
	}
	proof := make(tlog.TreeProof, len(ans.Proof))
	for i, h := range ans.Proof {
		if len(h) != tlog.HashSize {
			return fmt.Errorf("consistency proof: hash %d has %d bytes", i, len(h))
		}
		copy(proof[i][:], h)
	}
	if err := tlog.CheckTree(proof, cur.Size, cur.Root, old.Size, old.Root); err != nil {
		return fmt.Errorf("the log of %d entries does not extend the one of %d seen before: %v", cur.Size, old.Size, err)
	}
	return nil
}
