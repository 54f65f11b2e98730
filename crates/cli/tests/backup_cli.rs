//! `gongkai backup` while the demo server runs, and `gongkai restore` into a new data folder, as an operator
//! runs them: the restored store verifies, and a second restore over it is refused.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use common::{code, gongkai, stderr, stdout};
use gongkai_store::crypto::Keyring;
use gongkai_store::{AgencyStore, ApplicationStore, DatabaseUrl, Store};

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs the demo on the data folder `data` until its banner is printed (its store is made by then).
fn start_demo(data: &str) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["demo", "--data-dir", data, "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the demo");
    let out = child.stdout.take().expect("stdout");
    for line in BufReader::new(out).lines() {
        if line.expect("a line").contains("Ctrl-C") {
            break;
        }
    }
    Running(child)
}

#[test]
fn a_copy_taken_while_the_demo_runs_restores_into_a_new_folder_and_verifies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let data = data.display().to_string();
    let demo = start_demo(&data);

    let copy = dir.path().join("copy").display().to_string();
    let taken = gongkai(&["backup", "--to", &copy, "--data-dir", &data]);
    assert_eq!(code(&taken), 0, "{}{}", stdout(&taken), stderr(&taken));
    assert!(stdout(&taken).contains("备份完成"), "{}", stdout(&taken));
    drop(demo);

    let restored = dir.path().join("restored").display().to_string();
    let back = gongkai(&["restore", "--from", &copy, "--data-dir", &restored]);
    assert_eq!(code(&back), 0, "{}{}", stdout(&back), stderr(&back));
    assert!(stdout(&back).contains("恢复完成"), "{}", stdout(&back));
    let verify = gongkai(&["audit", "verify", "--data-dir", &restored]);
    assert_eq!(code(&verify), 0, "{}", stdout(&verify));

    let again = gongkai(&["restore", "--from", &copy, "--data-dir", &restored]);
    assert_ne!(code(&again), 0, "not over a store that exists");
    let said = format!("{}{}", stdout(&again), stderr(&again));
    assert!(said.contains("空"), "the refusal says why: {said}");
    let taken_again = gongkai(&["backup", "--to", &copy, "--data-dir", &data]);
    assert_ne!(code(&taken_again), 0, "not into a folder that holds a copy");
}

#[tokio::test]
async fn keys_rotate_adds_a_key_and_reseals_every_applicant_with_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let data_arg = data.display().to_string();
    drop(start_demo(&data_arg));
    let sealed_with = |key: &str| {
        let db = std::fs::read(data.join("gongkai.sqlite3")).expect("database");
        let wal = std::fs::read(data.join("gongkai.sqlite3-wal")).unwrap_or_default();
        let marker = format!("gk-enc:1:{key}:");
        [db, wal]
            .iter()
            .any(|bytes| bytes.windows(marker.len()).any(|w| w == marker.as_bytes()))
    };
    assert!(
        sealed_with("k1"),
        "the demo's applicants are sealed with the first key"
    );
    let rotated = gongkai(&["keys", "rotate", "--data-dir", &data_arg]);
    assert_eq!(
        code(&rotated),
        0,
        "{}{}",
        stdout(&rotated),
        stderr(&rotated)
    );
    assert!(stdout(&rotated).contains("k2"), "{}", stdout(&rotated));
    let key_file = std::fs::read_to_string(data.join("gongkai.key")).expect("key file");
    assert!(
        key_file.contains("k1 ") && key_file.contains("k2 "),
        "{key_file}"
    );
    let verify = gongkai(&["audit", "verify", "--data-dir", &data_arg]);
    assert_eq!(code(&verify), 0, "{}", stdout(&verify));
    // Every applicant opens with the new key alone: nothing is left sealed with the old one.
    let only_new = Keyring::parse(&key_file).expect("keys").current().clone();
    let store = Store::connect(&DatabaseUrl::in_data_dir(&data))
        .await
        .expect("store");
    store.use_keyring(Keyring::new(vec![only_new]).expect("ring"));
    let mut read = 0;
    for agency in store.agencies().await.expect("agencies") {
        let register = store
            .applications_of(agency.id, false)
            .await
            .expect("every applicant opens with the new key");
        assert!(register.iter().all(|a| a.applicant.contains("\"name\"")));
        read += register.len();
    }
    store.close().await;
    assert!(read > 1, "the demo's applicants were read ({read})");
}

#[test]
fn closed_cases_past_the_retention_period_are_listed_then_anonymised_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data").display().to_string();
    let setup = gongkai(&["demo", "--data-dir", &data, "--setup-only"]);
    assert_eq!(code(&setup), 0, "{}{}", stdout(&setup), stderr(&setup));
    let run = |extra: &[&str], years: &str| {
        let mut args = vec!["applicants", "anonymise", "--data-dir", data.as_str()];
        args.extend_from_slice(extra);
        Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(&args)
            .env("GONGKAI_RETENTION_YEARS", years)
            .output()
            .expect("run")
    };
    let off = run(&["--dry-run"], "0");
    assert!(stdout(&off).contains("未设置保存期限"), "{}", stdout(&off));
    let dry = run(&["--dry-run"], "1");
    assert_eq!(code(&dry), 0, "{}{}", stdout(&dry), stderr(&dry));
    let listed = stdout(&dry).matches("将匿名化").count();
    assert!(
        listed > 1,
        "the demo's cases closed over a year ago: {}",
        stdout(&dry)
    );
    let again = run(&["--dry-run"], "1");
    assert_eq!(
        stdout(&again).matches("将匿名化").count(),
        listed,
        "a dry run changed nothing"
    );
    let done = run(&[], "1");
    assert_eq!(code(&done), 0, "{}{}", stdout(&done), stderr(&done));
    assert!(stdout(&done).contains("已匿名化"), "{}", stdout(&done));
    let after = run(&["--dry-run"], "1");
    assert!(
        stdout(&after).contains("共 0 件"),
        "nothing left: {}",
        stdout(&after)
    );
    let verify = gongkai(&["audit", "verify", "--data-dir", &data]);
    assert_eq!(code(&verify), 0, "{}", stdout(&verify));
}
