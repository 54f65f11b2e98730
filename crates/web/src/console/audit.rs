//! The audit trail in the console: an agency's events for those who may read them, and the whole chain, with
//! its verification, for a system administrator.

use axum::extract::{Query, State};
use axum::response::Html;
use gongkai_domain::audit::{AuditAction, AuditEvent, ChainBreak};
use gongkai_store::{AuditFilter, AuditLog};
use minijinja::context;
use serde::{Deserialize, Serialize};

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
}

/// An event as the page lists it, with its action as a message key.
#[derive(Debug, Serialize)]
struct EventRow {
    seq: i64,
    at_ms: i64,
    actor: String,
    action_key: String,
    target: String,
    detail: String,
}

fn rows(events: &[AuditEvent]) -> Vec<EventRow> {
    events
        .iter()
        .map(|e| EventRow {
            seq: e.seq,
            at_ms: e.at_ms,
            actor: format!("{}:{}", e.actor_kind, e.actor_name),
            // Text gongkai never wrote (a tampered row) still gets a key, shown as the key itself.
            action_key: AuditAction::parse(&e.action).map_or_else(
                || format!("action_{}", e.action.replace('.', "_")),
                AuditAction::message_key,
            ),
            target: e.target.clone(),
            detail: shorten(&e.detail, 160),
        })
        .collect()
}

/// Long change records are cut for the list (the full record stays in the store and in `audit verify`).
fn shorten(text: &str, max_chars: usize) -> String {
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
    state.templates.render(
        "console/audit.html",
        lang,
        context! {
            agency => ser(&access.agency),
            events => ser(&rows(&events)),
            older => older(&events),
            verification => (),
            ..page_context(&access.official)
        },
    )
}

async fn global_page(
    state: &AppState,
    lang: Lang,
    access: &Global<can::ViewAudit>,
    before: Option<i64>,
    verification: minijinja::Value,
) -> Result<Html<String>, WebError> {
    let filter = AuditFilter {
        agencies: None,
        before_seq: before,
        limit: PAGE,
    };
    let events = state.store.audit_events(&filter).await?;
    state.templates.render(
        "console/audit.html",
        lang,
        context! {
            agency => (),
            events => ser(&rows(&events)),
            older => older(&events),
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
    global_page(&state, lang, &access, None, verification).await
}
