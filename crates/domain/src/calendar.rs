//! Working days (工作日) in mainland China: Monday to Friday, minus the public holidays the State Council
//! General Office announces each year, plus the weekend days it turns into working days (调休上班).
//!
//! Every statutory period of the 条例 counts working days (第二十六条: 20 个工作日 for proactive disclosure,
//! 第三十三条 for replies), so a wrong holiday table means a wrong legal deadline. The table is embedded
//! (`data/cn-calendar.tsv`, a copy of `shared/data/cn-calendar.tsv`) and a year without data is an error,
//! never a guess: holidays move every year and cannot be computed.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};

use crate::message::{Arg, Args, Coded};

mod lines;
pub use lines::CalendarLine;

const BUILTIN_TSV: &str = include_str!("../data/cn-calendar.tsv");

/// What a listed day is, by a 国务院办公厅 notice or an administrator's override.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// A non-working day other than an ordinary weekend (including weekend days inside a holiday block).
    Rest { name: String },
    /// A weekend day that is a working day (调休上班).
    Work,
}

/// Why working days cannot be counted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("holiday table line {line} cannot be parsed: {problem}")]
    Parse { line: usize, problem: ParseProblem },
    #[error("no holiday arrangement for {year} is loaded, so working days cannot be counted")]
    NoData { year: i32 },
}

/// What is wrong with one line of a holiday table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseProblem {
    #[error("bad date '{0}'")]
    BadDate(String),
    #[error("a rest day needs a name")]
    RestWithoutName,
    #[error("kind '{0}' must be rest or work")]
    BadKind(String),
    #[error("{0} is listed twice")]
    Duplicate(NaiveDate),
}

impl Coded for ParseProblem {
    fn code(&self) -> &'static str {
        match self {
            Self::BadDate(_) => "calendar.parse.bad_date",
            Self::RestWithoutName => "calendar.parse.rest_without_name",
            Self::BadKind(_) => "calendar.parse.bad_kind",
            Self::Duplicate(_) => "calendar.parse.duplicate",
        }
    }

    fn args(&self) -> Args {
        match self {
            Self::BadDate(date) => vec![("date", Arg::text(date))],
            Self::RestWithoutName => Vec::new(),
            Self::BadKind(kind) => vec![("kind", Arg::text(kind))],
            Self::Duplicate(date) => vec![("date", Arg::Date(*date))],
        }
    }
}

impl Coded for CalendarError {
    fn code(&self) -> &'static str {
        CalendarError::code(self)
    }

    fn args(&self) -> Args {
        match self {
            Self::Parse { line, problem } => {
                vec![
                    ("line", Arg::number(*line)),
                    ("problem", Arg::said(problem)),
                ]
            }
            Self::NoData { year } => vec![("year", Arg::number(*year))],
        }
    }
}

impl CalendarError {
    /// Stable code, also the message key.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Parse { .. } => "calendar.parse",
            Self::NoData { .. } => "calendar.no_data",
        }
    }
}

/// The holiday table: listed days plus the years it knows completely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    days: BTreeMap<NaiveDate, DayKind>,
    declared: BTreeSet<i32>,
    covered: BTreeSet<i32>,
    /// Years counted by weekends alone until their notice is loaded (see [`Calendar::with_provisional_year`]).
    provisional: BTreeSet<i32>,
}

/// How one day counts.
enum Day {
    Working { make_up: bool },
    ListedRest(String),
    Weekend,
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

impl Calendar {
    /// The embedded national table (2019–2026).
    pub fn builtin() -> Result<Calendar, CalendarError> {
        Self::from_tsv(BUILTIN_TSV)
    }

    /// Parses `date<TAB>kind<TAB>name[<TAB>notice]` lines; `#` comments, blank lines and the header are skipped.
    pub fn from_tsv(text: &str) -> Result<Calendar, CalendarError> {
        let mut days = BTreeMap::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let l = raw.trim_end_matches('\r');
            if l.trim().is_empty() || l.starts_with('#') || l.starts_with("date\t") {
                continue;
            }
            let bad = |problem| CalendarError::Parse { line, problem };
            let mut cols = l.split('\t');
            let date = cols.next().unwrap_or_default().trim();
            let kind = cols.next().map(str::trim).unwrap_or_default();
            let name = cols.next().map(str::trim).unwrap_or_default();
            let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .map_err(|_| bad(ParseProblem::BadDate(date.to_owned())))?;
            let kind = match kind {
                "rest" if !name.is_empty() => DayKind::Rest {
                    name: name.to_owned(),
                },
                "rest" => return Err(bad(ParseProblem::RestWithoutName)),
                "work" => DayKind::Work,
                other => {
                    return Err(bad(ParseProblem::BadKind(other.to_owned())));
                }
            };
            if days.insert(date, kind).is_some() {
                return Err(bad(ParseProblem::Duplicate(date)));
            }
        }
        let mut cal = Calendar {
            days,
            declared: BTreeSet::new(),
            covered: BTreeSet::new(),
            provisional: BTreeSet::new(),
        };
        cal.recompute_covered();
        Ok(cal)
    }

    /// A copy with an administrator's entries laid over this table (a new year's notice, a local extension);
    /// an entry replaces whatever the table said for that date.
    pub fn with_overrides(&self, entries: &[(NaiveDate, DayKind)]) -> Calendar {
        let mut cal = self.clone();
        for (date, kind) in entries {
            cal.days.insert(*date, kind.clone());
        }
        cal.recompute_covered();
        cal
    }

    /// A copy with the lines of an administrator's table (same format as the embedded one: a new year's
    /// notice, a local override) laid over this one; its line numbers are named on error.
    pub fn with_tsv(&self, text: &str) -> Result<Calendar, CalendarError> {
        let extra = Self::from_tsv(text)?;
        let entries: Vec<(NaiveDate, DayKind)> =
            extra.days.iter().map(|(d, k)| (*d, k.clone())).collect();
        Ok(self.with_overrides(&entries))
    }

    /// A copy that counts `year`, whose 国务院办公厅 notice is not loaded yet, by weekends alone and marks every
    /// deadline that reaches into it as provisional. An application received in December must still be
    /// registered and shown a date; the date is corrected as soon as the notice is added.
    pub fn with_provisional_year(&self, year: i32) -> Calendar {
        let mut cal = self.clone();
        if !cal.covers(year) {
            cal.declare_year(year);
            cal.provisional.insert(year);
        }
        cal
    }

    /// The year after the last one with data: the one a December deadline reaches into.
    pub fn next_uncovered_year(&self) -> Option<i32> {
        self.covered.iter().next_back().map(|y| y + 1)
    }

    /// Declares a year complete even though nothing in it is listed (a year whose holidays all fall on weekends
    /// would otherwise look unknown).
    pub fn declare_year(&mut self, year: i32) {
        self.declared.insert(year);
        self.covered.insert(year);
    }

    /// A year is covered when it has a listed day or was declared. A year whose only entries are in December
    /// while the next year has data is not: those are the start of the next year's 元旦 block (2018-12-29..31
    /// belong to the 2019 notice), and the rest of that year is unknown.
    fn recompute_covered(&mut self) {
        let mut by_year: BTreeMap<i32, bool> = BTreeMap::new();
        for date in self.days.keys() {
            let only_dec = by_year.entry(date.year()).or_insert(true);
            *only_dec &= date.month() == 12;
        }
        self.covered = by_year
            .iter()
            .filter(|&(y, &only_dec)| !(only_dec && by_year.contains_key(&(y + 1))))
            .map(|(y, _)| *y)
            .chain(self.declared.iter().copied())
            .collect();
    }

    pub fn covers(&self, year: i32) -> bool {
        self.covered.contains(&year)
    }

    /// The covered years, ascending.
    pub fn covered_years(&self) -> Vec<i32> {
        self.covered.iter().copied().collect()
    }

    /// What the table lists for a date, if anything.
    pub fn listed(&self, date: NaiveDate) -> Option<&DayKind> {
        self.days.get(&date)
    }

    fn classify(&self, date: NaiveDate) -> Result<Day, CalendarError> {
        if !self.covers(date.year()) {
            return Err(CalendarError::NoData { year: date.year() });
        }
        Ok(match self.days.get(&date) {
            Some(DayKind::Rest { name }) => Day::ListedRest(name.clone()),
            Some(DayKind::Work) => Day::Working {
                make_up: is_weekend(date),
            },
            None if is_weekend(date) => Day::Weekend,
            None => Day::Working { make_up: false },
        })
    }

    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        Ok(matches!(self.classify(date)?, Day::Working { .. }))
    }

    /// The `n`th working day after `start`. 民法典第二百零一条: 开始的当日不计入, so counting begins the next
    /// day; the last day is a working day by construction, which also satisfies 第二百零三条.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<Deadline, CalendarError> {
        let mut deadline = Deadline {
            start,
            due: start,
            working_days: n,
            rest_days_passed: Vec::new(),
            weekend_days_passed: 0,
            make_up_workdays_counted: Vec::new(),
            provisional_years: Vec::new(),
        };
        let mut counted = 0;
        let mut day = start;
        while counted < n {
            day = day.succ_opt().ok_or(CalendarError::NoData {
                year: day.year().saturating_add(1),
            })?;
            match self.classify(day)? {
                Day::Working { make_up } => {
                    counted += 1;
                    if make_up {
                        deadline.make_up_workdays_counted.push(day);
                    }
                }
                Day::ListedRest(name) => deadline.rest_days_passed.push((day, name)),
                Day::Weekend => deadline.weekend_days_passed += 1,
            }
            if self.provisional.contains(&day.year())
                && !deadline.provisional_years.contains(&day.year())
            {
                deadline.provisional_years.push(day.year());
            }
        }
        deadline.due = day;
        Ok(deadline)
    }

    /// Working days after `a` up to and including `b`; 0 when `b` is not after `a`.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> Result<u32, CalendarError> {
        let mut count = 0;
        for day in a.iter_days().skip(1).take_while(|d| *d <= b) {
            if self.is_working_day(day)? {
                count += 1;
            }
        }
        Ok(count)
    }
}

/// The result of counting working days, with what was skipped so staff can check it by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub start: NaiveDate,
    pub due: NaiveDate,
    pub working_days: u32,
    /// Listed holidays passed, in date order (weekend days inside a holiday block are here, not below).
    pub rest_days_passed: Vec<(NaiveDate, String)>,
    /// Ordinary, unlisted Saturdays and Sundays passed.
    pub weekend_days_passed: u32,
    /// 调休上班 weekend days that counted as working days.
    pub make_up_workdays_counted: Vec<NaiveDate>,
    /// Years passed whose holiday notice is not loaded: the due date is provisional.
    pub provisional_years: Vec<i32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn cal() -> Calendar {
        Calendar::builtin().expect("embedded table parses")
    }

    #[test]
    fn the_embedded_table_covers_2019_to_2026_only() {
        let c = cal();
        assert_eq!(c.covered_years(), (2019..=2026).collect::<Vec<_>>());
        // 2018-12-29..31 are listed (2019 元旦 block) but 2018 as a whole is unknown.
        assert_eq!(
            c.is_working_day(d("2018-12-29")),
            Err(CalendarError::NoData { year: 2018 })
        );
        assert_eq!(
            c.is_working_day(d("2027-01-04")),
            Err(CalendarError::NoData { year: 2027 })
        );
    }

    #[test]
    fn single_days() {
        let c = cal();
        for (date, working) in [
            ("2019-10-08", true),  // Tuesday after National Day
            ("2019-10-12", true),  // 调休 Saturday
            ("2019-10-13", false), // ordinary Sunday
            ("2020-02-01", false), // Saturday first due as 调休, absorbed by the 2020 extension
            ("2020-02-03", true),
            ("2024-02-09", true),  // 除夕 2024 was not a holiday
            ("2025-01-28", false), // 除夕 2025 is one
            ("2026-02-14", true),  // 调休 Saturday before 春节 2026
        ] {
            assert_eq!(c.is_working_day(d(date)), Ok(working), "{date}");
        }
    }

    /// (start, n, due, listed rest days passed, ordinary weekend days, 调休 days counted)
    type Case = (
        &'static str,
        u32,
        &'static str,
        usize,
        u32,
        &'static [&'static str],
    );

    #[test]
    fn deadlines_across_real_holidays() {
        let c = cal();
        let cases: [Case; 6] = [
            // 春节 2020 as extended by 国办发明电〔2020〕1号: the table lists 01-24..02-02 as rest, so
            // 02-01 (once a 调休 Saturday) is not worked.
            ("2020-01-20", 20, "2020-02-25", 10, 6, &[]),
            // National Day 2019 with 调休 on 09-29 (Sun) and 10-12 (Sat).
            (
                "2019-09-27",
                20,
                "2019-10-30",
                7,
                6,
                &["2019-09-29", "2019-10-12"],
            ),
            // A 调休 Saturday is the next working day after a Friday.
            ("2021-02-19", 1, "2021-02-20", 0, 0, &["2021-02-20"]),
            // 春节 2021 (02-11..17) with 调休 Sunday 02-07 before it.
            ("2021-02-05", 5, "2021-02-18", 7, 1, &["2021-02-07"]),
            // Across a year boundary inside the table.
            ("2022-12-28", 3, "2023-01-03", 3, 0, &[]),
            ("2024-06-07", 0, "2024-06-07", 0, 0, &[]),
        ];
        for (start, n, due, rest, weekend, make_up) in cases {
            let got = c.add_working_days(d(start), n).expect(start);
            assert_eq!(got.due, d(due), "{start} + {n}");
            assert_eq!(got.rest_days_passed.len(), rest, "{start} rest");
            assert_eq!(got.weekend_days_passed, weekend, "{start} weekend");
            let mu: Vec<NaiveDate> = make_up.iter().map(|s| d(s)).collect();
            assert_eq!(got.make_up_workdays_counted, mu, "{start} 调休");
            assert_eq!(
                c.working_days_between(d(start), d(due)),
                Ok(n),
                "{start} back"
            );
        }
    }

    #[test]
    fn a_deadline_running_into_an_unknown_year_is_an_error() {
        assert_eq!(
            cal().add_working_days(d("2026-12-20"), 20),
            Err(CalendarError::NoData { year: 2027 })
        );
    }

    #[test]
    fn the_explanation_names_the_blocks_and_the_make_up_days() {
        let got = cal()
            .add_working_days(d("2019-09-27"), 20)
            .expect("in range");
        let lines = got.explanation();
        assert!(lines.contains(&CalendarLine::HolidaySkipped {
            name: "国庆节".into(),
            from: d("2019-10-01"),
            to: d("2019-10-07"),
            days: 7
        }));
        assert!(lines.contains(&CalendarLine::MakeUpWorkday {
            on: d("2019-10-12")
        }));
        assert_eq!(
            lines.last(),
            Some(&CalendarLine::Due {
                working_days: 20,
                due: d("2019-10-30")
            })
        );
    }

    #[test]
    fn overrides_add_a_year_or_a_local_extension() {
        let c = cal();
        let ext = c.with_overrides(&[(
            d("2020-02-03"),
            DayKind::Rest {
                name: "春节（本地延长）".into(),
            },
        )]);
        assert_eq!(
            ext.add_working_days(d("2020-01-20"), 20).map(|x| x.due),
            Ok(d("2020-02-26"))
        );
        let next = c.with_overrides(&[(
            d("2027-01-01"),
            DayKind::Rest {
                name: "元旦".into(),
            },
        )]);
        assert_eq!(next.is_working_day(d("2027-01-01")), Ok(false));
        assert_eq!(next.is_working_day(d("2027-01-04")), Ok(true));
        let mut declared = c.clone();
        declared.declare_year(2027);
        assert_eq!(declared.is_working_day(d("2027-01-01")), Ok(true));
    }

    #[test]
    fn a_parse_error_names_the_line() {
        let bad = "# comment\ndate\tkind\tname\n2020-01-01\trest\t元旦\n2020-13-01\trest\tx\n";
        assert!(matches!(
            Calendar::from_tsv(bad),
            Err(CalendarError::Parse { line: 4, .. })
        ));
        let bad = "2020-01-01\tholiday\t元旦\n";
        assert!(matches!(
            Calendar::from_tsv(bad),
            Err(CalendarError::Parse { line: 1, .. })
        ));
    }

    #[test]
    fn a_year_without_its_notice_counts_provisionally_until_the_notice_is_laid_over() {
        let c = Calendar::builtin().expect("table");
        assert_eq!(c.next_uncovered_year(), Some(2027));
        assert!(c.add_working_days(d("2026-12-20"), 20).is_err(), "strict");
        let provisional = c.with_provisional_year(2027);
        let due = provisional
            .add_working_days(d("2026-12-20"), 20)
            .expect("provisional");
        // 2026-12-21 … 2027-01-15 by weekends alone: 20 working days.
        assert_eq!(due.due, d("2027-01-15"));
        assert_eq!(due.provisional_years, vec![2027]);
        assert!(
            due.explanation()
                .contains(&CalendarLine::ProvisionalYear { year: 2027 })
        );
        // The notice arrives: 2027-01-01 is 元旦, and the same deadline moves a day and is no longer provisional.
        let notice = "2027-01-01\trest\t元旦\t国办发明电〔2026〕X号\n";
        let official = c
            .with_tsv(notice)
            .expect("notice")
            .with_provisional_year(2027);
        let due = official.add_working_days(d("2026-12-20"), 20).expect("due");
        assert_eq!(due.due, d("2027-01-18"));
        assert!(due.provisional_years.is_empty());
        assert!(matches!(
            c.with_tsv("2027-02-30\trest\t春节\n"),
            Err(CalendarError::Parse { line: 1, .. })
        ));
    }
}
