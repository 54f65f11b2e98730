//! Upgrading a node whose files an older version kept on disk: `gongkai migrate` moves every attachment and
//! proof of identity into the database (streamed, checked against the digest it is named by), removes it from
//! disk, reports a file it cannot vouch for and leaves that one where it is; a second run finds nothing to do.

mod common;

use common::{code, gongkai, stdout};
use gongkai_domain::audit::ChainHash;
use gongkai_store::{BlobSpace, DatabaseUrl, Store};

#[test]
fn migrate_moves_files_from_the_data_folder_into_the_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let data_arg = data.display().to_string();
    let first = gongkai(&["migrate", "--data-dir", &data_arg]);
    assert_eq!(code(&first), 0, "{}", stdout(&first));

    // As an older version kept them: by digest, SHA-256 and SM3, attachments and a proof of identity.
    let attachment = "%PDF-1.7 孟州市2024年政府信息公开工作年度报告"
        .repeat(20_000)
        .into_bytes();
    let sha = ChainHash::Sha256.digest(&attachment);
    let scan = b"\x89PNG sealed scan".to_vec();
    let sm3 = ChainHash::Sm3.digest(b"the scan before sealing");
    let sm3_hex = sm3.trim_start_matches("sm3:").to_owned();
    let put = |relative: String, bytes: &[u8]| {
        let path = data.join(relative);
        std::fs::create_dir_all(path.parent().expect("folder")).expect("folder");
        std::fs::write(path, bytes).expect("write");
    };
    put(format!("attachments/{}/{sha}", &sha[..2]), &attachment);
    put(format!("private/sm3/{}/{sm3_hex}", &sm3_hex[..2]), &scan);
    // Damaged on disk: its bytes are not those its name promises.
    let wrong = ChainHash::Sha256.digest(b"something else");
    put(format!("attachments/{}/{wrong}", &wrong[..2]), b"altered");

    let out = gongkai(&["migrate", "--data-dir", &data_arg]);
    let said = stdout(&out);
    assert_eq!(code(&out), 0, "{said}");
    assert!(said.contains("moved 2 files"), "{said}");
    assert!(
        said.contains(&wrong) && said.contains("left on disk"),
        "{said}"
    );
    assert!(
        !data
            .join(format!("attachments/{}/{sha}", &sha[..2]))
            .exists()
    );
    assert!(!data.join("private").exists(), "the emptied folders go");
    assert!(
        data.join(format!("attachments/{}/{wrong}", &wrong[..2]))
            .exists()
    );

    let again = gongkai(&["migrate", "--data-dir", &data_arg]);
    assert!(!stdout(&again).contains("moved"), "{}", stdout(&again));

    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let store = Store::connect(&DatabaseUrl::in_data_dir(&data))
            .await
            .expect("store");
        let kept = store
            .read_blob(BlobSpace::Attachments, &sha)
            .await
            .expect("read")
            .expect("moved in");
        assert!(kept == attachment, "the attachment byte for byte");
        assert_eq!(
            store
                .read_blob(BlobSpace::Private, &sm3)
                .await
                .expect("read"),
            Some(scan)
        );
        assert_eq!(
            store
                .blob(BlobSpace::Attachments, &wrong)
                .await
                .expect("blob"),
            None
        );
        store.close().await;
    });
}
