package http

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"strings"

	"trex"
)

// manifestFormat is how a manifest is written.
type manifestFormat int

// Manifest formats.
const (
	formatJSON manifestFormat = iota
	formatPAXLST
)

// readManifest reads a manifest's body and says how it is written: by its
// Content-Type, or, when the request has none, by its first bytes (a
// PAXLST interchange opens with UNA or UNB, JSON with '{'). Anything else
// is refused with a message naming the types to send.
func readManifest(w http.ResponseWriter, r *http.Request) ([]byte, manifestFormat, error) {
	ct := r.Header.Get("Content-Type")
	format := formatJSON
	if ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		switch {
		case err != nil:
			return nil, 0, trex.Errorf(trex.EINVALID, "Content-Type %q is malformed: send application/edifact (PAXLST) or application/json", ct)
		case mt == "application/edifact" || mt == "application/edi-x12" || mt == "text/plain":
			format = formatPAXLST
		case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		default:
			return nil, 0, trex.Errorf(trex.EINVALID, "Content-Type %q: send application/edifact (PAXLST) or application/json", mt)
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		return nil, 0, jsonError(err)
	}
	if ct != "" {
		return body, format, nil
	}
	head := bytes.TrimLeft(bytes.TrimPrefix(body, []byte("\uFEFF")), " \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("UNA")) || bytes.HasPrefix(head, []byte("UNB")):
		return body, formatPAXLST, nil
	case bytes.HasPrefix(head, []byte("{")):
		return body, formatJSON, nil
	}
	return nil, 0, trex.Errorf(trex.EINVALID, "manifest without a Content-Type that is neither PAXLST (opening UNA or UNB) nor JSON; send a PAXLST with Content-Type: application/edifact, or JSON with Content-Type: application/json")
}
