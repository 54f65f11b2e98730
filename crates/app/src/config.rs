//! Server configuration: built-in defaults, then a TOML file, then `GONGKAI_*` environment variables, then the
//! command line, each overriding the one before.

use crate::messages::{Arg, Args, Coded};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use gongkai_store::DatabaseUrl;
use serde::Deserialize;

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
    /// Login attempts one address may make at once before it must wait.
    pub login_burst: u32,
    /// Seconds after which one more login attempt is allowed to an address that used its burst.
    pub login_refill_seconds: u64,
    /// Take the client address from `X-Forwarded-For` (only behind a reverse proxy that sets it).
    pub behind_proxy: bool,
    /// E-mail notifications (`[mail]`); without it messages are recorded and never sent.
    pub mail: MailConfig,
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
            login_burst: 10,
            login_refill_seconds: 6,
            behind_proxy: false,
            mail: MailConfig::default(),
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
            "GONGKAI_LOGIN_BURST" => {
                self.login_burst =
                    u32::try_from(number(value)?).map_err(|_| bad(EnvProblem::TooLarge))?
            }
            "GONGKAI_LOGIN_REFILL_SECONDS" => self.login_refill_seconds = number(value)?,
            "GONGKAI_BEHIND_PROXY" => {
                self.behind_proxy = match value.trim().to_ascii_lowercase().as_str() {
                    "1" | "true" | "yes" | "on" => true,
                    "0" | "false" | "no" | "off" | "" => false,
                    _ => return Err(bad(EnvProblem::Boolean)),
                }
            }
            // Other GONGKAI_* variables belong to other parts (GONGKAI_FONT_DIR, GONGKAI_CONFIG, tests).
            _ => {}
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn file_then_environment_override_the_defaults() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("gongkai.toml");
        std::fs::write(
            &path,
            "listen = \"0.0.0.0:9000\"\nsession_hours = 4\nlog_format = \"json\"\n",
        )
        .expect("write");
        let c = Config::load(
            Some(&path),
            env(&[("GONGKAI_SESSION_HOURS", "2"), ("GONGKAI_FONT_DIR", "/x")]),
        )
        .expect("load");
        assert_eq!(c.listen, SocketAddr::from(([0, 0, 0, 0], 9000)));
        assert_eq!(c.session_hours, 2);
        assert_eq!(c.log_format, LogFormat::Json);
        assert_eq!(c.data_dir, PathBuf::from("gongkai-data"));
    }

    #[test]
    fn the_mail_section_is_read_and_off_by_default() {
        assert!(!Config::default().mail.configured());
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("gongkai.toml");
        std::fs::write(
            &path,
            "[mail]\nenabled = true\nhost = \"smtp.example.gov.cn\"\nsecurity = \"tls\"\n\
             from_address = \"gongkai@example.gov.cn\"\nusername = \"gk\"\npassword = \"pw\"\n",
        )
        .expect("write");
        let c = Config::load(Some(&path), env(&[])).expect("load");
        assert!(c.mail.configured());
        assert_eq!(c.mail.port(), 465);
        assert_eq!(c.mail.security, MailSecurity::Tls);
        assert_eq!(c.mail.digest_hour, 8);
        std::fs::write(&path, "[mail]\nsecurity = \"ssl\"\n").expect("write");
        let e = Config::load(Some(&path), env(&[])).expect_err("unknown security");
        assert_eq!(e.code(), "config.toml");
    }

    #[test]
    fn mistakes_are_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("gongkai.toml");
        std::fs::write(&path, "listne = \"0.0.0.0:9000\"\n").expect("write");
        let e = Config::load(Some(&path), env(&[])).expect_err("unknown key");
        assert_eq!(e.code(), "config.toml");
        assert!(e.to_string().contains("listne"), "{e}");
        let e =
            Config::load(None, env(&[("GONGKAI_LISTEN", "localhost")])).expect_err("bad address");
        assert!(e.to_string().contains("GONGKAI_LISTEN"), "{e}");
    }

    #[test]
    fn the_store_defaults_to_sqlite_in_the_data_folder() {
        let c = Config::default();
        assert_eq!(
            c.database().ok(),
            Some(DatabaseUrl::in_data_dir(Path::new("gongkai-data")))
        );
        assert!(!c.secure_cookies(), "the demo on 127.0.0.1 over plain HTTP");
    }

    #[test]
    fn cookies_are_secure_unless_the_site_is_plain_http() {
        let on = |listen: &str, public: Option<&str>| {
            Config {
                listen: listen.parse().expect("address"),
                public_url: public.map(str::to_owned),
                ..Config::default()
            }
            .secure_cookies()
        };
        assert!(
            on("0.0.0.0:8080", None),
            "a network listener is taken to sit behind HTTPS"
        );
        assert!(on("127.0.0.1:8080", Some("https://gk.example.gov.cn")));
        assert!(!on("0.0.0.0:8080", Some("http://intranet.example")));
        assert!(!on("[::1]:8080", None));
        let e =
            Config::load(None, env(&[("GONGKAI_BEHIND_PROXY", "maybe")])).expect_err("bad value");
        assert!(e.to_string().contains("GONGKAI_BEHIND_PROXY"));
    }
}
