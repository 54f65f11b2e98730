//! Table 三 of the annual report (条例第五十条第（二）项: 收到和处理政府信息公开申请的情况) computed from the case
//! register, under the counting rules of `report-formats.md` §2b and T3-09 [D]:
//!
//! - each application is counted once, in the column of its applicant kind;
//! - 一、本年新收 = received in the year; 二、上年结转 = received before the year and still open on 1 January;
//! - if it was finally decided (or ended) in the year, in the row of that outcome (exactly one leaf row: the
//!   label of （二） says a partial disclosure counts only there); otherwise in 四、结转下年度继续办理;
//! - （七）总计 = the sum of the result rows; 总计 column = the sum of the six applicant columns.
//!
//! So 一 + 二 = （七） + 四 holds in every column (T3-01), and 二 of year N equals 四 of year N−1 (T3-05).

use crate::message::{Arg, Args, Coded};
use chrono::{Datelike, NaiveDate};

use super::outcome::{ApplicantKind, Outcome};
use crate::report::layout::T3_COLUMNS;
use crate::report::{AnnualReport, Cell, Format};

/// What table 三 needs of one application in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApplicationRecord {
    pub applicant: ApplicantKind,
    /// The date of receipt (条例第三十一条).
    pub received_on: NaiveDate,
    /// The final outcome and the day it was reached; `None` while the application is open.
    pub final_outcome: Option<(Outcome, NaiveDate)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatsError {
    #[error(
        "application {index} was decided on {decided_on}, before it was received on {received_on}"
    )]
    DecidedBeforeReceived {
        index: usize,
        received_on: NaiveDate,
        decided_on: NaiveDate,
    },
    #[error("the report format has no cell {0}")]
    MissingCell(String),
}

impl Coded for StatsError {
    fn code(&self) -> &'static str {
        StatsError::code(self)
    }

    fn args(&self) -> Args {
        match self {
            Self::DecidedBeforeReceived {
                index,
                received_on,
                decided_on,
            } => vec![
                ("index", Arg::number(*index)),
                ("received_on", Arg::Date(*received_on)),
                ("decided_on", Arg::Date(*decided_on)),
            ],
            Self::MissingCell(a0) => vec![("cell", Arg::text(a0))],
        }
    }
}

impl StatsError {
    /// Stable code, also the message key.
    pub fn code(&self) -> &'static str {
        match self {
            Self::DecidedBeforeReceived { .. } => "stats.decided_before_received",
            Self::MissingCell(_) => "stats.missing_cell",
        }
    }
}

/// Where one application is counted in a year: its 一/二 row and its result/四 row; `None` when it does not
/// appear in that year's table (received later, or ended before the year began).
fn rows_for(
    record: &ApplicationRecord,
    year: i32,
    format: Format,
) -> Option<(&'static str, &'static str)> {
    if record.received_on.year() > year {
        return None;
    }
    let decided = record.final_outcome.map(|(o, on)| (o, on.year()));
    if matches!(decided, Some((_, y)) if y < year) {
        return None;
    }
    let first = if record.received_on.year() == year {
        "r1_new"
    } else {
        "r2_carry_in"
    };
    let second = match decided {
        Some((outcome, y)) if y == year => outcome.row_key(format),
        _ => "r4_carry_out",
    };
    Some((first, second))
}

fn bump(report: &mut AnnualReport, row: &str, col: &str) -> Result<(), StatsError> {
    let path = format!("t3.{row}.{col}");
    match report.cell_mut(&path) {
        Some(Cell::Int(n)) => {
            *n = n.saturating_add(1);
            Ok(())
        }
        _ => Err(StatsError::MissingCell(path)),
    }
}

/// Fills table 三 of `report` (in the report's own format) for `year` from the register; every table-三 cell
/// is overwritten, nothing else is touched.
pub fn fill_t3(
    report: &mut AnnualReport,
    records: &[ApplicationRecord],
    year: i32,
) -> Result<(), StatsError> {
    for (index, r) in records.iter().enumerate() {
        if let Some((_, decided_on)) = r.final_outcome
            && decided_on < r.received_on
        {
            return Err(StatsError::DecidedBeforeReceived {
                index,
                received_on: r.received_on,
                decided_on,
            });
        }
    }
    for row in &mut report.t3.rows {
        for cell in row.iter_mut() {
            *cell = Cell::Int(0);
        }
    }
    let total = T3_COLUMNS
        .last()
        .map(|c| c.key)
        .ok_or_else(|| StatsError::MissingCell("t3.*.total".into()))?;
    for r in records {
        let Some((first, second)) = rows_for(r, year, report.format) else {
            continue;
        };
        let col = r.applicant.column_key();
        let mut rows = vec![first, second];
        if second != "r4_carry_out" {
            rows.push("r3_7_total");
        }
        for row in rows {
            bump(report, row, col)?;
            bump(report, row, total)?;
        }
    }
    Ok(())
}

/// A zeroed report of `format` for `year` whose table 三 is computed from the register (the other tables stay
/// 0 for the caller to fill).
pub fn compile_t3(
    records: &[ApplicationRecord],
    year: i32,
    format: Format,
) -> Result<AnnualReport, StatsError> {
    let mut report = AnnualReport::zeroed(format);
    report.year = Some(year);
    fill_t3(&mut report, records, year)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::layout::cell_paths;
    use crate::report::{Severity, validate_with_previous};
    use ApplicantKind::*;
    use Outcome::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn rec(
        applicant: ApplicantKind,
        received: &str,
        end: Option<(Outcome, &str)>,
    ) -> ApplicationRecord {
        ApplicationRecord {
            applicant,
            received_on: day(received),
            final_outcome: end.map(|(o, d)| (o, day(d))),
        }
    }

    /// A county bureau's register, 2020-2022: 38 applications, some carried over once, one twice, three
    /// still open at the end of 2022.
    fn register() -> Vec<ApplicationRecord> {
        vec![
            rec(NaturalPerson, "2020-01-06", Some((Open, "2020-01-20"))),
            rec(NaturalPerson, "2020-02-10", Some((Partial, "2020-03-05"))),
            rec(NaturalPerson, "2020-03-02", Some((NotHeld, "2020-03-25"))),
            rec(Business, "2020-04-08", Some((ThirdParty, "2020-05-06"))),
            rec(NaturalPerson, "2020-05-11", Some((Repeat, "2020-05-20"))),
            rec(LegalService, "2020-06-01", Some((Open, "2020-06-19"))),
            rec(
                NaturalPerson,
                "2020-07-13",
                Some((NoCorrection, "2020-08-20")),
            ),
            rec(
                NaturalPerson,
                "2020-08-03",
                Some((ProcessInfo, "2020-08-28")),
            ),
            rec(Research, "2020-09-07", Some((Open, "2020-09-30"))),
            rec(NaturalPerson, "2020-11-16", Some((Other, "2020-11-30"))),
            rec(NaturalPerson, "2020-12-07", Some((Open, "2021-01-08"))),
            rec(Business, "2020-12-21", Some((Partial, "2021-01-22"))),
            rec(NonProfit, "2020-12-28", Some((NeedsCreation, "2022-02-10"))),
            rec(NaturalPerson, "2021-01-11", Some((Open, "2021-01-29"))),
            rec(NaturalPerson, "2021-02-22", Some((Petition, "2021-03-01"))),
            rec(
                NaturalPerson,
                "2021-03-15",
                Some((StillUnclear, "2021-04-20")),
            ),
            rec(
                OtherOrganisation,
                "2021-04-06",
                Some((AdminQuery, "2021-04-26")),
            ),
            rec(Business, "2021-05-10", Some((FeeUnpaid, "2021-07-02"))),
            rec(
                NaturalPerson,
                "2021-05-17",
                Some((MassRepeat, "2021-05-31")),
            ),
            rec(NaturalPerson, "2021-06-07", Some((Open, "2021-06-25"))),
            rec(
                LegalService,
                "2021-07-05",
                Some((EnforcementFile, "2021-07-30")),
            ),
            rec(
                NaturalPerson,
                "2021-08-09",
                Some((NoCorrection, "2021-09-15")),
            ),
            rec(
                NaturalPerson,
                "2021-09-06",
                Some((Publication, "2021-09-10")),
            ),
            rec(
                Research,
                "2021-10-11",
                Some((InternalAffairs, "2021-11-02")),
            ),
            rec(NaturalPerson, "2021-11-22", Some((Other, "2021-12-01"))),
            rec(NaturalPerson, "2021-12-13", Some((Open, "2022-01-07"))),
            rec(Business, "2021-12-27", Some((ConfirmReissue, "2022-01-14"))),
            rec(NaturalPerson, "2022-01-10", Some((Open, "2022-01-28"))),
            rec(
                NaturalPerson,
                "2022-02-14",
                Some((StateSecret, "2022-03-07")),
            ),
            rec(
                NaturalPerson,
                "2022-03-07",
                Some((LawForbidden, "2022-03-30")),
            ),
            rec(NonProfit, "2022-04-11", Some((ThreeSecurity, "2022-05-09"))),
            rec(NaturalPerson, "2022-05-16", Some((Partial, "2022-06-10"))),
            rec(
                OtherOrganisation,
                "2022-06-13",
                Some((NotHeld, "2022-07-01")),
            ),
            rec(NaturalPerson, "2022-08-01", Some((Repeat, "2022-08-05"))),
            rec(LegalService, "2022-09-05", Some((Open, "2022-09-28"))),
            rec(NaturalPerson, "2022-11-28", Some((Open, "2023-01-06"))),
            rec(Business, "2022-12-19", None),
            rec(NaturalPerson, "2022-12-26", None),
        ]
    }

    fn years(records: &[ApplicationRecord]) -> Vec<AnnualReport> {
        (2020..=2022)
            .map(|y| compile_t3(records, y, Format::for_year(y)).expect("compiles"))
            .collect()
    }

    fn int(r: &AnnualReport, path: &str) -> i64 {
        r.cell(path).and_then(Cell::as_int).expect(path)
    }

    /// Every table-三 cell that differs, with the change.
    fn diff(a: &AnnualReport, b: &AnnualReport) -> Vec<(String, i64)> {
        cell_paths(a.format)
            .into_iter()
            .filter(|p| p.starts_with("t3."))
            .filter_map(|p| {
                let d = int(b, &p) - int(a, &p);
                (d != 0).then_some((p, d))
            })
            .collect()
    }

    #[test]
    fn three_years_balance_and_pass_the_validator() {
        let reports = years(&register());
        let mut previous: Option<&AnnualReport> = None;
        for r in &reports {
            let findings = validate_with_previous(r, previous);
            let errors: Vec<_> = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{:?}: {errors:#?}", r.year);
            assert!(!findings.iter().any(|f| f.rule == "T3-05"), "{findings:#?}");
            previous = Some(r);
        }
        let totals = |r: &AnnualReport| {
            ["r1_new", "r2_carry_in", "r3_7_total", "r4_carry_out"]
                .map(|row| int(r, &format!("t3.{row}.total")))
        };
        assert_eq!(totals(&reports[0]), [13, 0, 10, 3]);
        assert_eq!(totals(&reports[1]), [14, 3, 14, 3]);
        assert_eq!(totals(&reports[2]), [11, 3, 11, 3]);
        // F2019 has one （六） row: the lapsed correction and the withdrawal of 2020 both land there.
        assert_eq!(int(&reports[0], "t3.r3_6_other.np"), 2);
        assert_eq!(int(&reports[1], "t3.r3_6_1_no_correction.np"), 1);
        assert_eq!(int(&reports[1], "t3.r3_6_2_fee_unpaid.org_biz"), 1);
        assert_eq!(int(&reports[1], "t3.r3_6_3_other.np"), 1);
        // Carried over twice: received 2020-12-28, decided 2022-02-10.
        assert_eq!(int(&reports[1], "t3.r2_carry_in.org_npo"), 1);
        assert_eq!(int(&reports[1], "t3.r4_carry_out.org_npo"), 1);
        assert_eq!(int(&reports[2], "t3.r3_4_2_needs_creation.org_npo"), 1);
        // The validator is not vacuous here: one application filed under the wrong kind is an error.
        let mut wrong = reports[1].clone();
        *wrong.cell_mut("t3.r1_new.np").expect("cell") = Cell::Int(10);
        *wrong.cell_mut("t3.r1_new.org_other").expect("cell") = Cell::Int(1);
        let rules: Vec<_> = validate_with_previous(&wrong, Some(&reports[0]))
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.rule)
            .collect();
        assert!(rules.contains(&"T3-01"), "{rules:?}");
    }

    #[test]
    fn changing_one_decision_moves_exactly_its_cells() {
        let before = years(&register());
        let mut records = register();
        records[19].final_outcome = Some((NotHeld, day("2021-06-25")));
        let after = years(&records);
        assert!(diff(&before[0], &after[0]).is_empty());
        assert!(diff(&before[2], &after[2]).is_empty());
        let moved = [
            ("t3.r3_1_open.np", -1),
            ("t3.r3_1_open.total", -1),
            ("t3.r3_4_1_not_held.np", 1),
            ("t3.r3_4_1_not_held.total", 1),
        ]
        .map(|(p, d)| (p.to_string(), d));
        assert_eq!(diff(&before[1], &after[1]), moved);
    }

    #[test]
    fn deciding_later_carries_the_application_over() {
        let before = years(&register());
        let mut records = register();
        records[19].final_outcome = Some((Open, day("2022-01-05")));
        let after = years(&records);
        let expect = |v: &[(&str, i64)]| -> Vec<(String, i64)> {
            v.iter().map(|(p, d)| (p.to_string(), *d)).collect()
        };
        assert_eq!(
            diff(&before[1], &after[1]),
            expect(&[
                ("t3.r3_1_open.np", -1),
                ("t3.r3_1_open.total", -1),
                ("t3.r3_7_total.np", -1),
                ("t3.r3_7_total.total", -1),
                ("t3.r4_carry_out.np", 1),
                ("t3.r4_carry_out.total", 1),
            ])
        );
        assert_eq!(
            diff(&before[2], &after[2]),
            expect(&[
                ("t3.r2_carry_in.np", 1),
                ("t3.r2_carry_in.total", 1),
                ("t3.r3_1_open.np", 1),
                ("t3.r3_1_open.total", 1),
                ("t3.r3_7_total.np", 1),
                ("t3.r3_7_total.total", 1),
            ])
        );
    }

    #[test]
    fn a_decision_before_receipt_is_refused() {
        let records = [rec(NaturalPerson, "2021-03-01", Some((Open, "2021-02-01")))];
        let e = compile_t3(&records, 2021, Format::F2021).map_err(|e| e.code());
        assert_eq!(e.err(), Some("stats.decided_before_received"));
        assert!(compile_t3(&[], 2021, Format::F2021).is_ok());
    }
}
