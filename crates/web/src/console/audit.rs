//! The audit trail in the console: an agency's events for those who may read them (without other
//! administrators' actions), and the whole chain, with its verification, for the audit administrator. Each event reads as a sentence with links
//! ([`super::audit_words`]); `?chain=1` shows the stored columns and hashes instead.

use axum::extract::{Query, State};
use axum::response::Html;
use gongkai_domain::audit::{AuditEvent, ChainBreak};
use gongkai_store::{AgencyStore, AuditFilter, AuditLog};
use minijinja::context;
use serde::Deserialize;

use super::audit_words::tell;
use super::page_context;
use crate::auth::{Access, Global, can};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

const PAGE: u32 = 50;

#[derive(Debug, Deserialize)]
pub struct Paging {
    before: Option<i64>,
    /// `1`: the chain's own columns (action, target, detail, hashes) for verification by hand.
    chain: Option<String>,
}

impl Paging {
    fn chain(&self) -> bool {
        self.chain.as_deref() == Some("1")
    }
}

/// Long change records are cut for the list (the full record stays in the store and in `audit verify`).
pub(super) fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max_chars).collect();
    cut.push('…');
    cut
}

fn older(events: &[AuditEvent]) -> Option<i64> {
    (events.len() == PAGE as usize)
        .then(|| events.last().map(|e| e.seq))
        .flatten()
}

pub async fn of_agency(
    State(state): State<AppState>,
    lang: Lang,
    Query(paging): Query<Paging>,
    access: Access<can::ViewAudit>,
) -> Result<Html<String>, WebError> {
    let filter = AuditFilter {
        agencies: Some(vec![access.agency.id]),
        before_seq: paging.before,
        limit: PAGE,
    };
    let events = state.store.audit_events(&filter).await?;
    let older_seq = older(&events);
    let events = if access.official.account.role == gongkai_domain::account::Role::AuditAdmin {
        events
    } else {
        without_other_administrators(&state, events, access.official.account.id).await?
    };
    let agencies = state.store.agencies().await?;
    let told = tell(&state, &events, &agencies).await?;
    state.templates.render(
        "console/audit.html",
        lang,
        context! {
            agency => ser(&access.agency),
            events => ser(&told),
            older => older_seq,
            chain => paging.chain(),
            verification => (),
            ..page_context(&access.official)
        },
    )
}

/// The events an agency's reader may see: not those of another administrator (三员分立: administrators' actions are
/// read by the audit administrator, so an administrator cannot watch or be watched by a peer).
async fn without_other_administrators(
    state: &AppState,
    events: Vec<AuditEvent>,
    reader: gongkai_domain::account::AccountId,
) -> Result<Vec<AuditEvent>, WebError> {
    use gongkai_store::AccountStore;
    let mut administrators = std::collections::HashMap::new();
    let mut kept = Vec::with_capacity(events.len());
    for event in events {
        let by_other_official =
            event.actor_kind == "official" && event.actor_id.is_some_and(|id| id != reader.0);
        if by_other_official && let Some(id) = event.actor_id {
            let is_admin = match administrators.get(&id) {
                Some(known) => *known,
                None => {
                    let account = state
                        .store
                        .account(gongkai_domain::account::AccountId(id))
                        .await?;
                    let known = account.is_some_and(|a| a.role.is_administrator());
                    administrators.insert(id, known);
                    known
                }
            };
            if is_admin {
                continue;
            }
        }
        kept.push(event);
    }
    Ok(kept)
}

async fn global_page(
    state: &AppState,
    lang: Lang,
    access: &Global<can::ViewAudit>,
    before: Option<i64>,
    chain: bool,
    verification: minijinja::Value,
) -> Result<Html<String>, WebError> {
    let filter = AuditFilter {
        agencies: None,
        before_seq: before,
        limit: PAGE,
    };
    let events = state.store.audit_events(&filter).await?;
    let agencies = state.store.agencies().await?;
    let told = tell(state, &events, &agencies).await?;
    state.templates.render(
        "console/audit.html",
        lang,
        context! {
            agency => (),
            events => ser(&told),
            older => older(&events),
            chain => chain,
            verification => verification,
            ..page_context(&access.official)
        },
    )
}

pub async fn global(
    State(state): State<AppState>,
    lang: Lang,
    Query(paging): Query<Paging>,
    access: Global<can::ViewAudit>,
) -> Result<Html<String>, WebError> {
    global_page(
        &state,
        lang,
        &access,
        paging.before,
        paging.chain(),
        minijinja::Value::from(()),
    )
    .await
}

pub async fn verify(
    State(state): State<AppState>,
    lang: Lang,
    access: Global<can::ViewAudit>,
) -> Result<Html<String>, WebError> {
    let result = state.store.verify_audit(&[], &|_| {}).await?;
    let verification = match result {
        Ok(count) => context! { intact => true, count => count },
        Err(broken) => {
            let to = match broken {
                ChainBreak::Missing { from, to } if to > from => Some(to),
                _ => None,
            };
            context! { intact => false, seq => broken.seq(), to => to, code => broken.code() }
        }
    };
    global_page(&state, lang, &access, None, true, verification).await
}
