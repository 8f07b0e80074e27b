package trex

import (
	"context"
	"time"
)

// Events a notice tells of.
const (
	NoticeCreated       = "restriction.created"
	NoticeLifted        = "restriction.lifted"
	NoticeExpired       = "restriction.expired"
	NoticeAppealFiled   = "appeal.received"
	NoticeAppealDecided = "appeal.decided"
)

// Recipients of notices.
const (
	RecipientPerson    = "person"    // the restricted person
	RecipientAuthority = "authority" // the issuing authority
)

// Notice is one message to a person or to an issuing authority about a
// restriction or an appeal. It carries what the recipient needs to act
// and no more: for a person, their identifiers (Subjects), by which a
// delivery gateway finds their address; never the names or birth date.
type Notice struct {
	ID        string `json:"id"`
	Event     string `json:"event"`
	Recipient string `json:"recipient"` // RecipientPerson or RecipientAuthority
	Authority string `json:"authority"` // the issuing authority
	// Subjects are the person's identifiers (Identifier.Key), for a
	// person's notice.
	Subjects      []string   `json:"subjects,omitempty"`
	RestrictionID string     `json:"restriction_id"`
	AppealID      string     `json:"appeal_id,omitempty"`
	Kind          string     `json:"kind"`
	LegalBasis    string     `json:"legal_basis,omitempty"`
	Status        string     `json:"status"` // the restriction's, or the appeal's
	ValidUntil    *time.Time `json:"valid_until,omitempty"`
	DueAt         *time.Time `json:"due_at,omitempty"` // an appeal's deadline
	At            time.Time  `json:"at"`
}

// NoticesForChange are the notices a restriction change sends: to the
// person and to the authority when it is created, lifted or expires.
func NoticesForChange(c Change) []Notice {
	r := c.Restriction
	var event string
	switch {
	case r.Status == StatusLifted:
		event = NoticeLifted
	case r.Status == StatusExpired:
		event = NoticeExpired
	case r.Version == 1:
		event = NoticeCreated
	default:
		return nil
	}
	until := r.ValidUntil
	n := Notice{Event: event, Authority: r.Authority, RestrictionID: r.ID, Kind: r.Kind, LegalBasis: r.LegalBasis,
		Status: string(r.Status), ValidUntil: &until, At: c.At}
	return pair(n, subjectsOf(r.Person))
}

// NoticesForAppeal are the notices an appeal sends when it is filed
// (NoticeAppealFiled) or decided (NoticeAppealDecided): to the person
// and to the authority that decides it.
func NoticesForAppeal(event string, a *Appeal, r *Restriction, at time.Time) []Notice {
	due := a.DueAt
	n := Notice{Event: event, Authority: a.Authority, RestrictionID: a.RestrictionID, AppealID: a.ID, Kind: a.Kind,
		LegalBasis: r.LegalBasis, Status: a.Status, DueAt: &due, At: at}
	return pair(n, subjectsOf(r.Person))
}

// pair is n addressed to the person (when they have identifiers) and to
// the authority.
func pair(n Notice, subjects []string) []Notice {
	auth := n
	auth.Recipient = RecipientAuthority
	if len(subjects) == 0 {
		return []Notice{auth}
	}
	p := n
	p.Recipient, p.Subjects = RecipientPerson, subjects
	return []Notice{p, auth}
}

func subjectsOf(p Person) []string {
	var out []string
	for _, id := range p.Identifiers {
		if NormalizeDocumentNumber(id.Value) != "" {
			out = append(out, id.Key())
		}
	}
	return out
}

// NoticeOutbox keeps notices until they are delivered, so that a notice is
// sent at least once even when its channel is down for a while.
type NoticeOutbox interface {
	// EnqueueNotices stores notices to send, assigning their IDs.
	EnqueueNotices(ctx context.Context, ns []Notice) error
	// NoticesFromChanges enqueues the notices of up to limit restriction
	// changes not yet turned into notices (NoticesForChange), in the
	// order they were made, and returns how many changes it took.
	NoticesFromChanges(ctx context.Context, limit int) (int, error)
	// DueNotices lists up to limit undelivered notices due at now, oldest
	// first.
	DueNotices(ctx context.Context, now time.Time, limit int) ([]Notice, error)
	// MarkNoticeSent records that notice id was delivered.
	MarkNoticeSent(ctx context.Context, id string) error
	// DeferNotice records a failed delivery of id, why, and when to try
	// again.
	DeferNotice(ctx context.Context, id, reason string, retryAt time.Time) error
	// PurgeSentNotices deletes the notices delivered before before, and
	// returns how many: a notice names a person and outlives its delivery
	// only as long as needed to answer questions about it.
	PurgeSentNotices(ctx context.Context, before time.Time) (int, error)
}

// NoticeSender delivers a notice over one channel (a file, a webhook, a
// mail or state messaging gateway). An error means "not delivered; try
// again later".
type NoticeSender interface {
	SendNotice(ctx context.Context, n Notice) error
}
