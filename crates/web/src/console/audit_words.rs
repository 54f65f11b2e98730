//! Audit events told in words: who (the account's name, a member of the public, the system, an integration),
//! what (the action, and for an application the step), and on what (the item's title, the application's
//! number, the account, the agency, the report's year), each linked to its page in the console. The stored
//! text (target, detail, hashes) stays available in the chain view, for the verification it serves.

use std::collections::HashMap;

use gongkai_domain::account::AccountId;
use gongkai_domain::agency::Agency;
use gongkai_domain::application::intake::TrackingNo;
use gongkai_domain::audit::{AuditAction, AuditEvent};
use gongkai_store::{AccountStore, ApplicationStore, CatalogStore, ItemId};
use serde::Serialize;

use crate::error::WebError;
use crate::state::AppState;

/// An event as a sentence's parts (message keys and names), with the chain's columns kept aside.
#[derive(Debug, Default, Serialize)]
pub struct Told {
    pub seq: i64,
    pub at_ms: i64,
    /// A word for who acted when no name says it (`audit_actor_citizen`, `_system`, `_token`).
    pub actor_key: Option<&'static str>,
    pub actor_name: String,
    pub actor_href: Option<String>,
    pub action_key: String,
    /// For a step on an application: the step (`event_<kind>`).
    pub step_key: Option<String>,
    /// What the event concerns: its kind's word (`audit_target_item`, …) and its name.
    pub target_key: Option<&'static str>,
    pub target_name: String,
    pub target_href: Option<String>,
    // The chain, as stored.
    pub action: String,
    pub target: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Names looked up once per page.
#[derive(Default)]
struct Names {
    items: HashMap<i64, Option<(i64, String)>>,
    applications: HashMap<String, Option<(i64, i64)>>,
    accounts: HashMap<i64, Option<(Option<i64>, String)>>,
}

pub async fn tell(
    state: &AppState,
    events: &[AuditEvent],
    agencies: &[Agency],
) -> Result<Vec<Told>, WebError> {
    let mut names = Names::default();
    let mut out = Vec::with_capacity(events.len());
    for e in events {
        let mut told = Told {
            seq: e.seq,
            at_ms: e.at_ms,
            actor_name: String::new(),
            // Text gongkai never wrote (a tampered row) still gets a key, shown as the key itself.
            action_key: AuditAction::parse(&e.action).map_or_else(
                || format!("action_{}", e.action.replace('.', "_")),
                AuditAction::message_key,
            ),
            action: e.action.clone(),
            target: e.target.clone(),
            detail: super::audit::shorten(&e.detail, 160),
            prev_hash: e.prev_hash.clone(),
            hash: e.hash.clone(),
            ..Told::default()
        };
        actor(state, &mut names, e, &mut told).await?;
        target(state, &mut names, e, agencies, &mut told).await?;
        if AuditAction::parse(&e.action) == Some(AuditAction::ApplicationEvent) {
            told.step_key = serde_json::from_str::<serde_json::Value>(&e.detail)
                .ok()
                .and_then(|d| d["event"].as_str().map(|k| format!("event_{k}")));
        }
        out.push(told);
    }
    Ok(out)
}

async fn account(
    state: &AppState,
    names: &mut Names,
    id: i64,
) -> Result<Option<(Option<i64>, String)>, WebError> {
    if let Some(known) = names.accounts.get(&id) {
        return Ok(known.clone());
    }
    let found = state.store.account(AccountId(id)).await?.map(|a| {
        let name = format!("{}（{}）", a.display_name, a.username.as_str());
        (a.agency.map(|g| g.0), name)
    });
    names.accounts.insert(id, found.clone());
    Ok(found)
}

fn accounts_href(agency: Option<i64>) -> Option<String> {
    agency.map(|a| format!("/console/agencies/{a}/accounts"))
}

async fn actor(
    state: &AppState,
    names: &mut Names,
    e: &AuditEvent,
    told: &mut Told,
) -> Result<(), WebError> {
    match (e.actor_kind.as_str(), e.actor_id) {
        ("official", Some(id)) => match account(state, names, id).await? {
            Some((agency, name)) => {
                told.actor_name = name;
                told.actor_href = accounts_href(agency);
            }
            None => told.actor_name = e.actor_name.clone(),
        },
        ("official", None) => told.actor_name = e.actor_name.clone(),
        ("citizen", _) => told.actor_key = Some("audit_actor_citizen"),
        ("token", _) => {
            told.actor_key = Some("audit_actor_token");
            told.actor_name = format!("「{}」", e.actor_name);
        }
        _ => told.actor_key = Some("audit_actor_system"),
    }
    Ok(())
}

async fn target(
    state: &AppState,
    names: &mut Names,
    e: &AuditEvent,
    agencies: &[Agency],
    told: &mut Told,
) -> Result<(), WebError> {
    let mut parts = e.target.splitn(3, ':');
    let (kind, id) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let version = parts.next();
    let number = id.parse::<i64>().ok();
    let agency = e.agency;
    match (kind, number) {
        ("item", Some(n)) => {
            told.target_key = Some("audit_target_item");
            let found = match names.items.get(&n) {
                Some(known) => known.clone(),
                None => {
                    let found = state
                        .store
                        .item(ItemId(n))
                        .await?
                        .map(|i| (i.agency.0, i.draft.title));
                    names.items.insert(n, found.clone());
                    found
                }
            };
            if let Some((a, title)) = found {
                told.target_name = format!("《{title}》");
                told.target_href = Some(format!("/console/agencies/{a}/catalog/{n}"));
            }
        }
        ("application", _) => {
            told.target_key = Some("audit_target_application");
            told.target_name = id.to_owned();
            let found = match names.applications.get(id) {
                Some(known) => *known,
                None => {
                    let found = match TrackingNo::parse(id) {
                        Ok(no) => state
                            .store
                            .application_by_tracking_no(&no)
                            .await?
                            .map(|a| (a.agency.0, a.id.0)),
                        Err(_) => None,
                    };
                    names.applications.insert(id.to_owned(), found);
                    found
                }
            };
            if let Some((a, app)) = found {
                told.target_href = Some(format!("/console/agencies/{a}/applications/{app}"));
            }
        }
        ("account", Some(n)) => {
            told.target_key = Some("audit_target_account");
            if let Some((a, name)) = account(state, names, n).await? {
                told.target_name = name;
                told.target_href = accounts_href(a);
            }
        }
        ("agency", Some(n)) => {
            told.target_key = Some("audit_target_agency");
            if let Some(a) = agencies.iter().find(|a| a.id.0 == n) {
                told.target_name = a.profile.name.clone();
                told.target_href = Some(format!("/console/agencies/{n}"));
            }
        }
        ("report", Some(year)) => {
            told.target_key = Some("audit_target_report");
            told.target_name = match version {
                Some(v) => format!("{year} · {v}"),
                None => year.to_string(),
            };
            told.target_href = agency.map(|a| format!("/console/agencies/{a}/reports/{year}"));
        }
        ("review_case", Some(n)) => {
            told.target_key = Some("audit_target_review_case");
            told.target_name = format!("#{n}");
            told.target_href = agency.map(|a| format!("/console/agencies/{a}/appeals"));
        }
        ("api_token", Some(n)) => {
            told.target_key = Some("audit_target_api_token");
            told.target_name = format!("#{n}");
            told.target_href = agency.map(|a| format!("/console/agencies/{a}/tokens"));
        }
        _ => {}
    }
    Ok(())
}
