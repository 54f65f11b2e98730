//! Table 三 over the years, as the supervisor's chart shows it: for each year the applications received (新收)
//! and how those ended in the year, by the groups of the national layout (国办公开办函〔2021〕30号 table 三:
//! 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理), and what was carried into the next year.
//! Read from compiled reports, so the chart and the statistics page can never disagree.

use serde::Serialize;

use crate::report::AnnualReport;
use crate::report::layout::{ResultGroup, T3Role, t3_rows};

/// The figures of one year, summed over the agencies asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TrendYear {
    pub year: i32,
    /// 一、本年新收.
    pub received: i64,
    pub open: i64,
    pub partial: i64,
    pub denied: i64,
    pub unable: i64,
    pub not_processed: i64,
    pub other: i64,
    /// 四、结转下年度继续办理.
    pub carried_out: i64,
}

impl TrendYear {
    /// The figures of a compiled table 三 (its own format's rows; the other tables are not read).
    pub fn of(report: &AnnualReport, year: i32) -> Self {
        let mut out = Self {
            year,
            ..Self::default()
        };
        for row in t3_rows(report.format) {
            let value = report
                .cell(&format!("t3.{}.total", row.key))
                .and_then(|c| c.as_int())
                .unwrap_or(0);
            let slot = match row.role {
                T3Role::New => &mut out.received,
                T3Role::CarryOut => &mut out.carried_out,
                T3Role::Result(ResultGroup::Open) => &mut out.open,
                T3Role::Result(ResultGroup::Partial) => &mut out.partial,
                T3Role::Result(ResultGroup::Denied) => &mut out.denied,
                T3Role::Result(ResultGroup::Unable) => &mut out.unable,
                T3Role::Result(ResultGroup::NotProcessed) => &mut out.not_processed,
                T3Role::Result(ResultGroup::Other) => &mut out.other,
                T3Role::CarryIn | T3Role::Total => continue,
            };
            *slot += value;
        }
        out
    }

    /// Adds another agency's figures of the same year.
    pub fn add(&mut self, other: &Self) {
        self.received += other.received;
        self.open += other.open;
        self.partial += other.partial;
        self.denied += other.denied;
        self.unable += other.unable;
        self.not_processed += other.not_processed;
        self.other += other.other;
        self.carried_out += other.carried_out;
    }

    /// The applications ended in the year (（七）总计).
    pub fn answered(&self) -> i64 {
        self.open + self.partial + self.denied + self.unable + self.not_processed + self.other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::outcome::{ApplicantKind, Outcome};
    use crate::application::stats::{ApplicationRecord, compile_t3};
    use crate::report::Format;
    use chrono::NaiveDate;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn rec(received: &str, end: Option<(Outcome, &str)>) -> ApplicationRecord {
        ApplicationRecord {
            applicant: ApplicantKind::NaturalPerson,
            received_on: day(received),
            final_outcome: end.map(|(o, d)| (o, day(d))),
        }
    }

    #[test]
    fn a_year_counts_its_new_applications_and_how_they_ended() {
        let records = vec![
            rec("2022-12-20", Some((Outcome::Open, "2023-01-10"))),
            rec("2023-02-01", Some((Outcome::Partial, "2023-02-20"))),
            rec("2023-03-01", Some((Outcome::NotHeld, "2023-03-20"))),
            rec("2023-04-01", Some((Outcome::Repeat, "2023-04-10"))),
            rec("2023-12-25", None),
        ];
        let report = compile_t3(&records, 2023, Format::F2021).expect("compiles");
        let year = TrendYear::of(&report, 2023);
        assert_eq!(year.received, 4, "four received in 2023");
        assert_eq!(
            (year.open, year.partial, year.unable, year.not_processed),
            (1, 1, 1, 1),
            "the one carried in from 2022 ended as 予以公开 in 2023"
        );
        assert_eq!(year.answered(), 4);
        assert_eq!(year.carried_out, 1);
        let mut sum = year;
        sum.add(&year);
        assert_eq!((sum.received, sum.carried_out, sum.answered()), (8, 2, 8));
    }
}
