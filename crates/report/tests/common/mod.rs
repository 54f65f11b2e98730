//! What several of the report crate's test files build their reports from.
// Each test binary compiles this module and uses only part of it.
#![allow(dead_code)]

use gongkai_domain::report::{AnnualReport, Cell, Format};

/// Table 三 of a small office that adds up: 15 new applications (12 from citizens, 3 from businesses), 9
/// granted, 3 partly, 12 answered, 3 carried over.
pub const SMALL_OFFICE_T3: [(&str, i64); 14] = [
    ("t3.r1_new.np", 12),
    ("t3.r1_new.org_biz", 3),
    ("t3.r1_new.total", 15),
    ("t3.r3_1_open.np", 7),
    ("t3.r3_1_open.org_biz", 2),
    ("t3.r3_1_open.total", 9),
    ("t3.r3_2_partial.np", 3),
    ("t3.r3_2_partial.total", 3),
    ("t3.r3_7_total.np", 10),
    ("t3.r3_7_total.org_biz", 2),
    ("t3.r3_7_total.total", 12),
    ("t3.r4_carry_out.np", 2),
    ("t3.r4_carry_out.org_biz", 1),
    ("t3.r4_carry_out.total", 3),
];

/// A report of `format` with every figure 0 except `figures`.
pub fn with_figures(
    format: Format,
    agency: &str,
    year: i32,
    figures: &[(&str, i64)],
) -> AnnualReport {
    let mut report = AnnualReport::zeroed(format);
    report.agency = Some(agency.into());
    report.year = Some(year);
    for (path, n) in figures {
        *report.cell_mut(path).unwrap_or_else(|| panic!("{path}")) = Cell::Int(*n);
    }
    report
}

/// A report whose every count cell holds its own figure (`first`, `first + 1`, … in layout order), so that a
/// figure read into the wrong row or column shows.
pub fn distinctive(format: Format, agency: &str, year: i32, first: i64) -> AnnualReport {
    let mut report = AnnualReport::zeroed(format);
    report.agency = Some(agency.into());
    report.year = Some(year);
    for (i, path) in gongkai_domain::report::layout::cell_paths(format)
        .iter()
        .enumerate()
    {
        if let Some(cell) = report.cell_mut(path)
            && matches!(cell, Cell::Int(_))
        {
            *cell = Cell::Int(first + i64::try_from(i).expect("small"));
        }
    }
    report
}
