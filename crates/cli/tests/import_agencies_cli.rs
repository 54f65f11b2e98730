//! `gongkai import agencies`: a city's agency tree in one command, as its IT department runs it. A child listed
//! before its parent, a parent named by its credit code and a parent already in the store all work; rejected
//! rows (an unknown kind, an unknown parent, a circle, a name twice) are named and leave nothing behind; a second
//! run changes nothing, and a changed file updates only what changed.

mod common;

use common::{code, gongkai, stdout};
use gongkai_store::{AgencyStore, DatabaseUrl, Store};

const HEADER: &str = "机关名称,统一社会信用代码,类型,上级机关,办公地址,联系电话";

async fn store_of(dir: &tempfile::TempDir) -> Store {
    Store::open(&DatabaseUrl::in_data_dir(dir.path()))
        .await
        .expect("store")
}

fn import(file: &std::path::Path, data: &str) -> std::process::Output {
    gongkai(&[
        "import",
        "agencies",
        file.to_str().expect("path"),
        "--data-dir",
        data,
    ])
}

#[tokio::test]
async fn a_tree_imports_in_one_command_and_a_second_run_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path().display().to_string();
    assert_eq!(
        code(&gongkai(&["demo", "--setup-only", "--data-dir", &d])),
        0
    );
    let before = store_of(&dir)
        .await
        .agencies()
        .await
        .expect("agencies")
        .len();

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        format!(
            "{HEADER}\n\
             温县人民政府,,人民政府,焦作市人民政府,,\n\
             焦作市人民政府,,人民政府,,,\n\
             温县某局,,bureau,温县人民政府,,\n\
             温县甲局,,政府部门,温县乙局,,\n\
             温县乙局,,政府部门,温县甲局,,\n\
             温县丙局,,政府部门,不存在的政府,,\n\
             温县人民政府,,人民政府,焦作市人民政府,,\n"
        ),
    )
    .expect("write");
    let out = import(&bad, &d);
    let said = stdout(&out);
    assert_eq!(code(&out), 1, "{said}");
    for line in ["第 4 行", "第 5 行", "第 6 行", "第 7 行", "第 8 行"] {
        assert!(said.contains(line), "{line} is named: {said}");
    }
    assert!(
        !said.contains("第 2 行") && !said.contains("第 3 行"),
        "{said}"
    );
    assert_eq!(
        store_of(&dir)
            .await
            .agencies()
            .await
            .expect("agencies")
            .len(),
        before,
        "nothing written"
    );

    // A child before its parent; a parent by its credit code; a parent already in the store (the demo's city).
    let good = dir.path().join("tree.csv");
    let write_good = |phone: &str| {
        std::fs::write(
            &good,
            format!(
                "{HEADER}\n\
                 温县财政局,,政府部门,11410825MB0000001K,河南省温县财政路1号,{phone}\n\
                 温县人民政府,11410825MB0000001K,人民政府,孟州市人民政府,河南省温县政府路1号,0391-6111111\n\
                 温县教育局,,department,温县人民政府,,\n\
                 祥云镇人民政府,,乡镇街道,温县人民政府,,\n"
            ),
        )
        .expect("write");
    };
    write_good("0391-6222222");
    let out = import(&good, &d);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains("新建 4 个机关"), "{}", stdout(&out));
    let store = store_of(&dir).await;
    let tree = store.agency_tree().await.expect("tree");
    let county = store
        .agency_by_name_or_code("温县人民政府")
        .await
        .expect("read")
        .expect("the county");
    let city = store
        .agency_by_name_or_code("孟州市人民政府")
        .await
        .expect("read")
        .expect("the city");
    let finance = store
        .agency_by_name_or_code("温县财政局")
        .await
        .expect("read")
        .expect("the bureau");
    assert_eq!(county.parent, Some(city.id));
    assert_eq!(finance.parent, Some(county.id));
    assert!(tree.is_within(finance.id, city.id));
    assert_eq!(finance.profile.contact.phone, "0391-6222222");

    let out = import(&good, &d);
    assert_eq!(code(&out), 0);
    assert!(
        stdout(&out).contains("新建 0 个机关，更新 0 个，未变 4 个"),
        "{}",
        stdout(&out)
    );
    // A changed phone updates that agency alone.
    write_good("0391-6333333");
    let out = import(&good, &d);
    assert!(
        stdout(&out).contains("新建 0 个机关，更新 1 个，未变 3 个"),
        "{}",
        stdout(&out)
    );
    let finance = store
        .agency_by_name_or_code("温县财政局")
        .await
        .expect("read")
        .expect("the bureau");
    assert_eq!(finance.profile.contact.phone, "0391-6333333");
    assert_eq!(store.agencies().await.expect("agencies").len(), before + 4);
}
