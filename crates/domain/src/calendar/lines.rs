//! How a deadline was counted, one typed line per step, for staff to check by hand; the words are in the
//! locale files (`calendar.line.*`).

use chrono::{Datelike, NaiveDate, Weekday};

use super::Deadline;
use crate::message::{Arg, Args, Coded};

/// One step of counting working days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarLine {
    /// The start day itself is not counted (民法典第二百零一条).
    Start {
        start: NaiveDate,
    },
    /// A block of listed rest days with one name, skipped.
    HolidaySkipped {
        name: String,
        from: NaiveDate,
        to: NaiveDate,
        days: u32,
    },
    WeekendsSkipped {
        days: u32,
    },
    /// A 调休 weekend day that counted as a working day.
    MakeUpWorkday {
        on: NaiveDate,
    },
    /// A year counted by weekends alone because its notice is not loaded.
    ProvisionalYear {
        year: i32,
    },
    /// The last working day, the due date.
    Due {
        working_days: u32,
        due: NaiveDate,
    },
}

/// The code of a weekday's name in the locale files.
fn weekday_word(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "weekday.mon",
        Weekday::Tue => "weekday.tue",
        Weekday::Wed => "weekday.wed",
        Weekday::Thu => "weekday.thu",
        Weekday::Fri => "weekday.fri",
        Weekday::Sat => "weekday.sat",
        Weekday::Sun => "weekday.sun",
    }
}

impl Coded for CalendarLine {
    fn code(&self) -> &'static str {
        match self {
            Self::Start { .. } => "calendar.line.start",
            Self::HolidaySkipped { .. } => "calendar.line.holiday_skipped",
            Self::WeekendsSkipped { .. } => "calendar.line.weekends_skipped",
            Self::MakeUpWorkday { .. } => "calendar.line.make_up_workday",
            Self::ProvisionalYear { .. } => "calendar.line.provisional_year",
            Self::Due { .. } => "calendar.line.due",
        }
    }

    fn args(&self) -> Args {
        match self {
            Self::Start { start } => vec![("start", Arg::Date(*start))],
            Self::HolidaySkipped {
                name,
                from,
                to,
                days,
            } => vec![
                ("name", Arg::text(name)),
                ("from", Arg::Date(*from)),
                ("to", Arg::Date(*to)),
                ("days", Arg::number(*days)),
            ],
            Self::WeekendsSkipped { days } => vec![("days", Arg::number(*days))],
            Self::MakeUpWorkday { on } => vec![
                ("on", Arg::Date(*on)),
                ("weekday", Arg::Word(weekday_word(*on))),
            ],
            Self::ProvisionalYear { year } => vec![("year", Arg::number(*year))],
            Self::Due { working_days, due } => {
                vec![("n", Arg::number(*working_days)), ("due", Arg::Date(*due))]
            }
        }
    }
}

impl Deadline {
    /// One line per step: the start rule, each holiday block skipped, the weekends, the 调休 days counted and
    /// the result.
    pub fn explanation(&self) -> Vec<CalendarLine> {
        let mut lines = vec![CalendarLine::Start { start: self.start }];
        // Consecutive days with the same name form one block.
        let mut blocks: Vec<(NaiveDate, NaiveDate, &str, u32)> = Vec::new();
        for (date, name) in &self.rest_days_passed {
            match blocks.last_mut() {
                Some((_, last, n, count)) if *n == name && last.succ_opt() == Some(*date) => {
                    *last = *date;
                    *count += 1;
                }
                _ => blocks.push((*date, *date, name, 1)),
            }
        }
        for (from, to, name, days) in blocks {
            lines.push(CalendarLine::HolidaySkipped {
                name: name.to_owned(),
                from,
                to,
                days,
            });
        }
        if self.weekend_days_passed > 0 {
            lines.push(CalendarLine::WeekendsSkipped {
                days: self.weekend_days_passed,
            });
        }
        for on in &self.make_up_workdays_counted {
            lines.push(CalendarLine::MakeUpWorkday { on: *on });
        }
        for year in &self.provisional_years {
            lines.push(CalendarLine::ProvisionalYear { year: *year });
        }
        lines.push(CalendarLine::Due {
            working_days: self.working_days,
            due: self.due,
        });
        lines
    }
}
