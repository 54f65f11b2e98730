//! What the applicant takes away after applying: a readable tracking number (受理编号) and a secret query code
//! (查询码) that, with the number, lets them follow the application without an account. The store keeps only the
//! SHA-256 of the query code.

use crate::audit::ChainHash;
use crate::message::{Arg, Args, Coded};
use sha2::{Digest, Sha256};

const PREFIX: &str = "GK";
/// Digits a sequence number is printed with at least (`GK-2026-000123`).
pub const MIN_SEQ_DIGITS: usize = 6;
/// Digits a sequence number may have at most. The number widens past six digits instead of running out: a year's
/// numbers never fill (a million a day for 2,700 years), so no flood of applications can stop intake.
pub const MAX_SEQ_DIGITS: usize = 12;
/// The largest sequence number in one year.
pub const MAX_SEQ: u64 = 999_999_999_999;

/// A tracking number such as `GK-2026-000123`: the year of receipt and a sequence within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TrackingNo {
    year: i32,
    seq: u64,
}

/// Why a tracking number cannot be built or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrackingNoError {
    #[error("year {0} is outside 2000–9999")]
    Year(i32),
    #[error("sequence {0} is outside 1–999999999999")]
    Seq(u64),
    #[error("'{0}' is not a tracking number like GK-2026-000123")]
    Format(String),
}

impl Coded for TrackingNoError {
    fn code(&self) -> &'static str {
        TrackingNoError::code(self)
    }

    fn args(&self) -> Args {
        match self {
            Self::Year(a0) => vec![("year", Arg::number(*a0))],
            Self::Seq(a0) => vec![("seq", Arg::number(*a0))],
            Self::Format(a0) => vec![("text", Arg::text(a0))],
        }
    }
}

impl TrackingNoError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Year(_) => "tracking.year",
            Self::Seq(_) => "tracking.seq",
            Self::Format(_) => "tracking.format",
        }
    }
}

impl TrackingNo {
    pub fn new(year: i32, seq: u64) -> Result<Self, TrackingNoError> {
        if !(2000..=9999).contains(&year) {
            return Err(TrackingNoError::Year(year));
        }
        if !(1..=MAX_SEQ).contains(&seq) {
            return Err(TrackingNoError::Seq(seq));
        }
        Ok(Self { year, seq })
    }

    /// Reads `GK-YYYY-NNNNNN`, or the same without its hyphens (`GK2026000123`), as applicants copy it from a
    /// receipt or read it over the phone; case and surrounding spaces are ignored; four digits of year, and six
    /// digits of sequence or, past 999999, up to twelve without a leading zero (one number, one spelling).
    pub fn parse(input: &str) -> Result<Self, TrackingNoError> {
        let bad = || TrackingNoError::Format(input.trim().to_owned());
        let upper = input.trim().to_ascii_uppercase();
        let (prefix, year, seq) = if upper.contains('-') {
            let mut parts = upper.split('-');
            let (Some(prefix), Some(year), Some(seq), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(bad());
            };
            (prefix, year, seq)
        } else {
            // `GK` + four digits of year + six of sequence; `get` keeps a multi-byte character from panicking.
            match (upper.get(..2), upper.get(2..6), upper.get(6..)) {
                (Some(prefix), Some(year), Some(seq)) => (prefix, year, seq),
                _ => return Err(bad()),
            }
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let seq_ok = digits(seq, seq.len())
            && (seq.len() == MIN_SEQ_DIGITS
                || ((MIN_SEQ_DIGITS + 1..=MAX_SEQ_DIGITS).contains(&seq.len())
                    && !seq.starts_with('0')));
        if prefix != PREFIX || !digits(year, 4) || !seq_ok {
            return Err(bad());
        }
        let year = year.parse().map_err(|_| bad())?;
        let seq = seq.parse().map_err(|_| bad())?;
        Self::new(year, seq)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn seq(self) -> u64 {
        self.seq
    }
}

impl std::fmt::Display for TrackingNo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{PREFIX}-{:04}-{:06}", self.year, self.seq)
    }
}

/// The query code alphabet: 32 characters without 0/O and 1/I, so a code read aloud or copied by hand is not
/// mistaken, and a random byte maps to one character without bias (256 = 8 × 32).
pub const QUERY_ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// Characters in a query code: 10 × 5 bits = 50 bits of entropy.
pub const QUERY_CODE_LEN: usize = 10;

/// A secret query code. Shown once to the applicant; only [`QueryCode::hash_hex`] is stored. `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct QueryCode(String);

impl std::fmt::Debug for QueryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("QueryCode(**********)")
    }
}

impl QueryCode {
    /// Builds a code from random bytes supplied by the caller (from the operating system's generator): each
    /// byte picks one character by its low five bits.
    pub fn from_random(bytes: &[u8; QUERY_CODE_LEN]) -> Self {
        Self(
            bytes
                .iter()
                .map(|b| QUERY_ALPHABET[usize::from(b & 31)] as char)
                .collect(),
        )
    }

    /// The code to show the applicant.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `given` is this code (surrounding spaces and case ignored), compared in constant time.
    pub fn matches(&self, given: &str) -> bool {
        constant_time_eq(self.0.as_bytes(), normalise(given).as_bytes())
    }

    /// The lower-case hex SHA-256 of the code, unsalted: how codes were kept before salting (still read).
    pub fn hash_hex(&self) -> String {
        hash_of(&self.0)
    }

    /// What the store keeps: the code hashed with a random `salt` of its own, so that equal codes do not hash
    /// alike and no table of all 2^50 codes' hashes can be made once for every application. `algorithm` is
    /// SHA-256 or, under 国密, SM3: `s1$SALT$HEX` or `m1$SALT$sm3:HEX`.
    pub fn salted_hash(&self, salt: &[u8; SALT_BYTES], algorithm: ChainHash) -> String {
        let salt_hex = hex::encode(salt);
        let tag = match algorithm {
            ChainHash::Sha256 => "s1",
            ChainHash::Sm3 => "m1",
        };
        format!("{tag}${salt_hex}${}", salted(algorithm, &salt_hex, &self.0))
    }

    /// Whether `given` is the code kept as `stored` (salted, or the older unsalted SHA-256), compared in constant
    /// time.
    pub fn verify_hash(stored: &str, given: &str) -> bool {
        let stored = stored.trim();
        let given = normalise(given);
        let expected = match stored.split('$').collect::<Vec<_>>().as_slice() {
            ["s1", salt, _] => format!("s1${salt}${}", salted(ChainHash::Sha256, salt, &given)),
            ["m1", salt, _] => format!("m1${salt}${}", salted(ChainHash::Sm3, salt, &given)),
            _ => hash_of(&given),
        };
        constant_time_eq(stored.as_bytes(), expected.as_bytes())
    }
}

fn normalise(given: &str) -> String {
    given.trim().to_ascii_uppercase()
}

fn hash_of(code: &str) -> String {
    hex::encode(Sha256::digest(code.as_bytes()))
}

/// Bytes of salt a query code is hashed with.
pub const SALT_BYTES: usize = 16;

fn salted(algorithm: ChainHash, salt_hex: &str, code: &str) -> String {
    crate::audit::digest_with(algorithm, &format!("{salt_hex}:{code}"))
}

/// Constant-time equality of two byte slices: when the lengths are equal, every byte is visited and the
/// differences are OR-ed together with no early exit, so the time does not reveal where the first difference
/// is. Different lengths answer `false` at once: the length of a query code or a hash is public.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}
