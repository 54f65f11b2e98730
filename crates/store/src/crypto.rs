//! Personal data at rest (个人信息保护法第五十一条: 加密等安全技术措施): what the store writes of an applicant is
//! sealed with an AEAD under a key that lives in a key file, never in the database. `standard` keys use
//! AES-256-GCM; `gm` keys use SM4-GCM (GB/T 32907, as 商用密码应用安全性评估 expects). A keyring holds every key
//! still needed to read, the last one sealing what is written; a sealed value names its key, so a rotation can
//! re-seal rows one by one while the server runs.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, AesGcm};
use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
use zeroize::Zeroizing;

/// SM4 in GCM mode with the usual 96-bit nonce (the same construction as AES-GCM, another block cipher).
type Sm4Gcm = AesGcm<sm4::Sm4, aes_gcm::aead::consts::U12>;

/// The prefix of a sealed value: version 1, then the key's id, then base64 of nonce and ciphertext.
const SEALED_PREFIX: &str = "gk-enc:1:";
const NONCE_BYTES: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Aes256Gcm,
    Sm4Gcm,
}

impl Algorithm {
    pub fn code(self) -> &'static str {
        match self {
            Self::Aes256Gcm => "aes-256-gcm",
            Self::Sm4Gcm => "sm4-gcm",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "aes-256-gcm" => Some(Self::Aes256Gcm),
            "sm4-gcm" => Some(Self::Sm4Gcm),
            _ => None,
        }
    }

    /// The key length in bytes.
    pub fn key_bytes(self) -> usize {
        match self {
            Self::Aes256Gcm => 32,
            Self::Sm4Gcm => 16,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("line {line} of the key file is not `ID ALGORITHM HEX`")]
    BadLine { line: usize },
    #[error("the key file holds no key")]
    Empty,
    #[error("a value is sealed with key {0}, which the key file does not hold")]
    UnknownKey(String),
    #[error("a sealed value is damaged or was sealed with another key")]
    Damaged,
    #[error("the operating system gave no randomness")]
    Random,
}

/// One key: its id, its algorithm and its bytes (wiped from memory when dropped).
#[derive(Clone)]
pub struct Key {
    pub id: String,
    pub algorithm: Algorithm,
    bytes: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Key({} {})", self.id, self.algorithm.code())
    }
}

impl Key {
    /// A new key of `algorithm` from the operating system's randomness.
    pub fn generate(id: &str, algorithm: Algorithm) -> Result<Self, KeyError> {
        let mut bytes = Zeroizing::new(vec![0_u8; algorithm.key_bytes()]);
        getrandom::fill(&mut bytes).map_err(|_| KeyError::Random)?;
        Ok(Self {
            id: id.to_owned(),
            algorithm,
            bytes,
        })
    }
}

/// The keys a node reads with; the last seals.
#[derive(Debug, Clone)]
pub struct Keyring {
    keys: Vec<Key>,
}

impl Keyring {
    pub fn new(keys: Vec<Key>) -> Result<Self, KeyError> {
        if keys.is_empty() {
            return Err(KeyError::Empty);
        }
        Ok(Self { keys })
    }

    /// Reads a key file: one key a line, `ID ALGORITHM HEX`; `#` starts a comment; the last key seals.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let mut keys = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let bad = KeyError::BadLine { line: n + 1 };
            let mut parts = line.split_whitespace();
            let (Some(id), Some(alg), Some(hex_key), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(bad);
            };
            let algorithm = Algorithm::from_code(alg).ok_or(bad.clone())?;
            let bytes = Zeroizing::new(hex::decode(hex_key).map_err(|_| bad.clone())?);
            if bytes.len() != algorithm.key_bytes() || id.contains(':') {
                return Err(bad);
            }
            keys.push(Key {
                id: id.to_owned(),
                algorithm,
                bytes,
            });
        }
        Self::new(keys)
    }

    /// The key file's text (for `gongkai keys rotate`).
    pub fn to_text(&self) -> String {
        let mut out = String::from(
            "# gongkai key file: ID ALGORITHM HEX, one key a line; the last one seals new data.\n\
             # Keep it outside the database and its backups, readable by the server only (0600).\n",
        );
        for k in &self.keys {
            out.push_str(&format!(
                "{} {} {}\n",
                k.id,
                k.algorithm.code(),
                hex::encode(&*k.bytes)
            ));
        }
        out
    }

    /// The key that seals.
    pub fn current(&self) -> &Key {
        // `new` refuses an empty ring.
        &self.keys[self.keys.len() - 1]
    }

    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// The ring with `key` added as the one that seals.
    pub fn rotated(&self, key: Key) -> Self {
        let mut keys = self.keys.clone();
        keys.push(key);
        Self { keys }
    }

    /// Seals `plain` under the current key, bound to `context` (the table and column it belongs in).
    pub fn seal(&self, plain: &[u8], context: &[u8]) -> Result<String, KeyError> {
        let key = self.current();
        let mut nonce = [0_u8; NONCE_BYTES];
        getrandom::fill(&mut nonce).map_err(|_| KeyError::Random)?;
        let sealed = cipher_op(key, &nonce, plain, context, true)?;
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        Ok(format!("{}{}", sealed_prefix(&key.id), B64.encode(bytes)))
    }

    /// Opens a value from [`Keyring::seal`]; `Ok(None)` when `stored` was never sealed (written before
    /// encryption, read as it is).
    pub fn open(&self, stored: &str, context: &[u8]) -> Result<Option<Vec<u8>>, KeyError> {
        let Some(rest) = stored.strip_prefix(SEALED_PREFIX) else {
            return Ok(None);
        };
        let (id, data) = rest.split_once(':').ok_or(KeyError::Damaged)?;
        let key = self
            .keys
            .iter()
            .find(|k| k.id == id)
            .ok_or_else(|| KeyError::UnknownKey(id.to_owned()))?;
        let bytes = B64.decode(data).map_err(|_| KeyError::Damaged)?;
        if bytes.len() < NONCE_BYTES {
            return Err(KeyError::Damaged);
        }
        let (nonce, sealed) = bytes.split_at(NONCE_BYTES);
        cipher_op(key, nonce, sealed, context, false).map(Some)
    }

    /// Whether `stored` is sealed with the current key (a rotation re-seals the rest).
    pub fn is_current(&self, stored: &str) -> bool {
        stored
            .strip_prefix(SEALED_PREFIX)
            .and_then(|rest| rest.split_once(':'))
            .is_some_and(|(id, _)| id == self.current().id)
    }
}

/// How every value sealed with the key `id` begins.
pub fn sealed_prefix(id: &str) -> String {
    format!("{SEALED_PREFIX}{id}:")
}

fn cipher_op(
    key: &Key,
    nonce: &[u8],
    data: &[u8],
    context: &[u8],
    seal: bool,
) -> Result<Vec<u8>, KeyError> {
    let payload = Payload {
        msg: data,
        aad: context,
    };
    let nonce = aes_gcm::Nonce::from_slice(nonce);
    let out = match key.algorithm {
        Algorithm::Aes256Gcm => {
            let c = Aes256Gcm::new_from_slice(&key.bytes).map_err(|_| KeyError::Damaged)?;
            if seal {
                c.encrypt(nonce, payload)
            } else {
                c.decrypt(nonce, payload)
            }
        }
        Algorithm::Sm4Gcm => {
            let c = Sm4Gcm::new_from_slice(&key.bytes).map_err(|_| KeyError::Damaged)?;
            if seal {
                c.encrypt(nonce, payload)
            } else {
                c.decrypt(nonce, payload)
            }
        }
    };
    out.map_err(|_| KeyError::Damaged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_sealed_with_either_algorithm_opens_only_with_its_key_and_context() {
        for algorithm in [Algorithm::Aes256Gcm, Algorithm::Sm4Gcm] {
            let ring =
                Keyring::new(vec![Key::generate("k1", algorithm).expect("key")]).expect("ring");
            let plain = "{\"id_number\":\"41088319900515201X\"}".as_bytes();
            let sealed = ring.seal(plain, b"applications.applicant").expect("seal");
            assert!(sealed.starts_with("gk-enc:1:k1:"), "{sealed}");
            assert!(
                !sealed.contains("410883"),
                "no plain text in the sealed value"
            );
            assert_eq!(
                ring.open(&sealed, b"applications.applicant"),
                Ok(Some(plain.to_vec()))
            );
            assert_eq!(
                ring.open(&sealed, b"other.column"),
                Err(KeyError::Damaged),
                "bound to its column"
            );
            let other =
                Keyring::new(vec![Key::generate("k1", algorithm).expect("key")]).expect("ring");
            assert_eq!(
                other.open(&sealed, b"applications.applicant"),
                Err(KeyError::Damaged)
            );
            assert_eq!(ring.open("{\"plain\":1}", b"x"), Ok(None), "never sealed");
            // The key file reads back the same keys.
            let again = Keyring::parse(&ring.to_text()).expect("parse");
            assert_eq!(
                again.open(&sealed, b"applications.applicant"),
                Ok(Some(plain.to_vec()))
            );
        }
    }

    #[test]
    fn a_rotated_ring_reads_the_old_and_seals_with_the_new() {
        let old = Keyring::new(vec![
            Key::generate("k1", Algorithm::Aes256Gcm).expect("key"),
        ])
        .expect("ring");
        let sealed = old.seal(b"x", b"c").expect("seal");
        let new = old.rotated(Key::generate("k2", Algorithm::Sm4Gcm).expect("key"));
        assert_eq!(new.open(&sealed, b"c"), Ok(Some(b"x".to_vec())));
        assert!(!new.is_current(&sealed));
        let resealed = new.seal(b"x", b"c").expect("seal");
        assert!(new.is_current(&resealed) && resealed.contains(":k2:"));
        assert_eq!(
            old.open(&resealed, b"c"),
            Err(KeyError::UnknownKey("k2".into()))
        );
    }

    #[test]
    fn a_bad_key_file_names_its_line() {
        assert!(matches!(
            Keyring::parse("# only a comment\n"),
            Err(KeyError::Empty)
        ));
        assert!(matches!(
            Keyring::parse("k1 aes-256-gcm 00ff\n"),
            Err(KeyError::BadLine { line: 1 })
        ));
        assert!(matches!(
            Keyring::parse(&format!("k1 rot13 {}\n", "00".repeat(32))),
            Err(KeyError::BadLine { line: 1 })
        ));
    }
}
