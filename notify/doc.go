// Package notify delivers the registry's notices (trex.Notice) to persons
// and issuing authorities: a Dispatcher takes due notices from the
// registry's outbox (trex.NoticeOutbox) and hands each to a
// trex.NoticeSender, marking it sent or deferring it for a retry.
//
// Two senders come with trex: File appends each notice as a JSON line to a
// file, and Webhook POSTs it as JSON to a URL (signed with HMAC-SHA256 when
// given a secret). A deployment adds mail or a state messaging gateway by
// implementing trex.NoticeSender (one method, SendNotice) and passing it to
// the Dispatcher, alone or with others in a Fanout; nothing else changes.
//
// Delivery is at least once: a notice whose sending failed, or whose
// success could not be recorded, is sent again, with the same ID, which
// receivers use to drop duplicates. A notice to a person carries their
// identifiers (trex.Identifier Key), by which a gateway finds their
// address, and never their names or birth date.
//
// The package decides nothing about who is told what: trex.NoticesForChange
// and trex.NoticesForAppeal do.
package notify
