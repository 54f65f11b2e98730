//! Server configuration: built-in defaults, then a TOML file, then `GONGKAI_*` environment variables, then the
//! command line, each overriding the one before.

mod limits;

pub use limits::{IntakeLimits, Timeouts, client_address, default_trusted_proxies};

use crate::messages::{Arg, Args, Coded};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use gongkai_store::DatabaseUrl;
use serde::Deserialize;

/// Which algorithms seal and digest: the internationally common ones, or the national ones (国密) that a
/// 商用密码应用安全性评估 expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CryptoProfile {
    /// AES-256-GCM.
    #[default]
    Standard,
    /// SM4-GCM (GB/T 32907).
    Gm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// `sqlite:PATH` or `postgres://…`; when absent, SQLite in `data_dir`.
    pub database_url: Option<String>,
    /// Folder for the SQLite database and, later, attachments.
    pub data_dir: PathBuf,
    /// The address the public reaches the site at; an `https://` address makes session cookies `Secure`.
    pub public_url: Option<String>,
    pub log_format: LogFormat,
    /// How long a console session lasts without a new login.
    pub session_hours: u32,
    /// Minutes a console session may stay unused before it ends (等保 2.0: 登录连接超时自动退出).
    pub session_idle_minutes: u32,
    /// Login attempts one address may make at once before it must wait.
    pub login_burst: u32,
    /// Seconds after which one more login attempt is allowed to an address that used its burst.
    pub login_refill_seconds: u64,
    /// Take the client address from `X-Forwarded-For` (only behind a reverse proxy that sets it), and only
    /// when the connection comes from one of `trusted_proxies`.
    pub behind_proxy: bool,
    /// The reverse proxies (addresses or networks such as `10.0.0.0/8`) whose `X-Forwarded-For` is believed
    /// when `behind_proxy` is on; loopback by default.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// The key file that seals applicants' personal data; `DATA_DIR/gongkai.key` when absent.
    pub key_file: Option<PathBuf>,
    /// `standard` (AES-256-GCM, SHA-256) or `gm` (国密: SM4-GCM for new keys).
    pub crypto: CryptoProfile,
    /// Years after a case closes that its applicant's personal data is kept; then `gongkai applicants anonymise`
    /// removes it (0: kept).
    pub retention_years: u32,
    /// Limits on online applications (`[intake]`).
    pub intake: IntakeLimits,
    /// How long a client may take (`[timeouts]`).
    pub timeouts: Timeouts,
    /// E-mail notifications (`[mail]`); without it messages are recorded and never sent.
    pub mail: MailConfig,
    /// How often a node asks the store whether public pages changed (milliseconds; its page cache starts again
    /// when they did). 0 asks before every page: always current, and slower.
    pub page_check_ms: u64,
}

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MailSecurity {
    /// Plain SMTP (a relay on the same host or network).
    None,
    /// Plain, upgraded with STARTTLS before anything is sent (port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

/// The `[mail]` section: the SMTP server notifications go through.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailConfig {
    /// Nothing is sent unless this is `true` and a host is set.
    pub enabled: bool,
    pub host: String,
    /// 0 takes the usual port of `security`: 25, 587 or 465.
    pub port: u16,
    pub security: MailSecurity,
    pub username: Option<String>,
    pub password: Option<String>,
    /// The sender's address (`From:`); messages to applicants carry the agency's name as display name.
    pub from_address: String,
    /// The display name of the staff digest's sender.
    pub from_name: String,
    /// The hour (0-23, Beijing time) from which `serve` queues the staff's daily digest; 24 or more: never
    /// (only `gongkai digest send`).
    pub digest_hour: u32,
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            host: String::new(),
            port: 0,
            security: MailSecurity::Starttls,
            username: None,
            password: None,
            from_address: String::new(),
            from_name: "政府信息公开平台".into(),
            digest_hour: 8,
        }
    }
}

impl MailConfig {
    /// Whether messages are to be sent at all.
    pub fn configured(&self) -> bool {
        self.enabled && !self.host.trim().is_empty() && !self.from_address.trim().is_empty()
    }

    /// The port to connect to.
    pub fn port(&self) -> u16 {
        match (self.port, self.security) {
            (0, MailSecurity::None) => 25,
            (0, MailSecurity::Starttls) => 587,
            (0, MailSecurity::Tls) => 465,
            (p, _) => p,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: None,
            data_dir: PathBuf::from("gongkai-data"),
            public_url: None,
            log_format: LogFormat::Text,
            session_hours: 8,
            session_idle_minutes: 30,
            login_burst: 10,
            login_refill_seconds: 6,
            behind_proxy: false,
            trusted_proxies: default_trusted_proxies(),
            key_file: None,
            crypto: CryptoProfile::Standard,
            retention_years: 0,
            intake: IntakeLimits::default(),
            timeouts: Timeouts::default(),
            mail: MailConfig::default(),
            page_check_ms: 1000,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    /// `message` is the TOML parser's own (English, not ours to translate).
    #[error("the configuration file {path} is wrong: {message}")]
    Toml { path: String, message: String },
    #[error("the environment variable {name}={value} is invalid: {why:?}")]
    Env {
        name: String,
        value: String,
        why: EnvProblem,
    },
}

/// What a `GONGKAI_*` variable should have been.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvProblem {
    WholeNumber,
    Address,
    LogFormat,
    Boolean,
    TooLarge,
    Crypto,
}

impl Coded for ConfigError {
    fn code(&self) -> &'static str {
        ConfigError::code(self)
    }

    fn args(&self) -> Args {
        match self {
            Self::Read { path, source } => {
                vec![("path", Arg::text(path)), ("source", Arg::text(source))]
            }
            Self::Toml { path, message } => {
                vec![("path", Arg::text(path)), ("message", Arg::text(message))]
            }
            Self::Env { name, value, why } => vec![
                ("name", Arg::text(name)),
                ("value", Arg::text(value)),
                (
                    "why",
                    Arg::Word(match why {
                        EnvProblem::WholeNumber => "config.env.whole_number",
                        EnvProblem::Address => "config.env.address",
                        EnvProblem::LogFormat => "config.env.log_format",
                        EnvProblem::Boolean => "config.env.boolean",
                        EnvProblem::TooLarge => "config.env.too_large",
                        EnvProblem::Crypto => "config.env.crypto",
                    }),
                ),
            ],
        }
    }
}

impl ConfigError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Read { .. } => "config.read",
            Self::Toml { .. } => "config.toml",
            Self::Env { .. } => "config.env",
        }
    }
}

impl Config {
    /// Defaults, overridden by the file (if any), overridden by the `GONGKAI_*` variables in `env`.
    pub fn load(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, ConfigError> {
        let mut config = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.display().to_string(),
                    source,
                })?;
                toml::from_str(&text).map_err(|e| ConfigError::Toml {
                    path: path.display().to_string(),
                    message: e.message().to_owned(),
                })?
            }
            None => Config::default(),
        };
        for (name, value) in env {
            config.apply_env(&name, &value)?;
        }
        Ok(config)
    }

    fn apply_env(&mut self, name: &str, value: &str) -> Result<(), ConfigError> {
        let bad = |why: EnvProblem| ConfigError::Env {
            name: name.to_owned(),
            value: value.to_owned(),
            why,
        };
        let number = |v: &str| {
            v.trim()
                .parse::<u64>()
                .map_err(|_| bad(EnvProblem::WholeNumber))
        };
        match name {
            "GONGKAI_LISTEN" => {
                self.listen = value.trim().parse().map_err(|_| bad(EnvProblem::Address))?
            }
            "GONGKAI_DATABASE_URL" => self.database_url = Some(value.to_owned()),
            "GONGKAI_DATA_DIR" => self.data_dir = PathBuf::from(value),
            "GONGKAI_PUBLIC_URL" => self.public_url = Some(value.to_owned()),
            "GONGKAI_LOG_FORMAT" => {
                self.log_format = match value.trim() {
                    "text" => LogFormat::Text,
                    "json" => LogFormat::Json,
                    _ => return Err(bad(EnvProblem::LogFormat)),
                }
            }
            "GONGKAI_SESSION_HOURS" => {
                self.session_hours =
                    u32::try_from(number(value)?).map_err(|_| bad(EnvProblem::TooLarge))?
            }
            "GONGKAI_SESSION_IDLE_MINUTES" => {
                self.session_idle_minutes =
                    u32::try_from(number(value)?).map_err(|_| bad(EnvProblem::TooLarge))?
            }
            "GONGKAI_LOGIN_BURST" => {
                self.login_burst =
                    u32::try_from(number(value)?).map_err(|_| bad(EnvProblem::TooLarge))?
            }
            "GONGKAI_LOGIN_REFILL_SECONDS" => self.login_refill_seconds = number(value)?,
            "GONGKAI_PAGE_CHECK_MS" => self.page_check_ms = number(value)?,
            "GONGKAI_BEHIND_PROXY" => {
                self.behind_proxy = match value.trim().to_ascii_lowercase().as_str() {
                    "1" | "true" | "yes" | "on" => true,
                    "0" | "false" | "no" | "off" | "" => false,
                    _ => return Err(bad(EnvProblem::Boolean)),
                }
            }
            "GONGKAI_KEY_FILE" => self.key_file = Some(PathBuf::from(value)),
            "GONGKAI_RETENTION_YEARS" => {
                self.retention_years =
                    u32::try_from(number(value)?).map_err(|_| bad(EnvProblem::TooLarge))?
            }
            "GONGKAI_CRYPTO" => {
                self.crypto = match value.trim() {
                    "standard" => CryptoProfile::Standard,
                    "gm" => CryptoProfile::Gm,
                    _ => return Err(bad(EnvProblem::Crypto)),
                }
            }
            "GONGKAI_TRUSTED_PROXIES" => {
                self.trusted_proxies = value
                    .split(',')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(parse_net)
                    .collect::<Option<_>>()
                    .ok_or_else(|| bad(EnvProblem::Address))?
            }
            // Other GONGKAI_* variables belong to other parts (GONGKAI_FONT_DIR, GONGKAI_CONFIG, tests).
            _ => {}
        }
        Ok(())
    }

    /// The address of the client behind a request from `peer` with these `X-Forwarded-For` entries (see
    /// [`client_address`]): the peer itself unless the server sits behind a proxy.
    pub fn client_address<'a>(
        &self,
        peer: std::net::IpAddr,
        forwarded_for: impl DoubleEndedIterator<Item = &'a str>,
    ) -> std::net::IpAddr {
        if self.behind_proxy {
            client_address(peer, forwarded_for, &self.trusted_proxies)
        } else {
            peer
        }
    }

    /// Whether the public address is HTTPS, so browsers may be told to come back only over HTTPS (HSTS).
    pub fn serves_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.trim().to_ascii_lowercase().starts_with("https://"))
    }

    /// Where the store lives: the database address if one is set, else SQLite in the data folder.
    pub fn database(&self) -> Result<DatabaseUrl, gongkai_store::StoreError> {
        match &self.database_url {
            Some(url) => DatabaseUrl::parse(url),
            None => Ok(DatabaseUrl::in_data_dir(&self.data_dir)),
        }
    }

    /// Cookies carry `Secure` unless the site is plainly served over HTTP: a public address given as
    /// `http://…`, or no public address and a loopback listener (the demo, a developer's machine). Anything
    /// else, a server listening on a network without a public address included, is taken to sit behind HTTPS.
    pub fn secure_cookies(&self) -> bool {
        match self.public_url.as_deref() {
            Some(url) => !url.trim().to_ascii_lowercase().starts_with("http://"),
            None => !self.listen.ip().is_loopback(),
        }
    }
}

/// An address or a network: `10.0.0.5` is read as `10.0.0.5/32`.
fn parse_net(text: &str) -> Option<ipnet::IpNet> {
    text.parse().ok().or_else(|| {
        text.parse::<std::net::IpAddr>()
            .ok()
            .map(ipnet::IpNet::from)
    })
}

#[cfg(test)]
mod tests;
