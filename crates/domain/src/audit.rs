//! The audit trail: every write by a citizen or an official is an event, and each event's hash covers the
//! previous event's hash, so that a row edited or deleted by hand breaks the chain where it was touched.

use serde::Serialize;

use crate::message::{Arg, Args, Coded};
use sha2::{Digest, Sha256};

mod action;

pub use action::AuditAction;

/// The hash before the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who did it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ActorRef {
    /// A staff account (id and login name at the time).
    Official { id: i64, username: String },
    /// A member of the public, known by what they used (a tracking number, an address).
    Citizen { reference: String },
    /// gongkai itself (set-up, the demo, scheduled work).
    System { reason: String },
    /// An integration calling the API with an agency's API token (its id and name at the time).
    Token { id: i64, name: String },
}

impl ActorRef {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Official { .. } => "official",
            Self::Citizen { .. } => "citizen",
            Self::System { .. } => "system",
            Self::Token { .. } => "token",
        }
    }

    pub fn id(&self) -> Option<i64> {
        match self {
            Self::Official { id, .. } | Self::Token { id, .. } => Some(*id),
            _ => None,
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Self::Official { username, .. } => username,
            Self::Citizen { reference } => reference,
            Self::System { reason } => reason,
            Self::Token { name, .. } => name,
        }
    }
}

/// An event before it is chained: what the store is asked to record with a write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub actor: ActorRef,
    /// What kind of write it records.
    pub action: AuditAction,
    /// The agency whose records changed, if any (scopes who may read the event).
    pub agency: Option<i64>,
    /// What changed, such as `agency:3` or `account:12`.
    pub target: String,
    /// The change itself as JSON (never a password or its hash).
    pub detail: String,
}

/// A chained event as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    pub seq: i64,
    pub at_ms: i64,
    pub actor_kind: String,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    /// The stored text of its [`AuditAction`]; kept as text, since a trail is verified as it was written,
    /// and a rewritten action must show as a broken hash, not as an unreadable row.
    pub action: String,
    pub agency: Option<i64>,
    pub target: String,
    pub detail: String,
    /// SHA-256 of `detail`.
    pub digest: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash function of an audit chain's events: SHA-256, or SM3 (GB/T 32905) where a 商用密码应用安全性评估
/// asks for it. An SM3 value is written `sm3:` + hex, so a trail that changed profile on the way still verifies
/// event by event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChainHash {
    #[default]
    Sha256,
    Sm3,
}

const SM3_TAG: &str = "sm3:";

impl ChainHash {
    /// The function a stored value was made with.
    pub fn of_stored(value: &str) -> Self {
        if value.starts_with(SM3_TAG) {
            Self::Sm3
        } else {
            Self::Sha256
        }
    }

    fn hex_of(self, parts: &[&[u8]]) -> String {
        match self {
            Self::Sha256 => {
                let mut h = Sha256::new();
                for p in parts {
                    h.update(p);
                }
                hex::encode(h.finalize())
            }
            Self::Sm3 => {
                let mut h = sm3::Sm3::new();
                for p in parts {
                    h.update(p);
                }
                format!("{SM3_TAG}{}", hex::encode(h.finalize()))
            }
        }
    }
}

impl ChainHash {
    /// The digest of `bytes` (a file, a letter, a table's rows): hex, tagged `sm3:` when SM3.
    pub fn digest(self, bytes: &[u8]) -> String {
        self.hex_of(&[bytes])
    }

    /// A digest of bytes that come in pieces (a file read in blocks).
    pub fn hasher(self) -> Hasher {
        Hasher(match self {
            Self::Sha256 => HasherState::Sha256(Sha256::new()),
            Self::Sm3 => HasherState::Sm3(sm3::Sm3::new()),
        })
    }

    /// Whether `value` is a digest of this function's form: 64 hex digits, after `sm3:` for SM3.
    pub fn is_digest(value: &str) -> bool {
        let hex = value.strip_prefix(SM3_TAG).unwrap_or(value);
        hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit())
    }
}

/// A digest being computed, block by block; [`Hasher::finish`] gives it as [`ChainHash::digest`] would.
pub struct Hasher(HasherState);

enum HasherState {
    Sha256(Sha256),
    Sm3(sm3::Sm3),
}

impl Hasher {
    pub fn update(&mut self, bytes: &[u8]) {
        match &mut self.0 {
            HasherState::Sha256(h) => h.update(bytes),
            HasherState::Sm3(h) => h.update(bytes),
        }
    }

    pub fn finish(self) -> String {
        match self.0 {
            HasherState::Sha256(h) => hex::encode(h.finalize()),
            HasherState::Sm3(h) => format!("{SM3_TAG}{}", hex::encode(h.finalize())),
        }
    }
}

pub fn digest_of(detail: &str) -> String {
    digest_with(ChainHash::Sha256, detail)
}

/// The digest of an event's detail with `algorithm`.
pub fn digest_with(algorithm: ChainHash, detail: &str) -> String {
    algorithm.hex_of(&[detail.as_bytes()])
}

impl AuditEvent {
    /// Chains `entry` after the event whose hash is `prev_hash`, with SHA-256.
    pub fn chain(entry: &AuditEntry, seq: i64, at_ms: i64, prev_hash: &str) -> Self {
        Self::chain_with(ChainHash::Sha256, entry, seq, at_ms, prev_hash)
    }

    /// Chains `entry` after the event whose hash is `prev_hash`, with `algorithm`.
    pub fn chain_with(
        algorithm: ChainHash,
        entry: &AuditEntry,
        seq: i64,
        at_ms: i64,
        prev_hash: &str,
    ) -> Self {
        let mut event = Self {
            seq,
            at_ms,
            actor_kind: entry.actor.kind().to_owned(),
            actor_id: entry.actor.id(),
            actor_name: entry.actor.name().to_owned(),
            action: entry.action.as_str().to_owned(),
            agency: entry.agency,
            target: entry.target.clone(),
            detail: entry.detail.clone(),
            digest: digest_with(algorithm, &entry.detail),
            prev_hash: prev_hash.to_owned(),
            hash: String::new(),
        };
        event.hash = event.hash_with(algorithm);
        event
    }

    /// The hash over every field but `hash` itself; each field is length-prefixed so that moving text from one
    /// field to the next changes it.
    pub fn computed_hash(&self) -> String {
        self.hash_with(ChainHash::of_stored(&self.hash))
    }

    fn hash_with(&self, algorithm: ChainHash) -> String {
        let mut lengths = Vec::with_capacity(10);
        let mut fields = Vec::with_capacity(10);
        let optional = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
        for field in [
            self.seq.to_string(),
            self.at_ms.to_string(),
            self.actor_kind.clone(),
            optional(self.actor_id),
            self.actor_name.clone(),
            self.action.clone(),
            optional(self.agency),
            self.target.clone(),
            self.digest.clone(),
            self.prev_hash.clone(),
        ] {
            lengths.push((field.len() as u64).to_be_bytes());
            fields.push(field);
        }
        let mut parts: Vec<&[u8]> = Vec::with_capacity(fields.len() * 2);
        for (len, field) in lengths.iter().zip(&fields) {
            parts.push(len);
            parts.push(field.as_bytes());
        }
        algorithm.hex_of(&parts)
    }
}

/// Where and how the chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChainBreak {
    /// The event's detail no longer matches its digest.
    DetailAltered { seq: i64 },
    /// A field of the event was changed after it was written.
    EventAltered { seq: i64 },
    /// The event does not follow the one stored before it (one was removed or replaced in between).
    LinkBroken { seq: i64 },
    /// Sequence numbers jump: events `from..=to` are missing.
    Missing { from: i64, to: i64 },
    /// The recorded head says the last event is `expected`, but the trail ends at `found`.
    TailMissing { expected: i64, found: i64 },
    /// Events from `seq` on were not recorded as written by gongkai (the head does not reach them).
    Unrecorded { seq: i64 },
    /// The event no longer has the hash recorded for it outside the database: the trail was rewritten.
    AnchorMismatch { seq: i64 },
}

impl ChainBreak {
    /// The first event the break concerns.
    pub fn seq(&self) -> i64 {
        match self {
            Self::DetailAltered { seq } | Self::EventAltered { seq } | Self::LinkBroken { seq } => {
                *seq
            }
            Self::Missing { from, .. } => *from,
            Self::TailMissing { found, .. } => found + 1,
            Self::Unrecorded { seq } | Self::AnchorMismatch { seq } => *seq,
        }
    }

    /// Stable code; also the message key `audit_break_<code>`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::DetailAltered { .. } => "detail_altered",
            Self::EventAltered { .. } => "event_altered",
            Self::LinkBroken { .. } => "link_broken",
            Self::Missing { .. } => "missing",
            Self::TailMissing { .. } => "tail_missing",
            Self::Unrecorded { .. } => "unrecorded",
            Self::AnchorMismatch { .. } => "anchor_mismatch",
        }
    }
}

/// For logs; the words users read are in the locale files (`audit.break.*`).
impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::DetailAltered { seq } => {
                write!(f, "event #{seq}: its change was altered (digest mismatch)")
            }
            Self::EventAltered { seq } => write!(f, "event #{seq} was altered (hash mismatch)"),
            Self::LinkBroken { seq } => {
                write!(f, "event #{seq} does not follow the event before it")
            }
            Self::Missing { from, to } if from == to => write!(f, "event #{from} was deleted"),
            Self::Missing { from, to } => write!(f, "events #{from} to #{to} were deleted"),
            Self::TailMissing { expected, found } => write!(
                f,
                "the trail should end at event #{expected} but ends at #{found}"
            ),
            Self::Unrecorded { seq } => {
                write!(f, "events from #{seq} on were not written by gongkai")
            }
            Self::AnchorMismatch { seq } => write!(
                f,
                "event #{seq} no longer has the hash recorded for it: the trail was rewritten"
            ),
        }
    }
}

impl Coded for ChainBreak {
    fn code(&self) -> &'static str {
        match self {
            Self::DetailAltered { .. } => "audit.break.detail_altered",
            Self::EventAltered { .. } => "audit.break.event_altered",
            Self::LinkBroken { .. } => "audit.break.link_broken",
            Self::Missing { from, to } if from == to => "audit.break.missing_one",
            Self::Missing { .. } => "audit.break.missing",
            Self::TailMissing { .. } => "audit.break.tail_missing",
            Self::Unrecorded { .. } => "audit.break.unrecorded",
            Self::AnchorMismatch { .. } => "audit.break.anchor_mismatch",
        }
    }

    fn args(&self) -> Args {
        match self {
            Self::DetailAltered { seq }
            | Self::EventAltered { seq }
            | Self::LinkBroken { seq }
            | Self::Unrecorded { seq }
            | Self::AnchorMismatch { seq } => vec![("seq", Arg::number(*seq))],
            Self::Missing { from, to } => {
                vec![("from", Arg::number(*from)), ("to", Arg::number(*to))]
            }
            Self::TailMissing { expected, found } => vec![
                ("expected", Arg::number(*expected)),
                ("found", Arg::number(*found)),
            ],
        }
    }
}

/// Checks events one by one, in sequence order, as they are read from the store.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    last_seq: i64,
    last_hash: String,
    count: u64,
    anchors: std::collections::BTreeMap<i64, String>,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            last_seq: 0,
            last_hash: GENESIS_HASH.to_owned(),
            count: 0,
            anchors: Default::default(),
        }
    }
}

/// An event's number and hash as recorded outside the database (`gongkai audit head`, written down or
/// published). Someone able to write the database could rewrite the whole chain after an edit; they cannot
/// rewrite a copy kept elsewhere, so an anchor that no longer matches shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Anchor {
    pub seq: i64,
    pub hash: String,
}

impl Anchor {
    /// Reads `SEQ:HASH`, as `gongkai audit head` prints it.
    pub fn parse(text: &str) -> Option<Self> {
        let (seq, hash) = text.trim().split_once(':')?;
        let seq = seq
            .trim()
            .trim_start_matches('#')
            .parse()
            .ok()
            .filter(|&n: &i64| n > 0)?;
        let hash = hash.trim().to_ascii_lowercase();
        // An SM3 chain's hashes carry their tag (`sm3:` + 64 hex digits).
        let hex = hash.strip_prefix(SM3_TAG).unwrap_or(&hash);
        (hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit()))
            .then_some(Self { seq, hash })
    }
}

impl std::fmt::Display for Anchor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
}

impl ChainVerifier {
    /// A verifier that also holds the chain to hashes recorded elsewhere.
    pub fn with_anchors(anchors: &[Anchor]) -> Self {
        let anchors = anchors.iter().map(|a| (a.seq, a.hash.clone())).collect();
        Self {
            anchors,
            ..Self::default()
        }
    }

    pub fn push(&mut self, event: &AuditEvent) -> Result<(), ChainBreak> {
        if event.seq != self.last_seq + 1 {
            return Err(ChainBreak::Missing {
                from: self.last_seq + 1,
                to: event.seq - 1,
            });
        }
        if digest_with(ChainHash::of_stored(&event.digest), &event.detail) != event.digest {
            return Err(ChainBreak::DetailAltered { seq: event.seq });
        }
        if event.computed_hash() != event.hash {
            return Err(ChainBreak::EventAltered { seq: event.seq });
        }
        if event.prev_hash != self.last_hash {
            return Err(ChainBreak::LinkBroken { seq: event.seq });
        }
        if self
            .anchors
            .get(&event.seq)
            .is_some_and(|recorded| *recorded != event.hash)
        {
            return Err(ChainBreak::AnchorMismatch { seq: event.seq });
        }
        self.last_seq = event.seq;
        self.last_hash.clone_from(&event.hash);
        self.count += 1;
        Ok(())
    }

    /// Ends the check against the head the store recorded with the last write (seq, hash), read in the same
    /// snapshot as the events: the two must meet exactly.
    pub fn finish(self, head: Option<(i64, String)>) -> Result<u64, ChainBreak> {
        if let Some((&anchored, _)) = self.anchors.range(self.last_seq + 1..).next() {
            return Err(ChainBreak::TailMissing {
                expected: anchored,
                found: self.last_seq,
            });
        }
        let (seq, hash) = head.unwrap_or((0, GENESIS_HASH.to_owned()));
        if seq > self.last_seq {
            return Err(ChainBreak::TailMissing {
                expected: seq,
                found: self.last_seq,
            });
        }
        if seq < self.last_seq {
            return Err(ChainBreak::Unrecorded { seq: seq + 1 });
        }
        if hash != self.last_hash {
            return Err(ChainBreak::EventAltered { seq });
        }
        Ok(self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditEvent> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let entry = AuditEntry {
                    actor: ActorRef::Official {
                        id: 1,
                        username: "admin".into(),
                    },
                    action: AuditAction::AgencyUpdate,
                    agency: Some(2),
                    target: format!("agency:{seq}"),
                    detail: format!("{{\"n\":{seq}}}"),
                };
                let e = AuditEvent::chain(&entry, seq, 1_700_000_000_000 + seq, &prev);
                prev.clone_from(&e.hash);
                e
            })
            .collect()
    }

    fn verify(events: &[AuditEvent], head: Option<(i64, String)>) -> Result<u64, ChainBreak> {
        let mut v = ChainVerifier::default();
        for e in events {
            v.push(e)?;
        }
        v.finish(head)
    }

    #[test]
    fn an_sm3_chain_and_a_chain_that_switched_to_sm3_verify_and_catch_an_edit() {
        let mut events = chain(3);
        let mut prev = events[2].hash.clone();
        for seq in 4..=6 {
            let entry = AuditEntry {
                actor: ActorRef::System {
                    reason: "gm".into(),
                },
                action: AuditAction::AgencyUpdate,
                agency: None,
                target: format!("agency:{seq}"),
                detail: format!("{{\"n\":{seq}}}"),
            };
            let e =
                AuditEvent::chain_with(ChainHash::Sm3, &entry, seq, 1_700_000_000_000 + seq, &prev);
            assert!(
                e.hash.starts_with("sm3:") && e.digest.starts_with("sm3:"),
                "{e:?}"
            );
            prev.clone_from(&e.hash);
            events.push(e);
        }
        // SM3 of "abc" (GB/T 32905-2016, example 1).
        assert_eq!(
            digest_with(ChainHash::Sm3, "abc"),
            "sm3:66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        );
        let head = Some((6, events[5].hash.clone()));
        assert_eq!(verify(&events, head.clone()), Ok(6));
        let anchor = Anchor::parse(&format!("6:{}", events[5].hash));
        assert_eq!(anchor.map(|a| a.hash), Some(events[5].hash.clone()));
        let mut edited = events.clone();
        edited[4].target = "agency:999".into();
        assert_eq!(
            verify(&edited, head),
            Err(ChainBreak::EventAltered { seq: 5 })
        );
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let events = chain(5);
        let head = Some((5, events[4].hash.clone()));
        assert_eq!(verify(&events, head), Ok(5));
        let wrong_head = Some((5, GENESIS_HASH.to_owned()));
        assert_eq!(
            verify(&events, wrong_head),
            Err(ChainBreak::EventAltered { seq: 5 })
        );
    }

    #[test]
    fn each_kind_of_tampering_names_the_event() {
        let mut edited = chain(5);
        edited[2].target = "agency:99".into();
        assert_eq!(
            verify(&edited, None),
            Err(ChainBreak::EventAltered { seq: 3 })
        );

        let mut detail = chain(5);
        detail[1].detail = "{}".into();
        assert_eq!(
            verify(&detail, None),
            Err(ChainBreak::DetailAltered { seq: 2 })
        );

        let mut deleted = chain(5);
        deleted.remove(3);
        assert_eq!(
            verify(&deleted, None),
            Err(ChainBreak::Missing { from: 4, to: 4 })
        );

        // Rewriting an event with a fresh hash of its own still breaks the link to the next one.
        let mut rehashed = chain(5);
        rehashed[1].target = "agency:99".into();
        rehashed[1].hash = rehashed[1].computed_hash();
        assert_eq!(
            verify(&rehashed, None),
            Err(ChainBreak::LinkBroken { seq: 3 })
        );

        let full = chain(5);
        let head = Some((5, full[4].hash.clone()));
        assert_eq!(
            verify(&full[..4], head),
            Err(ChainBreak::TailMissing {
                expected: 5,
                found: 4
            })
        );

        // Events appended behind gongkai's back (the head was not moved), or the head itself removed.
        let head = Some((4, full[3].hash.clone()));
        assert_eq!(verify(&full, head), Err(ChainBreak::Unrecorded { seq: 5 }));
        assert_eq!(verify(&full, None), Err(ChainBreak::Unrecorded { seq: 1 }));
        assert_eq!(verify(&[], None), Ok(0));
    }

    #[test]
    fn an_anchor_catches_a_chain_rewritten_from_the_start() {
        let honest = chain(5);
        let anchor = Anchor::parse(&format!("4:{}", honest[3].hash)).expect("anchor");
        let head = Some((5, honest[4].hash.clone()));
        let mut v = ChainVerifier::with_anchors(std::slice::from_ref(&anchor));
        for e in &honest {
            assert_eq!(v.push(e), Ok(()));
        }
        assert_eq!(v.finish(head), Ok(5));

        // Event 2 edited and every hash after it recomputed: the chain itself is consistent again.
        let mut forged = honest.clone();
        forged[1].target = "agency:99".into();
        let mut prev = forged[0].hash.clone();
        for e in forged.iter_mut().skip(1) {
            e.prev_hash.clone_from(&prev);
            e.hash = e.computed_hash();
            prev.clone_from(&e.hash);
        }
        let forged_head = Some((5, forged[4].hash.clone()));
        let mut plain = ChainVerifier::default();
        for e in &forged {
            assert_eq!(plain.push(e), Ok(()));
        }
        assert_eq!(
            plain.finish(forged_head.clone()),
            Ok(5),
            "without an anchor the rewrite passes"
        );
        let mut anchored = ChainVerifier::with_anchors(std::slice::from_ref(&anchor));
        let found = forged.iter().try_for_each(|e| anchored.push(e));
        assert_eq!(found, Err(ChainBreak::AnchorMismatch { seq: 4 }));

        // An anchor beyond the end: the newest events were cut off.
        let mut short = ChainVerifier::with_anchors(&[anchor]);
        for e in &honest[..3] {
            assert_eq!(short.push(e), Ok(()));
        }
        let short_head = Some((3, honest[2].hash.clone()));
        assert_eq!(
            short.finish(short_head),
            Err(ChainBreak::TailMissing {
                expected: 4,
                found: 3
            })
        );
        assert_eq!(Anchor::parse("#4:xyz"), None);
        assert_eq!(Anchor::parse(&format!("0:{GENESIS_HASH}")), None);
    }

    #[test]
    fn a_break_names_its_event() {
        let b = ChainBreak::EventAltered { seq: 3 };
        assert!(b.to_string().contains("event #3"), "{b}");
        assert_eq!(b.args(), vec![("seq", Arg::Number(3))]);
    }

    #[test]
    fn a_file_read_in_blocks_has_the_digest_of_its_whole() {
        let bytes: Vec<u8> = (0..10_000_u32).map(|n| (n % 251) as u8).collect();
        for algorithm in [ChainHash::Sha256, ChainHash::Sm3] {
            let mut hasher = algorithm.hasher();
            for block in bytes.chunks(777) {
                hasher.update(block);
            }
            let whole = algorithm.digest(&bytes);
            assert_eq!(hasher.finish(), whole);
            assert!(ChainHash::is_digest(&whole));
            assert_eq!(ChainHash::of_stored(&whole), algorithm);
        }
        assert_eq!(
            ChainHash::Sm3.digest(b"abc"),
            "sm3:66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        );
        assert!(!ChainHash::is_digest("sm3:../../etc/passwd"));
        assert!(!ChainHash::is_digest("abc"));
    }
}
