//! The agency's case list (`/console/agencies/{id}/applications`): every application, open and closed, found
//! by tracking number, applicant name, words of the request, state, year of receipt and outcome (a GET form),
//! open ones first by their last day. The applicant's name is personal data: the page is for the handling
//! agency's caseworkers only (`can::HandleRecords`: its clerks and reviewers).

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use gongkai_app::applications::case_list::{CaseQuery, case_list};
use gongkai_domain::application::outcome::Outcome;
use gongkai_store::{ApplicationQuery, StateFilter};
use minijinja::context;
use serde::Deserialize;

use super::page_context;
use crate::auth::{Access, can};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

/// The search form as typed; anything unreadable filters nothing.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CaseSearch {
    tracking_no: String,
    applicant: String,
    words: String,
    /// any | open | closed | overdue | awaiting_correction | awaiting_fee
    state: String,
    year: String,
    outcome: String,
    page: String,
}

/// The states the form offers, in its order.
const STATES: [&str; 6] = [
    "any",
    "open",
    "closed",
    "overdue",
    "awaiting_correction",
    "awaiting_fee",
];

impl CaseSearch {
    fn query(&self) -> CaseQuery {
        let state = match self.state.trim() {
            "open" | "overdue" => StateFilter::Open,
            "closed" => StateFilter::Closed,
            "awaiting_correction" => StateFilter::Status("awaiting_correction"),
            "awaiting_fee" => StateFilter::Status("awaiting_fee"),
            _ => StateFilter::Any,
        };
        CaseQuery {
            store: ApplicationQuery {
                tracking_no: self.tracking_no.trim().to_owned(),
                applicant_name: self.applicant.trim().to_owned(),
                words: self.words.trim().to_owned(),
                state,
                received_year: self
                    .year
                    .trim()
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (2000..=9999).contains(y)),
                outcome: Outcome::from_code(self.outcome.trim()),
            },
            overdue_only: self.state.trim() == "overdue",
            page: self.page.trim().parse().unwrap_or(1),
        }
    }

    /// The same search on another page, as a query string.
    fn link(&self, page: usize) -> String {
        let page = page.to_string();
        let pairs: Vec<(&str, &str)> = [
            ("tracking_no", self.tracking_no.trim()),
            ("applicant", self.applicant.trim()),
            ("words", self.words.trim()),
            ("state", self.state.trim()),
            ("year", self.year.trim()),
            ("outcome", self.outcome.trim()),
            ("page", page.as_str()),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::ReadCases>,
    Query(search): Query<CaseSearch>,
) -> Result<Response, WebError> {
    // A supervisor above the agency reads the list (the oversight page links here) without the applicants'
    // names, and may not search by them.
    let handles = super::applications::may_handle(&access);
    let mut query = search.query();
    if !handles {
        query.store.applicant_name.clear();
    }
    let found = case_list(&state, access.agency.id, &query).await?;
    let words = state.templates.messages();
    let rows: Vec<_> = found
        .rows
        .iter()
        .map(|r| {
            context! {
                id => r.application.id.0,
                tracking_no => r.application.tracking_no.to_string(),
                applicant => handles.then(|| r.applicant_name.clone()),
                request => r.request.clone(),
                received_on => r.application.received_on.map(|d| d.to_string()),
                due_on => r.due_on.map(|d| d.to_string()),
                status => r.application.status.code(),
                closed => r.application.status.is_closed(),
                overdue => r.overdue,
                outcome => r.application.status.final_outcome().map(|o| words.name(*lang, "outcome", o.code())),
            }
        })
        .collect();
    let outcomes: Vec<_> = Outcome::ALL
        .iter()
        .map(|o| context! { code => o.code(), name => words.name(*lang, "outcome", o.code()) })
        .collect();
    let page = state.templates.render(
        "console/applications.html",
        lang,
        context! {
            agency => ser(&access.agency),
            rows => rows,
            total => found.total,
            page => found.page,
            pages => found.pages,
            prev => (found.page > 1).then(|| search.link(found.page - 1)),
            next => (found.page < found.pages).then(|| search.link(found.page + 1)),
            search => context! {
                tracking_no => search.tracking_no.clone(),
                applicant => search.applicant.clone(),
                words => search.words.clone(),
                state => search.state.clone(),
                year => search.year.clone(),
                outcome => search.outcome.clone(),
            },
            states => STATES,
            may_handle => handles,
            outcomes => outcomes,
            ..page_context(&access.official)
        },
    )?;
    Ok(page.into_response())
}
