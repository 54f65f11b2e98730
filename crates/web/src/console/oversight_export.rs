//! The oversight table as a file to take away: CSV (`?format=csv`) and a workbook (`?format=xlsx`) whose first
//! sheet is the agencies' table and whose second is table 三 over the years, in the viewer's language.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use gongkai_domain::oversight::trend::TrendYear;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::oversight::RowView;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;

/// The columns of the agencies' table, by their message keys, in the page's order.
const COLUMNS: [&str; 12] = [
    "oversight_agency",
    "oversight_received",
    "oversight_answered",
    "oversight_overdue_now",
    "oversight_answered_late",
    "oversight_published_late",
    "oversight_publication_overdue",
    "oversight_report_year",
    "oversight_report",
    "oversight_report_on",
    "oversight_corrected",
    "oversight_decided",
];

/// The columns of the trend sheet, by their message keys.
const TREND_COLUMNS: [&str; 9] = [
    "oversight_year",
    "chart_received",
    "chart_seg_open",
    "chart_seg_partial",
    "chart_seg_denied",
    "chart_seg_unable",
    "chart_seg_not_processed",
    "chart_seg_other",
    "chart_carried_out",
];

fn cells(state: &AppState, lang: Lang, r: &RowView) -> [String; 12] {
    let key = format!("oversight_report_{}", r.report);
    [
        r.name.clone(),
        r.received.to_string(),
        r.answered.to_string(),
        r.overdue_now.to_string(),
        r.answered_late.to_string(),
        r.published_late.to_string(),
        r.publication_overdue.to_string(),
        r.report_year.to_string(),
        state.templates.messages().text(*lang, &key).to_owned(),
        r.report_on.clone().unwrap_or_default(),
        r.corrected.to_string(),
        r.decided.to_string(),
    ]
}

fn trend_figures(y: &TrendYear) -> [i64; 9] {
    [
        i64::from(y.year),
        y.received,
        y.open,
        y.partial,
        y.denied,
        y.unable,
        y.not_processed,
        y.other,
        y.carried_out,
    ]
}

fn download(content_type: &str, name: String, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

pub(super) fn csv_of(
    state: &AppState,
    lang: Lang,
    rows: &[RowView],
    agency: i64,
    year: i32,
) -> Result<Response, WebError> {
    let words = state.templates.messages();
    let mut out = csv::Writer::from_writer(Vec::new());
    let csv_error = |e: csv::Error| WebError::Internal(format!("csv: {e}"));
    out.write_record(COLUMNS.map(|key| words.text(*lang, key)))
        .map_err(csv_error)?;
    for r in rows {
        out.write_record(cells(state, lang, r)).map_err(csv_error)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| WebError::Internal(format!("csv: {e}")))?;
    Ok(download(
        "text/csv; charset=utf-8",
        format!("oversight-{agency}-{year}.csv"),
        bytes,
    ))
}

pub(super) fn xlsx_of(
    state: &AppState,
    lang: Lang,
    rows: &[RowView],
    trend: &[TrendYear],
    agency: i64,
    year: i32,
) -> Result<Response, WebError> {
    let bytes = workbook(state, lang, rows, trend, year)
        .map_err(|e| WebError::Internal(format!("xlsx: {e}")))?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        format!("oversight-{agency}-{year}.xlsx"),
        bytes,
    ))
}

fn workbook(
    state: &AppState,
    lang: Lang,
    rows: &[RowView],
    trend: &[TrendYear],
    year: i32,
) -> Result<Vec<u8>, XlsxError> {
    let words = state.templates.messages();
    let bold = Format::new().set_bold();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    // Excel refuses a sheet name longer than 31 characters.
    let name: String = format!("{} {year}", words.text(*lang, "oversight_title"))
        .chars()
        .take(31)
        .collect();
    sheet.set_name(name)?;
    for (col, key) in (0u16..).zip(COLUMNS) {
        sheet.write_string_with_format(0, col, words.text(*lang, key), &bold)?;
    }
    sheet.set_column_width(0, 30)?;
    for (row, r) in (1u32..).zip(rows) {
        for (col, text) in (0u16..).zip(cells(state, lang, r)) {
            // Figures go in as numbers, so that a supervisor can sum and sort them.
            match text.parse::<f64>() {
                Ok(n) if col > 0 && col != 9 => sheet.write_number(row, col, n)?,
                _ => sheet.write_string(row, col, text)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 1)?;
    let sheet = book.add_worksheet();
    sheet.set_name(words.text(*lang, "chart_sheet"))?;
    for (col, key) in (0u16..).zip(TREND_COLUMNS) {
        sheet.write_string_with_format(0, col, words.text(*lang, key), &bold)?;
    }
    for (row, y) in (1u32..).zip(trend) {
        for (col, n) in (0u16..).zip(trend_figures(y)) {
            sheet.write_number(row, col, n as f64)?;
        }
    }
    book.save_to_buffer()
}
