//! API tokens, told the same by SQLite and PostgreSQL: issued for one agency and role, found by the hash of
//! their secret only, revoked once and then refused, each use recorded with the token as the actor.

use gongkai_domain::account::Role;
use gongkai_domain::agency::{AgencyId, AgencyKind, AgencyProfile};
use gongkai_domain::audit::ActorRef;
use gongkai_store::{
    AgencyStore, ApiTokenId, ApiTokenStore, AuditFilter, AuditLog, NewApiToken, Store, StoreError,
};

fn admin() -> ActorRef {
    ActorRef::Official {
        id: 2,
        username: "ggzy-admin".into(),
    }
}

fn code<T: std::fmt::Debug>(r: Result<T, StoreError>) -> String {
    match r {
        Ok(v) => format!("accepted {v:?}"),
        Err(e) => e.code().to_owned(),
    }
}

async fn agency(store: &Store, name: &str) -> AgencyId {
    store
        .create_agency(
            None,
            &AgencyProfile::named(name, AgencyKind::Department),
            &admin(),
        )
        .await
        .expect("agency")
        .id
}

pub async fn issued_used_and_revoked(store: Store) -> Vec<String> {
    let mut told = Vec::new();
    let centre = agency(&store, "孟州市公共资源交易中心").await;
    let finance = agency(&store, "孟州市财政局").await;
    let new = NewApiToken {
        agency: centre,
        name: "档案系统".into(),
        role: Role::Clerk,
        token_hash: "a".repeat(64),
    };
    let issued = store.issue_api_token(&new, &admin()).await.expect("issue");
    told.push(format!(
        "issued {} {} by {} used {:?} revoked {:?}",
        issued.name,
        issued.role.code(),
        issued.created_by,
        issued.last_used_at_ms,
        issued.revoked_at_ms
    ));
    told.push(format!(
        "same hash again -> {}",
        code(store.issue_api_token(&new, &admin()).await)
    ));
    let found = store
        .api_token_by_hash(&"a".repeat(64))
        .await
        .expect("read");
    told.push(format!(
        "found by hash: {}",
        found.as_ref() == Some(&issued)
    ));
    let unknown = store
        .api_token_by_hash(&"b".repeat(64))
        .await
        .expect("read");
    told.push(format!("unknown hash: {unknown:?}"));

    store
        .record_api_token_use(issued.id, "GET /api/v1/agencies/1/applications")
        .await
        .expect("use");
    let used = store.api_tokens_of(centre).await.expect("list");
    told.push(format!(
        "listed {} token(s), last used set: {}",
        used.len(),
        used[0].last_used_at_ms.is_some()
    ));
    told.push(format!(
        "finance lists {} token(s)",
        store.api_tokens_of(finance).await.expect("list").len()
    ));

    told.push(format!(
        "revoke through another agency -> {}",
        code(store.revoke_api_token(finance, issued.id, &admin()).await)
    ));
    let revoked = store
        .revoke_api_token(centre, issued.id, &admin())
        .await
        .expect("revoke");
    told.push(format!("revoked: {}", revoked.is_revoked()));
    told.push(format!(
        "revoke again -> {}",
        code(store.revoke_api_token(centre, issued.id, &admin()).await)
    ));
    told.push(format!(
        "use after revocation -> {}",
        code(store.record_api_token_use(issued.id, "GET /x").await)
    ));
    told.push(format!(
        "unknown token use -> {}",
        code(store.record_api_token_use(ApiTokenId(999), "GET /x").await)
    ));
    let read_back = store
        .api_token_by_hash(&"a".repeat(64))
        .await
        .expect("read")
        .is_some_and(|t| t.is_revoked());
    told.push(format!("read back revoked: {read_back}"));

    let events = store
        .audit_events(&AuditFilter {
            agencies: Some(vec![centre]),
            before_seq: None,
            limit: 50,
        })
        .await
        .expect("events");
    let mut trail: Vec<String> = events
        .iter()
        .filter(|e| e.action.starts_with("api_token"))
        .map(|e| {
            format!(
                "{} by {}:{}:{}",
                e.action,
                e.actor_kind,
                e.actor_id.unwrap_or_default(),
                e.actor_name
            )
        })
        .collect();
    trail.reverse();
    told.push(format!("audit: {trail:?}"));
    told.push(format!(
        "no secret in the trail: {}",
        events.iter().all(|e| !e.detail.contains(&"a".repeat(64)))
    ));
    told
}
