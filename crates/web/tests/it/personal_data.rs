//! Personal data at rest, as an assessor checks it: an applicant's identity number, phone and address appear
//! nowhere in plain text in the data folder (database, its log, files), the proof of identity is sealed and kept
//! apart from the public attachments, files are readable by the server only; the same with `crypto = "gm"`
//! (SM4); and the caseworker still reads every field.

use std::path::Path;

use crate::support::TestApp;
use gongkai_store::{ApplicationStore, AuditLog, BlobSpace};
use reqwest::StatusCode;

const ID_NUMBER: &str = "410883199005152014";
const PHONE: &str = "13912345678";
const ADDRESS: &str = "孟州市会昌路九十九号";
/// A marker inside the proof of identity, to find the scan if it were kept in plain.
const SCAN_MARKER: &[u8] = b"SCAN-OF-AN-IDENTITY-CARD";

fn every_file(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            every_file(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn holds(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The proof of identity the applicant sends: a PNG with the marker inside.
fn scan() -> Vec<u8> {
    let mut scan = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    scan.extend_from_slice(SCAN_MARKER);
    scan.resize(4_000, 7);
    scan
}

async fn apply(app: &TestApp, centre: i64) -> StatusCode {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in [
        ("kind", "np"),
        ("name", "钱七"),
        ("id_type", "resident_id"),
        ("id_number", ID_NUMBER),
        ("phone", PHONE),
        ("address", ADDRESS),
        ("description", "孟州市公共资源交易中心2024年度工作总结"),
        ("form", "paper"),
        ("delivery", "post"),
    ] {
        form = form.text(k, v);
    }
    form = form.part(
        "id_proof",
        reqwest::multipart::Part::bytes(scan()).file_name("身份证.png"),
    );
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    browser
        .post(app.url(&format!("/agencies/{centre}/apply")))
        .multipart(form)
        .send()
        .await
        .expect("POST")
        .status()
}

async fn story(gm: bool) {
    let app = TestApp::builder()
        .config(move |c| {
            if gm {
                c.crypto = gongkai_app::config::CryptoProfile::Gm;
            }
        })
        .start()
        .await;
    let centre = app.agency("孟州市公共资源交易中心");
    assert_eq!(
        apply(&app, centre).await,
        StatusCode::OK,
        "filed, receipt shown"
    );
    // What the caseworker reads is whole.
    let filed = app
        .store
        .applications_of(gongkai_domain::agency::AgencyId(centre), false)
        .await
        .expect("register");
    let mine = filed
        .iter()
        .find(|a| a.applicant.contains(ID_NUMBER))
        .expect("the caseworker reads the identity number");
    assert!(mine.applicant.contains(PHONE) && mine.applicant.contains(ADDRESS));
    let clerk = app.signed_in("ggzy-clerk").await;
    let case = format!("/console/agencies/{centre}/applications/{}", mine.id.0);
    let (status, page) = clerk.get(&case).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(ADDRESS),
        "the case page shows the address to post to"
    );
    let r = clerk
        .http
        .get(app.url(&format!("{case}/id-proof")))
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        holds(&r.bytes().await.expect("bytes"), SCAN_MARKER),
        "the scan opens"
    );

    // Nothing of it in plain text anywhere in the data folder: the database, its log, the files.
    let mut files = Vec::new();
    every_file(app.data_dir(), &mut files);
    for path in &files {
        let bytes = std::fs::read(path).expect("read");
        for secret in [
            ID_NUMBER.as_bytes(),
            PHONE.as_bytes(),
            ADDRESS.as_bytes(),
            SCAN_MARKER,
        ] {
            assert!(
                !holds(&bytes, secret),
                "{} holds {} in plain text",
                path.display(),
                String::from_utf8_lossy(secret)
            );
        }
    }
    // The scan is kept in the database (every node serves it), apart from the public attachments, named by its
    // SM3 digest under 国密 (SHA-256 otherwise); no file of it on disk.
    let digest = app.store.chain_hash().digest(&scan());
    assert_eq!(digest.starts_with("sm3:"), gm, "{digest}");
    assert!(
        app.store
            .blob(BlobSpace::Private, &digest)
            .await
            .expect("blob")
            .is_some(),
        "the scan is kept among the private files"
    );
    assert!(
        app.store
            .blob(BlobSpace::Attachments, &digest)
            .await
            .expect("blob")
            .is_none(),
        "no proof of identity among the public attachments"
    );
    assert!(
        !files.iter().any(|p| {
            let p = p.to_string_lossy();
            p.contains("/private/") || p.contains("/attachments/")
        }),
        "no file of it on disk: {files:?}"
    );
    // Each full view of the applicant is in the audit trail, with who saw it.
    let views: Vec<String> = app
        .audit_events()
        .await
        .into_iter()
        .filter(|e| e.action == "application.personal_view")
        .map(|e| format!("{} {}", e.actor_name, e.detail))
        .collect();
    assert_eq!(views.len(), 2, "the case page and the scan: {views:?}");
    assert!(
        views.iter().all(|v| v.starts_with("ggzy-clerk")),
        "{views:?}"
    );
    // The audit chain: SM3 under gm, and it verifies either way.
    let head = app.store.audit_head().await.expect("head").expect("events");
    assert_eq!(head.hash.starts_with("sm3:"), gm, "{}", head.hash);
    let verified = app
        .store
        .verify_audit(&[head], &|_| {})
        .await
        .expect("verify");
    assert!(verified.is_ok(), "{verified:?}");
    let code_hash = &mine.query_code_hash;
    assert!(
        code_hash.starts_with(if gm { "m1$" } else { "s1$" }),
        "the query code is kept salted: {code_hash}"
    );
    let key_file = std::fs::read_to_string(app.data_dir().join("gongkai.key")).expect("key file");
    let algorithm = if gm { "sm4-gcm" } else { "aes-256-gcm" };
    assert!(key_file.contains(algorithm), "{algorithm}: {key_file}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for path in &files {
            let name = path.to_string_lossy();
            if name.ends_with("gongkai.key") || name.ends_with(".sqlite3") {
                let mode = std::fs::metadata(path).expect("meta").permissions().mode() & 0o777;
                assert_eq!(mode, 0o600, "{name}");
            }
        }
    }
}

#[tokio::test]
async fn an_applicants_identity_phone_address_and_scan_are_sealed_at_rest() {
    story(false).await;
}

#[tokio::test]
async fn with_gm_they_are_sealed_with_sm4() {
    story(true).await;
}
