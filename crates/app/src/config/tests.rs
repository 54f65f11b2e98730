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
    let e = Config::load(None, env(&[("GONGKAI_LISTEN", "localhost")])).expect_err("bad address");
    assert!(e.to_string().contains("GONGKAI_LISTEN"), "{e}");
}

#[test]
fn intake_limits_and_trusted_proxies_are_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("gongkai.toml");
    std::fs::write(
        &path,
        "behind_proxy = true\ntrusted_proxies = [\"10.0.0.0/8\"]\n\
         [intake]\nper_address_burst = 4\nper_identity_per_day = 12\n",
    )
    .expect("write");
    let c = Config::load(Some(&path), env(&[])).expect("load");
    assert_eq!(c.intake.per_address_burst, 4);
    assert_eq!(c.intake.per_identity_per_day, 12);
    assert_eq!(c.intake.per_address_refill_seconds, 30, "the default");
    let peer: std::net::IpAddr = "10.1.2.3".parse().expect("ip");
    let seen = c.client_address(peer, ["1.1.1.1", "203.0.113.9"].into_iter());
    assert_eq!(seen.to_string(), "203.0.113.9");
    let c = Config::load(
        Some(&path),
        env(&[("GONGKAI_TRUSTED_PROXIES", "192.168.1.1, 172.16.0.0/12")]),
    )
    .expect("load");
    assert_eq!(c.client_address(peer, ["203.0.113.9"].into_iter()), peer);
    let e = Config::load(None, env(&[("GONGKAI_TRUSTED_PROXIES", "nginx")])).expect_err("bad");
    assert!(e.to_string().contains("GONGKAI_TRUSTED_PROXIES"), "{e}");
    let off = Config::default();
    let lo: std::net::IpAddr = "127.0.0.1".parse().expect("ip");
    assert_eq!(
        off.client_address(lo, ["203.0.113.9"].into_iter()),
        lo,
        "not behind a proxy: the header is not read"
    );
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
    let e = Config::load(None, env(&[("GONGKAI_BEHIND_PROXY", "maybe")])).expect_err("bad value");
    assert!(e.to_string().contains("GONGKAI_BEHIND_PROXY"));
}
