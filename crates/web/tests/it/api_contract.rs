//! The API keeps the contract its OpenAPI document states: Schemathesis (`st`, from PyPI) reads
//! `/api/openapi.json` and sends generated requests, valid and invalid, to every operation with every check
//! (`--checks all`): no 5xx, every status and body as documented, data that fits the schema accepted and data
//! that does not refused. The caseworker's operations are called with an agency's token, so they are tried
//! beyond the 401. Without `st` the test says so and passes, except under CI (`CI` set), where it fails.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::caseworker_api::token;
use gongkai_store::{ApplicationStore, CatalogStore, ItemFilter};

use crate::support::{TestApp, fixture};

/// Examples per operation and phase: a bounded run that finishes in CI's budget.
const MAX_EXAMPLES: &str = "100";

fn schemathesis() -> Option<String> {
    let found = Command::new("st")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if found {
        return Some("st".to_owned());
    }
    let why = "Schemathesis is not installed (python3 -m pip install schemathesis)";
    if std::env::var_os("CI").is_some() {
        panic!("the API contract test needs Schemathesis in CI: {why}");
    }
    eprintln!("skipping the API contract test: {why}");
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_keeps_the_contract_of_the_openapi_document() {
    let Some(st) = schemathesis() else {
        return;
    };
    let app = TestApp::builder()
        .items(fixture::catalog())
        .applications(fixture::applications())
        .start()
        .await;
    let centre = app.agency("孟州市公共资源交易中心");
    let secret = token(&app, centre, "reviewer").await;
    let centre_id = gongkai_domain::agency::AgencyId(centre);
    let application = app
        .store
        .applications_of(centre_id, false)
        .await
        .expect("applications")
        .into_iter()
        .next()
        .expect("a fixture application");
    let item = app
        .store
        .items(&ItemFilter {
            agencies: None,
            states: None,
            category: None,
            year: None,
            page: 1,
            per_page: 100,
        })
        .await
        .expect("catalogue")
        .0
        .into_iter()
        .find_map(|i| i.index_no)
        .expect("a published item");
    let report = tempfile::tempdir().expect("report folder");
    let config = report.path().join("schemathesis.toml");
    let settings = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemathesis/schemathesis.toml"),
    )
    .expect("the Schemathesis settings");
    // Each value as TOML: the agency's id a number, the rest strings.
    let real = [
        ("agency", "path.agency", centre.to_string()),
        (
            "tracking_no",
            "path.tracking_no",
            format!("{:?}", application.tracking_no.to_string()),
        ),
        (
            "status_no",
            "query.tracking_no",
            format!("{:?}", application.tracking_no.to_string()),
        ),
        (
            "query_code",
            "query.query_code",
            format!("{:?}", crate::citizen_status::code()),
        ),
        (
            "index_no",
            "path.index_no",
            format!("{:?}", item.to_string()),
        ),
    ];
    let mut generated = String::new();
    for (name, _, value) in &real {
        generated.push_str(&format!("\n[dictionaries.{name}]\nvalues = [{value}]\n"));
    }
    generated.push_str("\n[parameters]\n");
    for (name, parameter, _) in &real {
        generated.push_str(&format!(
            "{parameter:?} = {{ dictionary = {name:?}, probability = 0.7 }}\n"
        ));
    }
    std::fs::write(&config, settings + generated.as_str()).expect("write the settings");
    let schema = app.url("/api/openapi.json");
    let args = vec![
        "--config-file".to_owned(),
        config.display().to_string(),
        "run".to_owned(),
        schema,
        "--checks".to_owned(),
        "all".to_owned(),
        "--max-examples".to_owned(),
        MAX_EXAMPLES.to_owned(),
        "--seed".to_owned(),
        "20261203".to_owned(),
        "--workers".to_owned(),
        "2".to_owned(),
        "--header".to_owned(),
        format!("Authorization: Bearer {secret}"),
        "--no-color".to_owned(),
        "--report".to_owned(),
        "junit".to_owned(),
        "--report-dir".to_owned(),
        report.path().display().to_string(),
    ];
    // Run in the report's folder: Schemathesis keeps a cache in its working directory.
    let workdir = report.path().to_path_buf();
    let out = tokio::task::spawn_blocking(move || {
        Command::new(st).args(&args).current_dir(workdir).output()
    })
    .await
    .expect("join")
    .expect("run Schemathesis");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "Schemathesis found requests that break the API's contract:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The run's summary in the test's output, for the CI log.
    if let Some(at) = stdout.find("SUMMARY") {
        eprintln!("{}", &stdout[at..]);
    }
    // A run that tested nothing would pass as well: every operation is tried, with many cases.
    let number = |pattern: &str| {
        regex::Regex::new(pattern)
            .ok()
            .and_then(|re| re.captures(&stdout).and_then(|c| c[1].parse::<u32>().ok()))
    };
    assert_eq!(
        number(r"Tested: (\d+)"),
        number(r"Selected: (\d+)/"),
        "every operation tested:\n{stdout}"
    );
    assert!(
        number(r"\d+ generated, (\d+) passed").is_some_and(|n| n >= 1_000),
        "at least a thousand cases passed:\n{stdout}"
    );
}

/// The bounds the OpenAPI document states are the ones the server checks (the domain's constants), so that the
/// schema and the server cannot drift apart when a bound changes.
#[tokio::test]
async fn the_documented_bounds_are_the_checked_ones() {
    use gongkai_domain::application::intake::{
        MAX_ADDRESS_CHARS, MAX_AGENCY_KEY_CHARS, MAX_CODE_CHARS, MAX_CONTACT_NAME_CHARS,
        MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, MAX_OTHER_ID_CHARS,
    };
    use gongkai_domain::field::{MAX_EMAIL_CHARS, MAX_PHONE_CHARS};
    let app = TestApp::start().await;
    let doc: serde_json::Value = reqwest::get(app.url("/api/openapi.json"))
        .await
        .expect("GET")
        .json()
        .await
        .expect("JSON");
    let schemas = &doc["components"]["schemas"];
    let expected = [
        ("ApplicantBody", "name", MAX_NAME_CHARS),
        ("ApplicantBody", "id_number", MAX_OTHER_ID_CHARS),
        ("ApplicantBody", "credit_code", MAX_CODE_CHARS),
        ("ApplicantBody", "contact_name", MAX_CONTACT_NAME_CHARS),
        ("ApplicantBody", "phone", MAX_PHONE_CHARS),
        ("ApplicantBody", "email", MAX_EMAIL_CHARS),
        ("ApplicantBody", "address", MAX_ADDRESS_CHARS),
        ("ApplicationBody", "agency", MAX_AGENCY_KEY_CHARS),
        ("ApplicationBody", "description", MAX_DESCRIPTION_CHARS),
    ];
    for (schema, field, max) in expected {
        assert_eq!(
            schemas[schema]["properties"][field]["maxLength"].as_u64(),
            Some(max as u64),
            "{schema}.{field}"
        );
    }
    let required = |schema: &str| -> Vec<String> {
        schemas[schema]["required"]
            .as_array()
            .map(|r| {
                r.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        required("ApplicationBody"),
        ["agency", "applicant", "description", "form", "delivery"]
    );
    assert_eq!(required("ApplicantBody"), ["kind", "name"]);
}
