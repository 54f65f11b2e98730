//! Stories told against a [`Store`]; each returns what it observed, line by line, so that the two backends
//! can be compared exactly. Each also asserts what a user would check.

use gongkai_domain::account::{Role, Username};
use gongkai_domain::agency::{AgencyId, AgencyKind, AgencyProfile};
use gongkai_domain::audit::{ActorRef, ChainBreak};
use gongkai_domain::credit_code::CreditCode;
use gongkai_store::{
    AccountSecurityStore, AccountStore, AgencyStore, AuditFilter, AuditLog, NewAccount,
    SessionStore, Store, StoreError,
};

/// The idle time out the stories read sessions with: an hour.
const IDLE_MS: i64 = 3_600_000;

fn admin() -> ActorRef {
    ActorRef::System {
        reason: "contract test".into(),
    }
}

fn code(s: &str) -> CreditCode {
    CreditCode::parse(s).expect("valid test credit code")
}

fn outcome<T>(r: Result<T, StoreError>) -> String {
    match r {
        Ok(_) => "ok".into(),
        Err(StoreError::Conflict { field }) => format!("store.conflict {field}"),
        Err(e) => e.code().to_owned(),
    }
}

pub async fn agency_tree(store: Store) -> Vec<String> {
    let mut told = Vec::new();
    let mut gov = AgencyProfile::named("孟州市人民政府", AgencyKind::Government);
    gov.credit_code = Some(code("11100000000013127D"));
    let gov = store
        .create_agency(None, &gov, &admin())
        .await
        .expect("create government");
    let centre = AgencyProfile::named("孟州市公共资源交易中心", AgencyKind::Department);
    let centre = store
        .create_agency(Some(gov.id), &centre, &admin())
        .await
        .expect("create centre");
    let county = AgencyProfile::named("某县人民政府", AgencyKind::Government);
    let county = store
        .create_agency(Some(gov.id), &county, &admin())
        .await
        .expect("county");
    let bureau = AgencyProfile::named("某县财政局", AgencyKind::Department);
    let bureau = store
        .create_agency(Some(county.id), &bureau, &admin())
        .await
        .expect("bureau");

    let tree = store.agency_tree().await.expect("tree");
    told.push(format!(
        "bureau within government: {}",
        tree.is_within(bureau.id, gov.id)
    ));
    told.push(format!(
        "centre within county: {}",
        tree.is_within(centre.id, county.id)
    ));
    told.push(format!(
        "county subtree size: {}",
        tree.subtree(county.id).len()
    ));
    assert!(tree.is_within(bureau.id, gov.id) && !tree.is_within(centre.id, county.id));

    let dup = AgencyProfile::named("孟州市公共资源交易中心", AgencyKind::Department);
    told.push(format!(
        "duplicate name -> {}",
        outcome(store.create_agency(None, &dup, &admin()).await)
    ));
    let mut dup_code = AgencyProfile::named("另一个机关", AgencyKind::Other);
    dup_code.credit_code = Some(code("11100000000013127D"));
    let r = store.create_agency(None, &dup_code, &admin()).await;
    told.push(format!("duplicate credit code -> {}", outcome(r)));

    let mut edited = centre.profile.clone();
    edited.contact.phone = "0391-8181234".into();
    edited.office_name = "孟州市公共资源交易中心办公室".into();
    edited.office.email = "mzggzy@163.com".into();
    store
        .update_agency(centre.id, &edited, &admin())
        .await
        .expect("update");
    let read = store
        .agency(centre.id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(read.profile, edited, "an update reads back field for field");
    told.push(format!(
        "updated phone {} office {}",
        read.profile.contact.phone, read.profile.office_name
    ));
    let r = store.update_agency(AgencyId(9999), &edited, &admin()).await;
    told.push(format!("update of a missing agency -> {}", outcome(r)));

    let by_code = store
        .agency_by_name_or_code("11100000000013127d")
        .await
        .expect("lookup");
    told.push(format!("by code: {:?}", by_code.map(|a| a.profile.name)));
    let by_name = store
        .agency_by_name_or_code(" 某县财政局 ")
        .await
        .expect("lookup");
    told.push(format!("by name: {:?}", by_name.map(|a| a.id == bureau.id)));
    let names: Vec<_> = store
        .agencies()
        .await
        .expect("list")
        .into_iter()
        .map(|a| a.profile.name)
        .collect();
    told.push(format!("all: {}", names.join("、")));
    told
}

fn staff(name: &str, role: Role, agency: Option<AgencyId>) -> NewAccount {
    NewAccount {
        username: Username::parse(name).expect("username"),
        display_name: format!("{name} 同志"),
        role,
        agency,
        password_hash: format!("$argon2id$placeholder-for-{name}"),
    }
}

pub async fn accounts_and_sessions(store: Store) -> Vec<String> {
    let mut told = Vec::new();
    let centre = AgencyProfile::named("孟州市公共资源交易中心", AgencyKind::Department);
    let centre = store
        .create_agency(None, &centre, &admin())
        .await
        .expect("agency");
    let clerk = staff("clerk", Role::Clerk, Some(centre.id));
    let clerk = store.create_account(&clerk, &admin()).await.expect("clerk");
    let root = staff("root", Role::SystemAdmin, None);
    store.create_account(&root, &admin()).await.expect("root");
    let again = staff("clerk", Role::Reviewer, Some(centre.id));
    told.push(format!(
        "duplicate username -> {}",
        outcome(store.create_account(&again, &admin()).await)
    ));

    let creds = store
        .credentials(&clerk.username)
        .await
        .expect("read")
        .expect("exists");
    told.push(format!(
        "credentials hash kept: {}",
        creds.password_hash.ends_with("clerk")
    ));
    let of_centre = store.accounts_of(Some(centre.id)).await.expect("list");
    let admins = store.accounts_of(None).await.expect("list");
    told.push(format!(
        "staff of centre {} admins {}",
        of_centre.len(),
        admins.len()
    ));

    let session = store
        .open_session(&clerk, "hash-1", "csrf-1", 60_000)
        .await
        .expect("session");
    told.push(format!("session csrf {}", session.csrf_token));
    told.push(format!(
        "session found: {}",
        store
            .session("hash-1", IDLE_MS)
            .await
            .expect("read")
            .is_some()
    ));
    told.push(format!(
        "idle session ended: {}",
        store.session("hash-1", 0).await.expect("read").is_none()
    ));
    store
        .open_session(&clerk, "hash-old", "csrf-0", -1)
        .await
        .expect("expired session");
    told.push(format!(
        "expired found: {}",
        store
            .session("hash-old", IDLE_MS)
            .await
            .expect("read")
            .is_some()
    ));
    told.push(format!(
        "purged {}",
        store.purge_expired_sessions().await.expect("purge")
    ));

    let name = clerk.username.as_str();
    for _ in 0..4 {
        store
            .record_failed_login(name, "203.0.113.9")
            .await
            .expect("failure");
    }
    let (failures, lock) = store
        .record_failed_login(name, "203.0.113.9")
        .await
        .expect("failure");
    told.push(format!("failures {failures}"));
    told.push(format!("fifth failure locks: {}", lock.is_some()));
    told.push(format!(
        "locked from that address: {}, from another: {}",
        store
            .login_lock(name, "203.0.113.9")
            .await
            .expect("lock")
            .is_some(),
        store
            .login_lock(name, "198.51.100.1")
            .await
            .expect("lock")
            .is_some()
    ));
    let (unknown, _) = store
        .record_failed_login("nobody.here", "203.0.113.9")
        .await
        .expect("a name that is no account is counted too");
    told.push(format!("unknown name counted: {unknown}"));
    // The security administrator's view: the lock in force, lifted from every address, audited.
    let now_ms = chrono::Utc::now().timestamp_millis();
    let locks = store.login_locks(now_ms).await.expect("locks");
    told.push(format!(
        "locks listed: {:?}",
        locks
            .iter()
            .map(|l| format!("{} {} {}", l.username, l.address, l.failures))
            .collect::<Vec<_>>()
    ));
    let lifted = store.unlock_login(name, &admin()).await.expect("unlock");
    told.push(format!(
        "unlocked {lifted}, lock gone: {}",
        store
            .login_lock(name, "203.0.113.9")
            .await
            .expect("lock")
            .is_none()
    ));
    told.push(format!(
        "every account listed: {}",
        store.all_accounts().await.expect("accounts").len()
    ));
    store
        .open_session(&clerk, "hash-2", "csrf-2", 60_000)
        .await
        .expect("second session");
    store
        .set_password(clerk.id, "$argon2id$new", Some("hash-1"), &admin())
        .await
        .expect("password");
    told.push(format!(
        "kept session: {}",
        store
            .session("hash-1", IDLE_MS)
            .await
            .expect("read")
            .is_some()
    ));
    told.push(format!(
        "other session ended: {}",
        store
            .session("hash-2", IDLE_MS)
            .await
            .expect("read")
            .is_none()
    ));
    let creds = store
        .credentials(&clerk.username)
        .await
        .expect("read")
        .expect("exists");
    told.push(format!(
        "reset clears lock: {}",
        creds.locked_until_ms.is_none()
            && creds.failed_logins == 0
            && store
                .login_lock(name, "203.0.113.9")
                .await
                .expect("lock")
                .is_none()
    ));

    store
        .set_active(clerk.id, false, &admin())
        .await
        .expect("disable");
    told.push(format!(
        "disabled session gone: {}",
        store
            .session("hash-1", IDLE_MS)
            .await
            .expect("read")
            .is_none()
    ));
    let read = store
        .account(clerk.id)
        .await
        .expect("read")
        .expect("exists");
    told.push(format!("active {}", read.active));
    let r = store
        .set_active(gongkai_domain::account::AccountId(999), true, &admin())
        .await;
    told.push(format!("missing account -> {}", outcome(r)));
    assert!(!read.active);
    store
        .open_session(&clerk, "hash-role", "csrf-r", 60_000)
        .await
        .expect("session before the role changes");
    store
        .set_role(clerk.id, Role::Reviewer, &admin())
        .await
        .expect("role");
    let changed = store
        .account(clerk.id)
        .await
        .expect("read")
        .expect("exists");
    told.push(format!(
        "role now {}, its session ended: {}",
        changed.role.code(),
        store
            .session("hash-role", IDLE_MS)
            .await
            .expect("read")
            .is_none()
    ));
    told
}

pub async fn audit_tampering(store: Store) -> Vec<String> {
    let mut told = Vec::new();
    let mut ids = Vec::new();
    for name in [
        "孟州市人民政府",
        "孟州市公共资源交易中心",
        "孟州市财政局",
        "孟州市教育局",
    ] {
        let p = AgencyProfile::named(name, AgencyKind::Department);
        ids.push(
            store
                .create_agency(None, &p, &admin())
                .await
                .expect("agency")
                .id,
        );
    }
    let intact = store.verify_audit(&[], &|_| {}).await.expect("verify");
    let head = store
        .audit_head()
        .await
        .expect("head")
        .expect("a head after writes");
    told.push(format!("head #{}", head.seq));
    let anchored = store
        .verify_audit(std::slice::from_ref(&head), &|_| {})
        .await
        .expect("verify");
    assert_eq!(
        anchored,
        Ok(4),
        "the chain still holds the hash recorded for its head"
    );
    told.push(format!("untouched: {intact:?}"));
    assert_eq!(intact, Ok(4));

    let filter = AuditFilter {
        agencies: Some(vec![ids[1]]),
        before_seq: None,
        limit: 50,
    };
    let of_centre = store.audit_events(&filter).await.expect("events");
    told.push(format!(
        "events of centre: {:?}",
        of_centre.iter().map(|e| e.seq).collect::<Vec<_>>()
    ));
    let newest = store
        .audit_events(&AuditFilter {
            limit: 2,
            ..AuditFilter::default()
        })
        .await;
    told.push(format!(
        "newest two: {:?}",
        newest
            .expect("events")
            .iter()
            .map(|e| e.seq)
            .collect::<Vec<_>>()
    ));

    let pool = store.pool_for_tests();
    sqlx::query("UPDATE audit_events SET target = 'agency:999' WHERE seq = 2")
        .execute(pool)
        .await
        .expect("tamper");
    let edited = store.verify_audit(&[], &|_| {}).await.expect("verify");
    told.push(format!("edited: {edited:?}"));
    assert_eq!(edited, Err(ChainBreak::EventAltered { seq: 2 }));

    sqlx::query("DELETE FROM audit_events WHERE seq = 2")
        .execute(pool)
        .await
        .expect("delete");
    let deleted = store.verify_audit(&[], &|_| {}).await.expect("verify");
    told.push(format!("deleted: {deleted:?}"));
    assert_eq!(deleted, Err(ChainBreak::Missing { from: 2, to: 2 }));

    // Deleting the newest event leaves a chain that links up, but the head recorded with it says more.
    let fresh = AgencyProfile::named("孟州市审计局", AgencyKind::Department);
    store
        .create_agency(None, &fresh, &admin())
        .await
        .expect("agency");
    sqlx::query("INSERT INTO audit_events SELECT * FROM audit_events WHERE seq = 1")
        .execute(pool)
        .await
        .expect_err("sequence numbers are unique");
    sqlx::query("DELETE FROM audit_events WHERE seq >= 2")
        .execute(pool)
        .await
        .expect("delete");
    let tail = store.verify_audit(&[], &|_| {}).await.expect("verify");
    told.push(format!("tail deleted: {tail:?}"));
    assert_eq!(
        tail,
        Err(ChainBreak::TailMissing {
            expected: 5,
            found: 1
        })
    );
    told
}

pub async fn concurrent_writes(store: Store) -> Vec<String> {
    let mut tasks = Vec::new();
    for i in 0..24 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let p = AgencyProfile::named(&format!("并发机关{i:02}"), AgencyKind::Other);
            store.create_agency(None, &p, &admin()).await.map(|_| ())
        }));
    }
    let mut told = Vec::new();
    let mut failed = 0;
    for t in tasks {
        if !matches!(t.await, Ok(Ok(()))) {
            failed += 1;
        }
    }
    told.push(format!("failed writes: {failed}"));
    match store.verify_audit(&[], &|_| {}).await.expect("verify") {
        Ok(n) => told.push(format!("chain intact: {n} events")),
        Err(b) => told.push(format!("chain broken: {b}")),
    }
    told
}

pub async fn migrations(store: Store) -> Vec<String> {
    vec![
        format!(
            "second migrate applied {}",
            store.migrate().await.expect("migrate")
        ),
        format!("ready {}", store.ready().await.expect("ready")),
    ]
}

/// A tree written in one transaction, twice: the second run changes nothing; a changed row updates its agency;
/// a row whose parent is missing writes nothing at all.
pub async fn agency_import(store: Store) -> Vec<String> {
    use gongkai_store::{AgencyImportRow, AgencyImportStore};
    let mut told = Vec::new();
    let row = |line, name: &str, kind, parent: Option<&str>| AgencyImportRow {
        line,
        profile: AgencyProfile::named(name, kind),
        parent: parent.map(str::to_owned),
    };
    let mut rows = vec![
        row(2, "焦作市人民政府", AgencyKind::Government, None),
        row(
            3,
            "温县人民政府",
            AgencyKind::Government,
            Some("焦作市人民政府"),
        ),
        row(
            4,
            "温县财政局",
            AgencyKind::Department,
            Some("温县人民政府"),
        ),
    ];
    let first = store
        .import_agencies(&rows, &admin())
        .await
        .expect("import");
    told.push(format!("first run {first:?}"));
    let second = store.import_agencies(&rows, &admin()).await.expect("again");
    told.push(format!("second run {second:?}"));
    rows[2].profile.contact.phone = "0391-6222222".into();
    let third = store
        .import_agencies(&rows, &admin())
        .await
        .expect("changed");
    told.push(format!("changed run {third:?}"));
    let before = store.agencies().await.expect("agencies").len();
    let broken = vec![
        row(
            2,
            "武陟县人民政府",
            AgencyKind::Government,
            Some("焦作市人民政府"),
        ),
        row(
            3,
            "武陟县财政局",
            AgencyKind::Department,
            Some("没有的政府"),
        ),
    ];
    let refused = store.import_agencies(&broken, &admin()).await;
    told.push(format!(
        "a missing parent -> {}, agencies added {}",
        refused.err().map(|e| e.code()).unwrap_or("ok"),
        store.agencies().await.expect("agencies").len() - before
    ));
    let tree = store.agency_tree().await.expect("tree");
    let top = store
        .agency_by_name_or_code("焦作市人民政府")
        .await
        .expect("read")
        .expect("there");
    let bureau = store
        .agency_by_name_or_code("温县财政局")
        .await
        .expect("read")
        .expect("there");
    told.push(format!(
        "bureau below the city: {}, its phone {}",
        tree.is_within(bureau.id, top.id),
        bureau.profile.contact.phone
    ));
    told
}
