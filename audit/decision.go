package audit

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// decisionHeader is the first line of a signed decision.
const decisionHeader = "trex decision v1"

// Decision is what a node signs about a check it answered: the hash of the
// request as received, the verdict and the restrictions it named, and where
// the check is in the node's log: its index, and the tree (size and root)
// it was committed in, which every later checkpoint contains.
type Decision struct {
	Origin         string
	CheckID        string
	Request        string // RequestHash of the body as received
	Verdict        string
	RestrictionIDs []string
	LogIndex       int64
	TreeSize       int64
	Root           tlog.Hash
	// Entry is the check's log entry, for a decision proven in the log
	// (Receipt.Evidence).
	Entry *Entry
}

// Body is the decision's note text.
func (d Decision) Body() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\ncheck %s\nrequest %s\ndecision %s\nrestrictions %s\nlog_index %d\ntree_size %d\nroot %s\n",
		decisionHeader, d.Origin, d.CheckID, d.Request, d.Verdict, strings.Join(d.RestrictionIDs, ","),
		d.LogIndex, d.TreeSize, base64.StdEncoding.EncodeToString(d.Root[:]))
	return b.String()
}

// Sign signs the decision with the node's log key.
func (d Decision) Sign(s note.Signer) (string, error) {
	msg, err := note.Sign(&note.Note{Text: d.Body()}, s)
	if err != nil {
		return "", fmt.Errorf("sign decision %s: %w", d.CheckID, err)
	}
	return string(msg), nil
}

// OpenDecision verifies a decision with v and parses it: a decision proven
// in the log (Receipt.Evidence), or one signed on its own (Sign).
func OpenDecision(msg string, v note.Verifier) (*Decision, error) {
	if strings.HasPrefix(msg, decisionProofHeader+"\n") {
		return openDecisionProof(msg, v)
	}
	n, err := note.Open([]byte(msg), note.VerifierList(v))
	if err != nil {
		return nil, fmt.Errorf("decision signature: %w", err)
	}
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(lines) != 9 || lines[0] != decisionHeader {
		return nil, fmt.Errorf("decision: not a %q note", decisionHeader)
	}
	d := &Decision{Origin: lines[1]}
	if d.Origin != v.Name() {
		return nil, fmt.Errorf("decision of %q signed by the key of %q", d.Origin, v.Name())
	}
	field := func(i int, name string) (string, error) {
		val, ok := strings.CutPrefix(lines[i], name+" ")
		if !ok {
			return "", fmt.Errorf("decision: line %d: want %s", i+1, name)
		}
		return val, nil
	}
	var errs [8]error
	var idx, size, root string
	d.CheckID, errs[0] = field(2, "check")
	d.Request, errs[1] = field(3, "request")
	d.Verdict, errs[2] = field(4, "decision")
	var ids string
	ids, errs[3] = field(5, "restrictions")
	idx, errs[4] = field(6, "log_index")
	size, errs[5] = field(7, "tree_size")
	root, errs[6] = field(8, "root")
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if ids != "" {
		d.RestrictionIDs = strings.Split(ids, ",")
	}
	if d.LogIndex, err = strconv.ParseInt(idx, 10, 64); err != nil {
		return nil, fmt.Errorf("decision: log_index %q", idx)
	}
	if d.TreeSize, err = strconv.ParseInt(size, 10, 64); err != nil || d.TreeSize <= d.LogIndex {
		return nil, fmt.Errorf("decision: tree_size %q for log_index %d", size, d.LogIndex)
	}
	r, err := base64.StdEncoding.DecodeString(root)
	if err != nil || len(r) != tlog.HashSize {
		return nil, fmt.Errorf("decision: root %q", root)
	}
	copy(d.Root[:], r)
	return d, nil
}
