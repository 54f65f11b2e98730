//! The JSON contract of a report (`shared/spec/report-json.md`): keys in the order of the national layout,
//! cells as printed (integer, decimal string for money, `null` for blank, the printed string otherwise).

use gongkai_domain::report::layout::{
    SECTIONS, T3_COLUMNS, T4_COLUMNS, T4_GROUPS, t2_blocks, t3_rows,
};
use gongkai_domain::report::{
    AnnualReport, Cell, CellKind, Finding, Format, ParseNoteKind, Section,
};
use serde_json::{Map, Value, json};

use crate::ReportError;

fn cell_value(cell: &Cell) -> Value {
    match cell {
        Cell::Empty | Cell::Unresolved => Value::Null,
        Cell::Int(n) => json!(n),
        Cell::Amount(d) => Value::String(d.to_string()),
        Cell::NotApplicable(s) | Cell::Text(s) => Value::String(s.clone()),
    }
}

fn note_kind(kind: ParseNoteKind) -> &'static str {
    match kind {
        ParseNoteKind::AcceptedVariant => "accepted_variant",
        ParseNoteKind::Ambiguous => "ambiguous",
        ParseNoteKind::Missing => "missing",
        ParseNoteKind::Unplaced => "unplaced",
        ParseNoteKind::Unreadable => "unreadable",
    }
}

/// The three tables as JSON objects, keyed as in the contract.
pub fn tables_json(report: &AnnualReport) -> (Value, Value, Value) {
    let mut t2 = Map::new();
    for (block, rows) in t2_blocks(report.format).iter().zip(&report.t2.blocks) {
        let mut b = Map::new();
        for (row, cells) in block.rows.iter().zip(rows) {
            let r: Map<String, Value> = block
                .cols
                .iter()
                .zip(cells)
                .map(|(c, cell)| (c.key.to_string(), cell_value(cell)))
                .collect();
            b.insert(row.key.into(), Value::Object(r));
        }
        t2.insert(block.key.into(), Value::Object(b));
    }
    let mut t3 = Map::new();
    for (row, cells) in t3_rows(report.format).iter().zip(&report.t3.rows) {
        let r: Map<String, Value> = T3_COLUMNS
            .iter()
            .zip(cells)
            .map(|(c, cell)| (c.key.to_string(), cell_value(cell)))
            .collect();
        t3.insert(row.key.into(), Value::Object(r));
    }
    let mut t4 = Map::new();
    for ((g, _), cells) in T4_GROUPS.iter().zip(&report.t4.groups) {
        let r: Map<String, Value> = T4_COLUMNS
            .iter()
            .zip(cells)
            .map(|((c, _), cell)| (c.to_string(), cell_value(cell)))
            .collect();
        t4.insert(g.to_string(), Value::Object(r));
    }
    (Value::Object(t2), Value::Object(t3), Value::Object(t4))
}

/// The report and its findings as one JSON object of the contract. `with_provenance` adds where each cell was
/// read (an additive field).
pub fn to_json(report: &AnnualReport, findings: &[Finding], with_provenance: bool) -> Value {
    let (t2, t3, t4) = tables_json(report);
    let mut sections = Map::new();
    let mut headings = Map::new();
    for (i, s) in report.sections.iter().enumerate() {
        let key = format!("s{}", i + 1);
        sections.insert(
            key.clone(),
            s.as_ref()
                .map_or(Value::Null, |s| Value::String(s.body.clone())),
        );
        headings.insert(
            key,
            s.as_ref()
                .map_or(Value::Null, |s| Value::String(s.heading.clone())),
        );
    }
    let mut out = Map::new();
    out.insert("source".into(), json!(report.source));
    out.insert("format".into(), json!(report.format.code()));
    out.insert("year".into(), json!(report.year));
    out.insert("agency".into(), json!(report.agency));
    // Additive: where a parsed report's agency name was read (title, heading, signature, text).
    out.insert(
        "agency_from".into(),
        json!(report.agency_from.map(|s| s.code())),
    );
    // Additive: the kind of body that made it (when known), the report's own date (signature or publication day) and section 六's fee figures.
    out.insert(
        "agency_kind".into(),
        json!(report.agency_kind.map(|k| k.code())),
    );
    out.insert(
        "dated".into(),
        json!(report.dated.map(|d| d.format("%Y-%m-%d").to_string())),
    );
    out.insert(
        "fees".into(),
        json!({
            "notice_count": report.fees.notice_count,
            "notice_amount_yuan": report.fees.notice_amount_yuan.map(|d| d.normalize().to_string()),
            "collected_yuan": report.fees.collected_yuan.map(|d| d.normalize().to_string()),
        }),
    );
    out.insert("preamble".into(), json!(report.preamble));
    out.insert("sections".into(), Value::Object(sections));
    out.insert("headings".into(), Value::Object(headings));
    out.insert("t2".into(), t2);
    out.insert("t3".into(), t3);
    out.insert("t4".into(), t4);
    out.insert(
        "findings".into(),
        serde_json::to_value(findings).unwrap_or(Value::Array(vec![])),
    );
    let notes: Vec<Value> = report
        .notes
        .iter()
        .map(|n| json!({"code": n.code, "kind": note_kind(n.kind), "cells": n.cells, "message": {"zh": n.zh, "en": n.en}}))
        .collect();
    out.insert("parse_notes".into(), Value::Array(notes));
    if with_provenance {
        let prov: Map<String, Value> = report
            .provenance
            .iter()
            .map(|(addr, s)| {
                (
                    addr.path(report.format),
                    json!({"start": s.start, "end": s.end, "how": s.how}),
                )
            })
            .collect();
        out.insert("provenance".into(), Value::Object(prov));
    }
    Value::Object(out)
}

/// The contract's object for a file that could not be read at all.
pub fn error_json(source: &str, err: &ReportError) -> Value {
    json!({"source": source, "error": err.to_string(), "error_code": err.code()})
}

fn read_cell(v: Option<&Value>, kind: CellKind) -> Cell {
    match v {
        None | Some(Value::Null) => Cell::Empty,
        Some(Value::Number(n)) => match (n.as_i64(), kind) {
            (Some(i), CellKind::AmountWan) => Cell::Amount(i.into()),
            (Some(i), _) => Cell::Int(i),
            (None, _) => Cell::from_printed_amount(&n.to_string()),
        },
        Some(Value::String(s)) if kind == CellKind::AmountWan => Cell::from_printed_amount(s),
        Some(Value::String(s)) => Cell::from_printed(s),
        Some(other) => Cell::Text(other.to_string()),
    }
}

/// Reads a report back from the contract's JSON (what `report parse --json` wrote).
pub fn from_json(text: &str) -> Result<AnnualReport, ReportError> {
    let v: Value = serde_json::from_str(text).map_err(|e| ReportError::Json(e.to_string()))?;
    if let Some(err) = v.get("error").and_then(Value::as_str) {
        return Err(ReportError::Json(format!(
            "the JSON records a failed parse: {err}"
        )));
    }
    let format = v
        .get("format")
        .and_then(Value::as_str)
        .and_then(Format::from_code)
        .or_else(|| {
            v.get("year")
                .and_then(Value::as_i64)
                .map(|y| Format::for_year(y as i32))
        })
        .ok_or_else(|| ReportError::Json("\"format\" must be \"F2019\" or \"F2021\"".into()))?;
    let mut r = AnnualReport::blank(format);
    r.source = v.get("source").and_then(Value::as_str).map(str::to_string);
    r.year = v
        .get("year")
        .and_then(Value::as_i64)
        .and_then(|y| i32::try_from(y).ok());
    r.agency = v.get("agency").and_then(Value::as_str).map(str::to_string);
    r.agency_from = v
        .get("agency_from")
        .and_then(Value::as_str)
        .and_then(gongkai_domain::report::AgencySource::from_code);
    r.agency_kind = v
        .get("agency_kind")
        .and_then(Value::as_str)
        .and_then(gongkai_domain::agency::AgencyKind::from_code);
    r.dated = v
        .get("dated")
        .and_then(Value::as_str)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let fees = v.get("fees");
    let amount = |key: &str| {
        fees.and_then(|f| f.get(key))
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<rust_decimal::Decimal>().ok())
    };
    r.fees.notice_count = fees
        .and_then(|f| f.get("notice_count"))
        .and_then(Value::as_i64);
    r.fees.notice_amount_yuan = amount("notice_amount_yuan");
    r.fees.collected_yuan = amount("collected_yuan");
    r.preamble = v
        .get("preamble")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    for (i, (num, title)) in SECTIONS.iter().enumerate() {
        let key = format!("s{}", i + 1);
        if let Some(body) = v
            .get("sections")
            .and_then(|s| s.get(&key))
            .and_then(Value::as_str)
        {
            let heading = v
                .get("headings")
                .and_then(|h| h.get(&key))
                .and_then(Value::as_str)
                .map_or_else(|| format!("{num}、{title}"), str::to_string);
            r.sections[i] = Some(Section {
                heading,
                body: body.to_string(),
                drafted: false,
            });
        }
    }
    for (bi, block) in t2_blocks(format).iter().enumerate() {
        for (ri, row) in block.rows.iter().enumerate() {
            for (ci, col) in block.cols.iter().enumerate() {
                let cell = v
                    .get("t2")
                    .and_then(|t| t.get(block.key))
                    .and_then(|b| b.get(row.key))
                    .and_then(|x| x.get(col.key));
                r.t2.blocks[bi][ri][ci] = read_cell(cell, col.kind);
            }
        }
    }
    for (ri, row) in t3_rows(format).iter().enumerate() {
        for (ci, col) in T3_COLUMNS.iter().enumerate() {
            let cell = v
                .get("t3")
                .and_then(|t| t.get(row.key))
                .and_then(|x| x.get(col.key));
            r.t3.rows[ri][ci] = read_cell(cell, CellKind::Count);
        }
    }
    for (gi, (g, _)) in T4_GROUPS.iter().enumerate() {
        for (ci, (c, _)) in T4_COLUMNS.iter().enumerate() {
            let cell = v.get("t4").and_then(|t| t.get(*g)).and_then(|x| x.get(*c));
            r.t4.groups[gi][ci] = read_cell(cell, CellKind::Count);
        }
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_follow_the_contract_and_round_trip() {
        let mut r = AnnualReport::zeroed(Format::F2019);
        r.year = Some(2019);
        *r.cell_mut("t2.a20_9.gov_procurement.amount").expect("cell") =
            Cell::from_printed_amount("251000元");
        *r.cell_mut("t2.a20_5.admin_license.delta").expect("cell") = Cell::Int(-8);
        r.dated = chrono::NaiveDate::from_ymd_opt(2020, 1, 20);
        r.agency_kind = Some(gongkai_domain::agency::AgencyKind::Government);
        r.fees.notice_count = Some(2);
        r.fees.collected_yuan = Some(rust_decimal::Decimal::new(110050, 2));
        *r.cell_mut("t3.r1_new.org_biz").expect("cell") = Cell::Empty;
        *r.cell_mut("t3.r1_new.org_npo").expect("cell") = Cell::NotApplicable("/".into());
        *r.cell_mut("t2.a20_9.gov_procurement.items").expect("cell") = Cell::Int(3);
        let v = to_json(&r, &[], false);
        assert_eq!(
            v["t2"]["a20_9"]["gov_procurement"]["amount"],
            json!("251000元")
        );
        assert_eq!(v["t3"]["r1_new"]["org_biz"], Value::Null);
        assert_eq!(v["t3"]["r1_new"]["org_npo"], json!("/"));
        assert_eq!(v["t3"]["r1_new"]["np"], json!(0));
        let keys: Vec<&String> = v["t3"].as_object().expect("t3").keys().collect();
        assert_eq!(keys.first().map(|s| s.as_str()), Some("r1_new"));
        assert_eq!(keys.last().map(|s| s.as_str()), Some("r4_carry_out"));
        let back = from_json(&v.to_string()).expect("reads back");
        assert_eq!(back.t2, r.t2);
        assert_eq!(back.t3, r.t3);
        assert_eq!(back.sections, r.sections);
        assert_eq!((back.dated, &back.fees), (r.dated, &r.fees));
        assert_eq!(back.agency_kind, r.agency_kind);
        assert_eq!(v["dated"], json!("2020-01-20"));
        assert_eq!(v["fees"]["collected_yuan"], json!("1100.5"));
        assert_eq!(v["fees"]["notice_amount_yuan"], Value::Null);
    }

    #[test]
    fn bad_json_is_an_error_not_a_panic() {
        assert!(from_json("{").is_err());
        assert!(from_json("{\"format\":\"F1999\"}").is_err());
        assert!(from_json("[1,2]").is_err());
    }
}
