//! Table 三 of an agency's annual report (收到和处理政府信息公开申请情况) for a year, compiled from the applications
//! stored here (`gongkai_store::agency_t3`) and checked by the report rules of table 三 against the year before.
//! Anyone who may read the agency sees it (`can::ViewAgency`), a supervisor above it too: it holds figures only,
//! no personal data.

use axum::extract::{Query, State};
use axum::response::Html;
use chrono::Datelike;
use gongkai_domain::application::outcome::ApplicantKind;
use gongkai_domain::report::layout::{ResultGroup, T3_COLUMNS, T3Role, t3_rows};
use gongkai_domain::report::{AnnualReport, Cell, Finding, Format, validate_with_previous};
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::{allowed_actions, page_context};
use crate::auth::{Access, can};
use crate::error::{ErrorCode, WebError};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

/// The first year the page offers: the 2019 条例 and the first national report format (国办公开办函〔2019〕60号).
pub const FIRST_YEAR: i32 = 2019;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct YearQuery {
    pub year: Option<String>,
}

/// The year asked for: last year (in Beijing) when none is given; refused outside [`FIRST_YEAR`]..this year.
pub fn year_asked(given: Option<&str>, this_year: i32) -> Result<i32, WebError> {
    match given.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(this_year - 1),
        Some(text) => text
            .parse::<i32>()
            .ok()
            .filter(|y| (FIRST_YEAR..=this_year).contains(y))
            .ok_or(WebError::BadRequest(ErrorCode::StatsBadYear)),
    }
}

#[derive(Debug, Serialize)]
struct CellView {
    /// The cell's path in the JSON contract (`t3.r1_new.np`).
    path: String,
    value: String,
}

/// One printed row of table 三 with the label cells it opens, as the national layout merges them.
#[derive(Debug, Serialize)]
struct RowView {
    key: &'static str,
    /// How many of the three label columns the row's own label spans.
    label_span: u8,
    /// On the first result row: the 三、本年度办理结果 cell and how many rows it spans.
    results_span: Option<usize>,
    /// On the first row of a group: the group's message key (（三）不予公开 …) and how many rows it spans.
    group: Option<(&'static str, usize)>,
    /// 一, 二, （七） and 四: the rows of the identity 一 + 二 = （七） + 四.
    summary: bool,
    cells: Vec<CellView>,
}

/// The message key of a printed group cell; （一） and （二） are rows of their own, not groups.
fn group_key(group: ResultGroup) -> Option<&'static str> {
    match group {
        ResultGroup::Open | ResultGroup::Partial => None,
        ResultGroup::Denied => Some("t3_group_denied"),
        ResultGroup::Unable => Some("t3_group_unable"),
        ResultGroup::NotProcessed => Some("t3_group_not_processed"),
        ResultGroup::Other => Some("t3_group_other"),
    }
}

fn rows(report: &AnnualReport) -> Vec<RowView> {
    let layout = t3_rows(report.format);
    let results = layout
        .iter()
        .filter(|r| matches!(r.role, T3Role::Result(_) | T3Role::Total))
        .count();
    let mut out = Vec::with_capacity(layout.len());
    let mut results_opened = false;
    for (i, row) in layout.iter().enumerate() {
        let in_results = matches!(row.role, T3Role::Result(_) | T3Role::Total);
        let results_span = (in_results && !results_opened).then_some(results);
        results_opened |= in_results;
        let group = match (row.group, row.role) {
            (Some(g), T3Role::Result(kind)) if i == 0 || layout[i - 1].group != Some(g) => {
                let span = layout[i..]
                    .iter()
                    .take_while(|r| r.group == Some(g))
                    .count();
                group_key(kind).map(|key| (key, span))
            }
            _ => None,
        };
        let label_span = match (in_results, row.group.is_some()) {
            (false, _) => 3,
            (true, false) => 2,
            (true, true) => 1,
        };
        let cells = T3_COLUMNS
            .iter()
            .map(|c| {
                let path = format!("t3.{}.{}", row.key, c.key);
                let value = report.cell(&path).map(Cell::display).unwrap_or_default();
                CellView { path, value }
            })
            .collect();
        out.push(RowView {
            key: row.key,
            label_span,
            results_span,
            group,
            summary: !matches!(row.role, T3Role::Result(_)),
            cells,
        });
    }
    out
}

/// A finding as the console's table pages show it, in the visitor's language.
#[derive(Debug, Serialize)]
pub struct FindingView {
    rule: &'static str,
    /// `error` or `warning`.
    pub severity: &'static str,
    message: String,
    cells: String,
    expected: String,
    found: String,
}

impl FindingView {
    pub fn of(f: Finding, lang: Lang) -> FindingView {
        FindingView {
            rule: f.rule,
            severity: f.severity.code(),
            message: match lang {
                Lang::ZH => f.message.zh,
                Lang::EN => f.message.en,
            },
            cells: f
                .cells
                .iter()
                .map(|c| gongkai_app::reports::cell_words(lang.0, c))
                .collect::<Vec<_>>()
                .join(if lang == Lang::ZH { "；" } else { "; " }),
            expected: f.expected,
            found: f.found,
        }
    }
}

/// The findings of the rules about table 三: the page compiles that table only, so the rules about the other
/// tables and the text (which a compiled table leaves empty) would speak of nothing shown here.
fn findings(report: &AnnualReport, previous: &AnnualReport, lang: Lang) -> Vec<FindingView> {
    validate_with_previous(report, Some(previous))
        .into_iter()
        .filter(|f: &Finding| f.rule.starts_with("T3-"))
        .map(|f| FindingView::of(f, lang))
        .collect()
}

fn total(report: &AnnualReport, row: &str) -> i64 {
    report
        .cell(&format!("t3.{row}.total"))
        .and_then(Cell::as_int)
        .unwrap_or(0)
}

pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    Query(query): Query<YearQuery>,
    access: Access<can::ViewAgency>,
) -> Result<Html<String>, WebError> {
    let today = state.today();
    let this_year = today.year();
    let year = year_asked(query.year.as_deref(), this_year)?;
    let t3 = gongkai_store::agency_t3(&state.store, access.agency.id, year).await?;
    let format = Format::for_year(year);
    let found = findings(&t3.report, &t3.previous, lang);
    let errors = found.iter().filter(|f| f.severity == "error").count();
    let years: Vec<i32> = (FIRST_YEAR..=this_year).rev().collect();
    state.templates.render(
        "console/statistics.html",
        lang,
        context! {
            agency => ser(&access.agency),
            can => ser(&allowed_actions(&access.official, &access.agency, &access.tree)),
            year => year,
            previous_year => year - 1,
            previous_link => year > FIRST_YEAR,
            years => years,
            current_year => year == this_year,
            today => today.to_string(),
            format => format.code(),
            format_basis => format.basis(),
            rows => ser(&rows(&t3.report)),
            org_columns => ApplicantKind::ALL
                .iter()
                .filter(|k| k.is_organisation())
                .map(|k| k.column_key())
                .collect::<Vec<_>>(),
            figures => context! {
                new => total(&t3.report, "r1_new"),
                carry_in => total(&t3.report, "r2_carry_in"),
                done => total(&t3.report, "r3_7_total"),
                carry_out => total(&t3.report, "r4_carry_out"),
            },
            not_received => t3.not_received,
            findings => ser(&found),
            errors => errors,
            ..page_context(&access.official)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Messages;

    #[test]
    fn the_year_defaults_to_last_year_and_stays_in_range() {
        assert_eq!(year_asked(None, 2026).ok(), Some(2025));
        assert_eq!(year_asked(Some(" "), 2026).ok(), Some(2025));
        assert_eq!(year_asked(Some("2021"), 2026).ok(), Some(2021));
        assert_eq!(year_asked(Some("2026"), 2026).ok(), Some(2026));
        for bad in ["2018", "2027", "abc", "2021-01"] {
            assert_eq!(
                year_asked(Some(bad), 2026).map_err(|e| e.code()).err(),
                Some(ErrorCode::StatsBadYear),
                "{bad}"
            );
        }
    }

    /// The Chinese labels are the printed ones of the layout, character for character, in both formats.
    #[test]
    fn chinese_labels_are_the_printed_ones() {
        let c = Messages::builtin().expect("messages");
        let zh = |key: &str| c.texts(*Lang::ZH).get(key).cloned();
        for format in [Format::F2019, Format::F2021] {
            for row in t3_rows(format) {
                assert_eq!(
                    zh(&format!("t3_row_{}", row.key)).as_deref(),
                    Some(row.label)
                );
                if let (Some(g), T3Role::Result(kind)) = (row.group, row.role) {
                    let key = group_key(kind).expect("a printed group has a key");
                    assert_eq!(zh(key).as_deref(), Some(g));
                }
            }
        }
        for col in &T3_COLUMNS {
            assert_eq!(
                zh(&format!("t3_col_{}", col.key)).as_deref(),
                Some(col.label)
            );
        }
    }

    /// The merged label cells cover the three label columns of every row exactly once.
    #[test]
    fn label_cells_tile_the_label_columns() {
        for format in [Format::F2019, Format::F2021] {
            let report = AnnualReport::zeroed(format);
            let rows = rows(&report);
            let mut covered = vec![0_usize; rows.len()];
            for (i, r) in rows.iter().enumerate() {
                covered[i] += usize::from(r.label_span);
                if let Some(span) = r.results_span {
                    covered[i..i + span].iter_mut().for_each(|c| *c += 1);
                }
                if let Some((_, span)) = r.group {
                    covered[i..i + span].iter_mut().for_each(|c| *c += 1);
                }
                assert_eq!(r.cells.len(), 7);
            }
            assert!(covered.iter().all(|&c| c == 3), "{format:?}: {covered:?}");
            let spans: Vec<_> = rows.iter().filter_map(|r| r.results_span).collect();
            let expected = if format == Format::F2019 { 20 } else { 22 };
            assert_eq!(spans, vec![expected]);
        }
    }
}
