//! The register of 行政复议 and 行政诉讼 cases about an agency's 政府信息公开 work (条例第五十一条) with table 四 of a
//! year's annual report (条例第五十条第（三）项) counted from it by the domain's rule
//! (`gongkai_domain::appeal::compile_t4`) and checked by the report rules of table 四. Anyone who may read the
//! agency sees it (`can::ViewAgency`), a supervisor above it too; registering a case and recording its result
//! are casework ([`super::appeal_forms`]).

use axum::extract::{Query, State};
use axum::response::Html;
use chrono::Datelike;
use gongkai_domain::appeal::{AppealCase, compile_t4};
use gongkai_domain::report::layout::{T4_COLUMNS, T4_GROUPS};
use gongkai_domain::report::{AnnualReport, Format, Table4, validate};
use gongkai_store::{AppealStore, StoredAppealCase};
use minijinja::context;
use serde::Serialize;

use super::statistics::{FIRST_YEAR, YearQuery, year_asked};
use super::{allowed_actions, page_context};
use crate::auth::{Access, can};
use crate::console::statistics::FindingView;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

#[derive(Debug, Serialize)]
struct CellView {
    /// The cell's path in the JSON contract (`t4.review.maintain`).
    path: String,
    value: String,
}

/// The 15 cells of table 四 in printed order: 行政复议, then 未经复议直接起诉, then 复议后起诉.
fn cells(t4: &Table4) -> Vec<CellView> {
    T4_GROUPS
        .iter()
        .zip(&t4.groups)
        .flat_map(|((g, _), group)| {
            T4_COLUMNS
                .iter()
                .zip(group)
                .map(move |((c, _), cell)| CellView {
                    path: format!("t4.{g}.{c}"),
                    value: cell.display(),
                })
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub(super) struct CaseView {
    pub id: i64,
    pub kind: &'static str,
    pub filed_on: String,
    pub application: Option<i64>,
    pub tracking_no: Option<String>,
    pub decided_on: Option<String>,
    pub outcome: Option<&'static str>,
    /// Its column in the chosen year's table 四, if it counts there.
    pub standing: Option<&'static str>,
    pub note: String,
}

impl CaseView {
    pub(super) fn of(case: &StoredAppealCase, year: i32) -> Self {
        let decision = case.case.decision;
        Self {
            id: case.id.0,
            kind: case.case.kind.code(),
            filed_on: case.case.filed_on.to_string(),
            application: case.application.map(|a| a.0),
            tracking_no: case.tracking_no.clone(),
            decided_on: decision.map(|d| d.on.to_string()),
            outcome: decision.map(|d| d.outcome.code()),
            standing: case.case.standing(year).map(|s| s.code()),
            note: case.note.clone(),
        }
    }
}

/// The findings of the rules about table 四 (the page shows that table only).
fn findings(t4: &Table4, year: i32, lang: Lang) -> Vec<FindingView> {
    let mut report = AnnualReport::zeroed(Format::for_year(year));
    report.year = Some(year);
    report.t4 = t4.clone();
    validate(&report)
        .into_iter()
        .filter(|f| f.rule.starts_with("T4-"))
        .map(|f| FindingView::of(f, lang))
        .collect()
}

pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    Query(query): Query<YearQuery>,
    access: Access<can::ViewAgency>,
) -> Result<Html<String>, WebError> {
    let today = state.today();
    let this_year = today.year();
    let year = year_asked(query.year.as_deref(), this_year)?;
    // One read for the table and the list, so that both show the same register.
    let stored = state.store.review_cases_of(access.agency.id).await?;
    let cases: Vec<AppealCase> = stored.iter().map(|c| c.case).collect();
    let t4 = compile_t4(&cases, year);
    let found = findings(&t4, year, lang);
    let errors = found.iter().filter(|f| f.severity == "error").count();
    let format = Format::for_year(year);
    state.templates.render(
        "console/appeals.html",
        lang,
        context! {
            agency => ser(&access.agency),
            can => ser(&allowed_actions(&access.official, &access.agency, &access.tree)),
            year => year,
            years => (FIRST_YEAR..=this_year).rev().collect::<Vec<_>>(),
            current_year => year == this_year,
            today => today.to_string(),
            format => format.code(),
            format_basis => format.basis(),
            columns => T4_COLUMNS.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
            cells => ser(&cells(&t4)),
            findings => ser(&found),
            errors => errors,
            cases => ser(&stored.iter().map(|c| CaseView::of(c, year)).collect::<Vec<_>>()),
            ..page_context(&access.official)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Messages;
    use gongkai_domain::report::Cell;

    /// The Chinese labels are the printed ones of the national layout, character for character.
    #[test]
    fn chinese_labels_are_the_printed_ones() {
        let c = Messages::builtin().expect("messages");
        let zh = |key: &str| c.texts(*Lang::ZH).get(key).cloned();
        for (key, label) in &T4_COLUMNS {
            assert_eq!(zh(&format!("t4_col_{key}")).as_deref(), Some(*label));
        }
        for (key, label) in &T4_GROUPS {
            assert_eq!(zh(&format!("review_kind_{key}")).as_deref(), Some(*label));
        }
        assert_eq!(zh("t4_review").as_deref(), Some(T4_GROUPS[0].1));
        for (key, label) in &T4_GROUPS[1..] {
            let printed = zh(&format!("t4_{key}"))
                .map(|l| format!("{}（{l}）", zh("t4_litigation").unwrap_or_default()));
            assert_eq!(printed.as_deref(), Some(*label));
        }
    }

    #[test]
    fn the_cells_are_printed_in_the_order_of_the_layout() {
        let mut t4 = compile_t4(&[], 2024);
        t4.groups[1][3] = Cell::Int(2);
        let printed = cells(&t4);
        assert_eq!(printed.len(), 15);
        assert_eq!(printed[0].path, "t4.review.maintain");
        assert_eq!(printed[8].path, "t4.lit_direct.pending");
        assert_eq!(printed[14].path, "t4.lit_after_review.total");
        assert_eq!(printed[8].value, "2");
    }
}
