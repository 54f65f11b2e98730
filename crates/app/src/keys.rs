//! The key file: where the keys that seal applicants' personal data live (never in the database, nor in its
//! backups). `serve` creates one on first start (`DATA_DIR/gongkai.key` unless `key_file` names another,
//! readable by the server's user only); several nodes are given the same file. `gongkai keys rotate` adds a new
//! key, which seals from then on, and re-seals every stored applicant with it.

use std::path::{Path, PathBuf};

use gongkai_store::crypto::{Algorithm, Key, KeyError, Keyring};
use gongkai_store::{Store, StoreError};

use crate::config::{Config, CryptoProfile};

#[derive(Debug, thiserror::Error)]
pub enum KeysError {
    #[error("key file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("key file {path}: {problem}")]
    Bad { path: String, problem: KeyError },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl gongkai_domain::message::Coded for KeysError {
    fn code(&self) -> &'static str {
        match self {
            Self::Io { .. } => "keys.io",
            Self::Bad { .. } => "keys.bad",
            Self::Store(e) => e.code(),
        }
    }

    fn args(&self) -> gongkai_domain::message::Args {
        use gongkai_domain::message::Arg;
        match self {
            Self::Io { path, source } => {
                vec![("path", Arg::text(path)), ("source", Arg::text(source))]
            }
            Self::Bad { path, problem } => {
                vec![("path", Arg::text(path)), ("problem", Arg::text(problem))]
            }
            Self::Store(e) => e.args(),
        }
    }
}

/// The key file of this configuration.
pub fn key_file(config: &Config) -> PathBuf {
    config
        .key_file
        .clone()
        .unwrap_or_else(|| config.data_dir.join("gongkai.key"))
}

fn algorithm(profile: CryptoProfile) -> Algorithm {
    match profile {
        CryptoProfile::Standard => Algorithm::Aes256Gcm,
        CryptoProfile::Gm => Algorithm::Sm4Gcm,
    }
}

/// Reads the key file; `Ok(None)` when there is none.
pub fn read(path: &Path) -> Result<Option<Keyring>, KeysError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(KeysError::Io {
                path: path.display().to_string(),
                source,
            });
        }
    };
    Keyring::parse(&text)
        .map(Some)
        .map_err(|problem| KeysError::Bad {
            path: path.display().to_string(),
            problem,
        })
}

/// Writes the key file readable by its owner only, replacing any earlier one in one step.
fn write(path: &Path, ring: &Keyring) -> Result<(), KeysError> {
    let io = |source| KeysError::Io {
        path: path.display().to_string(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let partial = path.with_extension("key.partial");
    {
        use std::io::Write;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&partial).map_err(io)?;
        file.write_all(ring.to_text().as_bytes()).map_err(io)?;
        file.sync_all().map_err(io)?;
    }
    std::fs::rename(&partial, path).map_err(io)
}

/// The keyring of this configuration, created (one key of the configured algorithm) when `create` and there is
/// no key file yet; given to `store`, which seals personal data with it from then on.
pub fn attach(store: &Store, config: &Config, create: bool) -> Result<Option<Keyring>, KeysError> {
    let path = key_file(config);
    let ring = match read(&path)? {
        Some(ring) => Some(ring),
        None if create => {
            let key = Key::generate("k1", algorithm(config.crypto)).map_err(|problem| {
                KeysError::Bad {
                    path: path.display().to_string(),
                    problem,
                }
            })?;
            let ring = Keyring::new(vec![key]).map_err(|problem| KeysError::Bad {
                path: path.display().to_string(),
                problem,
            })?;
            write(&path, &ring)?;
            tracing::info!(path = %path.display(), "created the key file for personal data");
            Some(ring)
        }
        None => None,
    };
    if let Some(ring) = &ring {
        store.use_keyring(ring.clone());
    }
    // 国密: the audit chain's new events are hashed with SM3 (earlier events keep SHA-256 and still verify).
    store.use_chain_hash(match config.crypto {
        CryptoProfile::Standard => gongkai_domain::audit::ChainHash::Sha256,
        CryptoProfile::Gm => gongkai_domain::audit::ChainHash::Sm3,
    });
    Ok(ring)
}

/// What a rotation did: the new key's id, and the applicants re-sealed with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotated {
    pub key_id: String,
    pub resealed: u64,
}

/// Adds a key of the configured algorithm to the key file (the old ones stay, to read what is not yet
/// re-sealed), then re-seals every stored applicant with it.
pub async fn rotate(store: &Store, config: &Config) -> Result<Rotated, KeysError> {
    let path = key_file(config);
    let bad = |problem| KeysError::Bad {
        path: path.display().to_string(),
        problem,
    };
    // Without a key file, the first key is the new one (what was stored so far is sealed by nothing yet).
    let ring = match read(&path)? {
        Some(ring) => {
            let next = (1..)
                .map(|n| format!("k{n}"))
                .find(|id| ring.keys().iter().all(|k| &k.id != id))
                .unwrap_or_else(|| "k0".into());
            ring.rotated(Key::generate(&next, algorithm(config.crypto)).map_err(bad)?)
        }
        None => Keyring::new(vec![
            Key::generate("k1", algorithm(config.crypto)).map_err(bad)?,
        ])
        .map_err(bad)?,
    };
    // The file first: once it holds the new key, every node that reads it can open what is re-sealed.
    write(&path, &ring)?;
    store.use_keyring(ring.clone());
    let resealed = store.reseal_personal_data().await?;
    Ok(Rotated {
        key_id: ring.current().id.clone(),
        resealed,
    })
}
