//! `gongkai import accounts`: a city's staff in one command, as its IT department runs it. Rejected rows are
//! named and leave nothing behind; the new accounts' one-time passwords go to a file only the caller reads and
//! must be changed at the first login; a second run changes nothing; a platform administrator is never imported.

mod common;

use common::{code, gongkai, stdout};
use gongkai_domain::account::Username;
use gongkai_store::{AccountSecurityStore, AccountStore, DatabaseUrl, Store};

const HEADER: &str = "用户名,姓名,角色,所属机关,电子邮箱";

/// `gongkai import accounts FILE --passwords-to PASSWORDS --data-dir DATA`.
fn import(file: &std::path::Path, passwords: &std::path::Path, data: &str) -> std::process::Output {
    gongkai(&[
        "import",
        "accounts",
        file.to_str().expect("path"),
        "--passwords-to",
        passwords.to_str().expect("path"),
        "--data-dir",
        data,
    ])
}

async fn store_of(dir: &tempfile::TempDir) -> Store {
    Store::open(&DatabaseUrl::in_data_dir(dir.path()))
        .await
        .expect("store")
}

#[tokio::test]
async fn staff_are_imported_once_with_one_time_passwords_for_the_caller_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path().display().to_string();
    assert_eq!(
        code(&gongkai(&["demo", "--setup-only", "--data-dir", &d])),
        0
    );
    let before = store_of(&dir)
        .await
        .all_accounts()
        .await
        .expect("accounts")
        .len();

    // A bad file first: every problem named, nothing written.
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        format!(
            "{HEADER}\n\
             cz-li,李财政,clerk,孟州市财政局,li@example.cn\n\
             cz-li,李财政,reviewer,孟州市财政局,\n\
             root2,王某,system_admin,孟州市财政局,\n\
             jy-zhao,赵教育,clerk,孟州市不存在局,\n\
             jy-qian,,reviewer,孟州市教育局,not-an-address\n"
        ),
    )
    .expect("write");
    let passwords = dir.path().join("bad-passwords.csv");
    let out = import(&bad, &passwords, &d);
    let said = stdout(&out);
    assert_eq!(code(&out), 1, "{said}");
    for line in ["第 3 行", "第 4 行", "第 5 行", "第 6 行"] {
        assert!(said.contains(line), "{line} is named: {said}");
    }
    assert!(
        said.contains("重复") && said.contains("孟州市不存在局"),
        "{said}"
    );
    assert!(
        !passwords.exists(),
        "no passwords file when nothing is imported"
    );
    let store = store_of(&dir).await;
    assert_eq!(store.all_accounts().await.expect("accounts").len(), before);

    // The good file: created, passwords to a file of the caller's alone.
    let good = dir.path().join("staff.csv");
    std::fs::write(
        &good,
        format!(
            "{HEADER}\n\
             cz-li,李财政,clerk,孟州市财政局,li@example.cn\n\
             cz-wang,王审核,reviewer,孟州市财政局,\n\
             jy-zhao,赵教育,agency_admin,孟州市教育局,\n"
        ),
    )
    .expect("write");
    let first = dir.path().join("passwords-1.csv");
    let out = import(&good, &first, &d);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains("新建 3 个账号"), "{}", stdout(&out));
    let written = std::fs::read_to_string(&first).expect("passwords");
    assert_eq!(written.lines().count(), 4, "{written}");
    let a_password = written
        .lines()
        .nth(1)
        .and_then(|l| l.split(',').nth(1))
        .expect("a password");
    assert!(
        !stdout(&out).contains(a_password),
        "no password on the terminal"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&first)
            .expect("file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "readable by the caller only");
    }
    let li = store
        .credentials(&Username::parse("cz-li").expect("name"))
        .await
        .expect("read")
        .expect("imported");
    assert_eq!(li.account.role.code(), "clerk");
    assert!(
        li.account.must_change_password,
        "a one-time password is changed at the first login"
    );
    let line = written
        .lines()
        .find(|l| l.starts_with("cz-li,"))
        .expect("cz-li's password");
    let password = line.split(',').nth(1).expect("password");
    assert!(
        gongkai_app::accounts::password::verify(password.to_owned(), li.password_hash.clone())
            .await,
        "the written password is the account's"
    );

    // A second run changes nothing; a name taken with another role is reported, not changed.
    std::fs::write(
        &good,
        format!(
            "{HEADER}\n\
             cz-li,李财政,clerk,孟州市财政局,li@example.cn\n\
             cz-wang,王审核,clerk,孟州市财政局,\n\
             jy-zhao,赵教育,agency_admin,孟州市教育局,\n"
        ),
    )
    .expect("write");
    let second = dir.path().join("passwords-2.csv");
    let out = import(&good, &second, &d);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains("新建 0 个账号"), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("cz-wang"),
        "the differing account is named"
    );
    let wang = store
        .credentials(&Username::parse("cz-wang").expect("name"))
        .await
        .expect("read")
        .expect("there");
    assert_eq!(wang.account.role.code(), "reviewer", "left as it was");
    assert_eq!(
        store.all_accounts().await.expect("accounts").len(),
        before + 3
    );
    // The passwords file is never overwritten: with nothing new it is not needed and left as it is; with a
    // new account it is refused before the account is made.
    let again = import(&good, &first, &d);
    assert_eq!(code(&again), 0, "{}", stdout(&again));
    assert_eq!(std::fs::read_to_string(&first).expect("kept"), written);
    let newcomer = dir.path().join("newcomer.csv");
    std::fs::write(
        &newcomer,
        format!("{HEADER}\njy-qian,钱教育,clerk,孟州市教育局,\n"),
    )
    .expect("write");
    let refused = import(&newcomer, &first, &d);
    assert_eq!(code(&refused), 2);
    assert_eq!(std::fs::read_to_string(&first).expect("kept"), written);
    assert!(
        store
            .credentials(&Username::parse("jy-qian").expect("name"))
            .await
            .expect("read")
            .is_none(),
        "no account without its password written"
    );

    // --skip-invalid: the good row goes in, the row with an unknown agency is named and left out.
    let mixed = dir.path().join("mixed.csv");
    std::fs::write(
        &mixed,
        format!(
            "{HEADER}\njy-sun,孙教育,clerk,孟州市教育局,\njy-zhou,周某,clerk,孟州市不存在局,\n"
        ),
    )
    .expect("write");
    let third = dir.path().join("passwords-3.csv");
    let out = gongkai(&[
        "import",
        "accounts",
        mixed.to_str().expect("path"),
        "--passwords-to",
        third.to_str().expect("path"),
        "--skip-invalid",
        "--data-dir",
        &d,
    ]);
    assert_eq!(code(&out), 1, "rows were rejected: {}", stdout(&out));
    assert!(
        stdout(&out).contains("第 3 行") && stdout(&out).contains("新建 1 个账号"),
        "{}",
        stdout(&out)
    );
    for (name, there) in [("jy-sun", true), ("jy-zhou", false)] {
        let found = store
            .credentials(&Username::parse(name).expect("name"))
            .await
            .expect("read");
        assert_eq!(found.is_some(), there, "{name}");
    }
}
