//! `gongkai import catalog`: rejected rows are reported and leave nothing behind; a repeated import adds
//! nothing; other systems' names for categories, kinds, validity and dates are understood.

mod common;

use common::{code, gongkai, stdout};
use sqlx::Connection;

const HEADER: &str = "import_key,index_no,title,doc_no,category,subject,issuer,formed_on,published_on,summary,kind,validity,validity_on,body";

async fn count_items(dir: &tempfile::TempDir, agency: &str) -> i64 {
    let url = format!("sqlite://{}", dir.path().join("gongkai.sqlite3").display());
    let mut db = sqlx::SqliteConnection::connect(&url).await.expect("open");
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM catalog_items i JOIN agencies a ON a.id = i.agency_id WHERE a.name = ?",
    )
    .bind(agency)
    .fetch_one(&mut db)
    .await
    .expect("count")
}

#[tokio::test]
async fn rejected_rows_leave_nothing_and_a_second_run_adds_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path().display().to_string();
    assert_eq!(
        code(&gongkai(&["demo", "--setup-only", "--data-dir", &d])),
        0
    );
    let before = count_items(&dir, "孟州市财政局").await;
    let file = dir.path().join("old-system.csv");
    let good = [
        "old-1,,孟州市财政局关于2019年部门预算公开的说明,,财政预算、决算信息,财政预算,,2019/3/15,2019/3/20,2019年部门预算,其他,有效,,本局2019年部门预算收支总额……",
        "old-2,MB0000003/2019-00077,孟州市政府采购目录及限额标准,孟财[2019]8号,a20_09,政府采购,,2019年4月2日,2019-04-10,,行政规范性文件,已失效,2021-01-01,集中采购目录……",
    ];
    let bad = "old-3,,,孟财〔2019〕9号,a20_99,,,2019-13-01,,,,,,";
    std::fs::write(
        &file,
        format!("{HEADER}\n{}\n{}\n{bad}\n", good[0], good[1]),
    )
    .expect("write");
    let f = file.display().to_string();

    let refused = gongkai(&[
        "import",
        "catalog",
        &f,
        "--agency",
        "孟州市财政局",
        "--data-dir",
        &d,
    ]);
    assert_eq!(code(&refused), 1);
    let said = stdout(&refused);
    assert!(
        said.contains("第 4 行被拒绝") && said.contains("category") && said.contains("formed_on"),
        "{said}"
    );
    assert_eq!(
        count_items(&dir, "孟州市财政局").await,
        before,
        "a rejected row leaves nothing behind"
    );

    let skipped = gongkai(&[
        "import",
        "catalog",
        &f,
        "--agency",
        "孟州市财政局",
        "--data-dir",
        &d,
        "--skip-invalid",
    ]);
    assert_eq!(code(&skipped), 1, "rows were still rejected");
    assert!(
        stdout(&skipped).contains("新导入 2 条"),
        "{}",
        stdout(&skipped)
    );
    assert_eq!(count_items(&dir, "孟州市财政局").await, before + 2);

    std::fs::write(&file, format!("{HEADER}\n{}\n{}\n", good[0], good[1])).expect("write");
    let again = gongkai(&[
        "import",
        "catalog",
        &f,
        "--agency",
        "孟州市财政局",
        "--data-dir",
        &d,
    ]);
    assert_eq!(code(&again), 0);
    assert!(
        stdout(&again).contains("新导入 0 条，已存在 2 条"),
        "{}",
        stdout(&again)
    );
    assert_eq!(
        count_items(&dir, "孟州市财政局").await,
        before + 2,
        "a repeated import does not duplicate"
    );

    let jsonl = dir.path().join("more.jsonl");
    std::fs::write(
        &jsonl,
        "{\"title\":\"孟州市财政局2020年决算公开说明\",\"category\":\"a20_07\",\"formed_on\":\"2020-08-03\",\"body\":\"……\"}\n",
    )
    .expect("write");
    let j = gongkai(&[
        "import",
        "catalog",
        &jsonl.display().to_string(),
        "--agency",
        "孟州市财政局",
        "--data-dir",
        &d,
    ]);
    assert_eq!(code(&j), 0, "{}", stdout(&j));
    let j2 = gongkai(&[
        "import",
        "catalog",
        &jsonl.display().to_string(),
        "--agency",
        "孟州市财政局",
        "--data-dir",
        &d,
    ]);
    assert!(
        stdout(&j2).contains("已存在 1 条"),
        "a row without a key is known by its title, 文号 and date"
    );
    assert_eq!(count_items(&dir, "孟州市财政局").await, before + 3);
}

#[tokio::test]
async fn an_index_number_already_taken_rolls_the_whole_import_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path().display().to_string();
    assert_eq!(
        code(&gongkai(&["demo", "--setup-only", "--data-dir", &d])),
        0
    );
    let before = count_items(&dir, "孟州市教育局").await;
    let file = dir.path().join("clash.csv");
    std::fs::write(
        &file,
        format!(
            "{HEADER}\nx-1,MB0000004/2019-09001,第一条,,a20_11,,,2019-03-01,,,,,,正文\nx-2,MB0000004/2019-09001,第二条,,a20_11,,,2019-03-02,,,,,,正文\n"
        ),
    )
    .expect("write");
    let out = gongkai(&[
        "import",
        "catalog",
        &file.display().to_string(),
        "--agency",
        "孟州市教育局",
        "--data-dir",
        &d,
    ]);
    assert_eq!(code(&out), 2, "{}", common::stderr(&out));
    assert!(
        common::stderr(&out).contains("第 3 行"),
        "{}",
        common::stderr(&out)
    );
    assert_eq!(
        count_items(&dir, "孟州市教育局").await,
        before,
        "the first row was rolled back with the second"
    );
}

/// What another system's export really looks like: GBK-encoded, Chinese column names, dates with times.
#[tokio::test]
async fn a_gbk_export_with_chinese_column_names_is_understood() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path().display().to_string();
    assert_eq!(
        code(&gongkai(&["demo", "--setup-only", "--data-dir", &d])),
        0
    );
    let before = count_items(&dir, "孟州市教育局").await;
    let csv = "索引号,信息名称,发文字号,信息类别,主题分类,发布机构,成文日期,发布日期,有效性,正文\n\
               MB0000004/2018-00003,孟州市教育局关于2018年秋季学期中小学开学工作的通知,孟教〔2018〕41号,\
               扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况,教育,孟州市教育局,\
               2018-08-20 00:00:00,2018/8/22,有效,各中小学：现就秋季开学工作通知如下……\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(csv);
    assert!(!unmappable);
    let file = dir.path().join("旧系统导出.csv");
    std::fs::write(&file, gbk.as_ref()).expect("write");
    let out = gongkai(&[
        "import",
        "catalog",
        &file.display().to_string(),
        "--agency",
        "孟州市教育局",
        "--data-dir",
        &d,
    ]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), common::stderr(&out));
    assert!(stdout(&out).contains("新导入 1 条"), "{}", stdout(&out));
    assert_eq!(count_items(&dir, "孟州市教育局").await, before + 1);
}

#[tokio::test]
async fn a_date_after_today_is_a_rejected_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path().display().to_string();
    assert_eq!(
        code(&gongkai(&["demo", "--setup-only", "--data-dir", &d])),
        0
    );
    let before = count_items(&dir, "孟州市财政局").await;
    let file = dir.path().join("future.csv");
    // 2999: later than any day this test runs on; one row with a future 成文日期, one with a future 发布日期.
    std::fs::write(
        &file,
        format!(
            "{HEADER}\nf-1,,孟州市财政局关于预算公开的说明,,a20_07,,,2999-01-05,2999-01-06,,其他,有效,,正文\n\
             f-2,,孟州市财政局关于决算公开的说明,,a20_07,,,2020-01-05,2999-01-06,,其他,有效,,正文\n"
        ),
    )
    .expect("write");
    let f = file.display().to_string();
    let refused = gongkai(&[
        "import",
        "catalog",
        &f,
        "--agency",
        "孟州市财政局",
        "--data-dir",
        &d,
    ]);
    assert_eq!(code(&refused), 1);
    let said = stdout(&refused);
    assert!(
        said.contains("第 2 行被拒绝")
            && said.contains("第 3 行被拒绝")
            && said.contains("formed_on：日期晚于今天")
            && said.contains("published_on：日期晚于今天"),
        "{said}"
    );
    assert_eq!(count_items(&dir, "孟州市财政局").await, before);
}
