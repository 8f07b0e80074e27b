// Package audit is trex's tamper-evident record: one append-only
// transparency log (an RFC 6962 Merkle tree, golang.org/x/mod/sumdb/tlog)
// per deployment role — the registry, and each border node — holding every
// restriction change made or applied, every check, every supervisor
// action, every subject-access request and every token issued or revoked.
//
// The log signs checkpoints (C2SP signed notes with an ed25519 key, body
// "origin\nsize\nbase64(root)\n") at most Interval apart while it grows and
// on demand, proves the inclusion of any entry in any checkpoint and the
// consistency of any two, and makes each check's decision evidence: the
// check's entry (with the hash of the request it answers) proven in the
// checkpoint the log signs for each batch of appends, so that a busy node
// signs once per batch, not once per check (Receipt.Evidence).
// Anyone holding the public key can verify a copy of the log (Verify) or a
// live node through its API (Client), and a Witness refuses a node that
// shows two views of its log.
//
// # Appending
//
// Appends are group-committed: one committer writes the entries waiting
// (and those that follow each other within Linger, for at most MaxLinger)
// in one transaction, synced to disk, as two rows (the batch's entries as
// one run, the stored hashes it adds as another: runs.go),
// signs one checkpoint of the tree it makes, and only then answers their
// callers. What must be written elsewhere with an entry — a border
// node's check log — can follow the batch (AppendManyThen, a Follower):
// the items of all the appends committed together are handed to their
// follower in one call, in commit order, while the committer writes the
// batch, so that the other store is written once per batch too and a
// caller waits for the longer of the two writes, not their sum. An
// append is answered once both are durable. The committer also hashes, once, the incomplete subtrees
// on the right edge of the batch's tree, so that each of its entries is
// proven from stored hashes alone (Receipt.AppendEvidence), without
// hashing anything per check.
//
// An entry is stored, and hashed, as its JSON encoding (Entry's fields in
// order, empty ones left out), written by hand for speed and byte for
// byte what encoding/json writes (FuzzEntryEncodingIsEncodingJSON): an
// outside client reads entries with any JSON library.
//
// # What an entry keeps, and why
//
// An entry is what is needed to prove what happened, not who the person
// was: names and birth dates are never written.
//   - type, at, node: what happened, when, where.
//   - actor (the token id) and role: who did it; the token id leads to the
//     officer through the node's token table, which the log does not copy.
//   - check_id, request (SHA-256 of the request body as received): which
//     check, bound to the exact request a signed decision answers.
//   - document (the kind read: "mrz:TD3", "form", "manifest") and
//     document_hash (an HMAC of the normalised document number under the
//     node's audit key): an auditor holding a document and the node's
//     cooperation can show that this document was read, but the log alone
//     reveals no document number.
//   - decision, matches (restriction ids and scores): what the node
//     decided and on which restrictions; restriction ids are opaque.
//   - resolution, reason_code and reason_hash: a supervisor's action and
//     its code from a fixed list; a free-text reason may name the person,
//     so only its hash is kept.
//   - restriction_id, version, authority, kind, status: a change made or
//     applied, or a purge (restriction.purged: the tombstone left once the
//     retention period ran out), without the person it concerns.
//   - subject_hash: whose restrictions a subject-access request asked
//     about, as an HMAC of the identifier. A person's request without a
//     token (subject.status, subject.access_log, appeal.filed) keeps it
//     with decision "answered", "rate_limited" or "invalid" (then without
//     subject_hash), matched or not; an appeal filed or decided keeps
//     restriction_id, authority, kind, status and the reason's hash.
//   - token: the token id issued or revoked, with its role.
//   - exempt: an issuer's read kept from the person's access log, with
//     the hash of the ground given in reason_hash.
//   - shown: the restriction ids whose records a supervisor was shown on
//     opening a referral (referral.opened, with check_id and decision);
//     the person's details shown are not copied.
//
// The package must not decide anything: it records what the services did.
package audit
