//! A city's agency tree and its staff in one command (`gongkai import agencies FILE --accounts FILE
//! --passwords-to FILE`): both files are checked before anything is written, an account may name an agency of
//! the same run, one bad row in either file leaves the store untouched, and a second run of the same command
//! changes nothing (and needs no new password file, since no account is new).

mod common;

use common::{code, gongkai, stdout};
use gongkai_store::{AccountSecurityStore, AgencyStore, DatabaseUrl, Store};

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

fn import(agencies: &str, accounts: &str, passwords: &str, data: &str) -> std::process::Output {
    gongkai(&[
        "import",
        "agencies",
        agencies,
        "--accounts",
        accounts,
        "--passwords-to",
        passwords,
        "--data-dir",
        data,
    ])
}

async fn counts(data: &std::path::Path) -> (usize, usize) {
    let store = Store::open(&DatabaseUrl::in_data_dir(data))
        .await
        .expect("store");
    let agencies = store.agencies().await.expect("agencies").len();
    let accounts = store.all_accounts().await.expect("accounts").len();
    store.close().await;
    (agencies, accounts)
}

#[tokio::test]
async fn a_tree_and_its_staff_import_in_one_command_and_again_change_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let d = data.display().to_string();
    let agencies = write(
        dir.path(),
        "agencies.csv",
        "name,kind,parent\n洛阳市人民政府,government,\n洛阳市财政局,department,洛阳市人民政府\n\
         洛阳市新安县人民政府,government,洛阳市人民政府\n洛阳市新安县城关镇人民政府,township,洛阳市新安县人民政府\n",
    );
    let staff = "username,display_name,role,agency,email\ncz-clerk,财政局经办人,clerk,洛阳市财政局,\n\
                 cz-reviewer,财政局审核人,reviewer,洛阳市财政局,\nxa-admin,新安县管理员,agency_admin,洛阳市新安县人民政府,\n";
    let bad_accounts = write(
        dir.path(),
        "bad.csv",
        &format!("{staff}zz-clerk,某人,clerk,不存在的机关,\n"),
    );
    let passwords = dir.path().join("pw.csv").display().to_string();

    // One account names an agency nobody has: nothing at all is written.
    let refused = import(&agencies, &bad_accounts, &passwords, &d);
    assert_ne!(code(&refused), 0);
    assert!(
        stdout(&refused).contains("不存在的机关"),
        "{}",
        stdout(&refused)
    );
    assert_eq!(counts(&data).await, (0, 0), "neither agencies nor accounts");
    assert!(
        !std::path::Path::new(&passwords).exists(),
        "no password file either"
    );

    let accounts = write(dir.path(), "accounts.csv", staff);
    let first = import(&agencies, &accounts, &passwords, &d);
    assert_eq!(code(&first), 0, "{}", stdout(&first));
    assert!(
        stdout(&first).contains("4 agencies created"),
        "{}",
        stdout(&first)
    );
    assert!(
        stdout(&first).contains("3 accounts created"),
        "{}",
        stdout(&first)
    );
    assert_eq!(counts(&data).await, (4, 3));
    let written = std::fs::read_to_string(&passwords).expect("passwords");
    assert_eq!(
        written.lines().count(),
        4,
        "a header and three passwords: {written}"
    );

    // The same command again, the password file still there: nothing changes.
    let again = import(&agencies, &accounts, &passwords, &d);
    assert_eq!(code(&again), 0, "{}", stdout(&again));
    assert!(
        stdout(&again).contains("0 agencies created, 0 updated, 4 unchanged"),
        "{}",
        stdout(&again)
    );
    assert!(
        stdout(&again).contains("0 accounts created (no new password"),
        "{}",
        stdout(&again)
    );
    assert!(
        !stdout(&again).contains("one-time passwords in"),
        "no password was made, so none is announced: {}",
        stdout(&again)
    );
    assert_eq!(counts(&data).await, (4, 3));
    assert_eq!(
        std::fs::read_to_string(&passwords).expect("passwords"),
        written
    );
}
