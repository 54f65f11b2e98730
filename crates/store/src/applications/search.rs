//! The clerk's case list: an agency's applications, open and closed, found by tracking number (any case, with
//! or without hyphens), applicant name, words of the request, status, year of receipt and outcome. Every value
//! the user typed is a bound parameter; only the domain's own status codes are written into the SQL.

use gongkai_domain::agency::AgencyId;
use gongkai_domain::application::outcome::Outcome;
use gongkai_domain::application::status::Status;
use sqlx::AssertSqlSafe;

use super::StoredApplication;
use super::store::COLUMNS;
use crate::Store;
use crate::error::StoreResult;

/// Which states a case list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StateFilter {
    #[default]
    Any,
    Open,
    Closed,
    /// One state by its code (`awaiting_correction`, `awaiting_fee` …).
    Status(&'static str),
}

/// What a clerk looks for; an empty field does not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicationQuery {
    /// Part of a tracking number, compared without case and hyphens (`gk2026000001` finds `GK-2026-000001`).
    pub tracking_no: String,
    /// Part of the applicant's name (a person's name or an organisation's).
    pub applicant_name: String,
    /// Words of the request, each of which must appear.
    pub words: String,
    pub state: StateFilter,
    pub received_year: Option<i32>,
    /// The outcome of a closed application (a decision, a withdrawal, an abandonment).
    pub outcome: Option<Outcome>,
}

/// `%text%` for LIKE, with the wildcards of the text itself escaped (`\`).
fn contains(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// A tracking number as compared: upper case, letters and digits only.
pub fn tracking_key(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

pub(super) async fn search(
    store: &Store,
    agency: AgencyId,
    query: &ApplicationQuery,
) -> StoreResult<Vec<StoredApplication>> {
    let mut sql = format!("SELECT {COLUMNS} FROM applications WHERE agency_id = $1");
    let mut binds: Vec<String> = Vec::new();
    let mut bind = |sql: &mut String, clause: &str, value: String| {
        binds.push(value);
        sql.push_str(&clause.replace('?', &format!("${}", binds.len() + 1)));
    };
    // A number typed without a letter or digit (a name in the wrong box) matches no number, not every one.
    let key = match tracking_key(&query.tracking_no) {
        key if key.is_empty() => query.tracking_no.trim().to_owned(),
        key => key,
    };
    if !key.is_empty() {
        bind(
            &mut sql,
            " AND REPLACE(UPPER(tracking_no), '-', '') LIKE ? ESCAPE '\\'",
            contains(&key),
        );
    }
    // The applicant is sealed: its name (or an organisation's contact) is matched once opened, below.
    let name = query.applicant_name.trim().to_lowercase();
    for word in query.words.split_whitespace() {
        bind(
            &mut sql,
            " AND description LIKE ? ESCAPE '\\'",
            contains(word),
        );
    }
    if let Some(year) = query.received_year {
        bind(&mut sql, " AND received_on LIKE ?", format!("{year:04}-%"));
    }
    // The codes are the domain's own constants, never user text.
    let closed = Status::CLOSED_CODES
        .iter()
        .map(|c| format!("'{c}'"))
        .collect::<Vec<_>>()
        .join(",");
    match query.state {
        StateFilter::Any => {}
        StateFilter::Open => sql.push_str(&format!(" AND status NOT IN ({closed})")),
        StateFilter::Closed => sql.push_str(&format!(" AND status IN ({closed})")),
        StateFilter::Status(code) => bind(&mut sql, " AND status = ?", code.to_owned()),
    }
    sql.push_str(" ORDER BY id DESC");
    let mut q = sqlx::query(AssertSqlSafe(sql)).bind(agency.0);
    for value in binds {
        q = q.bind(value);
    }
    let found = q.fetch_all(&store.pool).await?;
    let mut out = Vec::with_capacity(found.len());
    for row in &found {
        let app = store.row_to_application(row)?;
        if !name.is_empty() && !applicant_names(&app.applicant).contains(&name) {
            continue;
        }
        // The outcome is part of the stored state's JSON; it is read back through the domain's own type.
        if query
            .outcome
            .is_some_and(|o| app.status.final_outcome() != Some(o))
        {
            continue;
        }
        out.push(app);
    }
    Ok(out)
}

/// The names a clerk may type of an applicant (its `name` and `contact_name`), lower-cased, one line each.
fn applicant_names(applicant: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(applicant).unwrap_or_default();
    ["name", "contact_name"]
        .iter()
        .filter_map(|k| value.get(k).and_then(|v| v.as_str()))
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("\n")
}
