//! 条例第二十六条: 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。法律、法规对政府信息公开的
//! 期限另有规定的，从其规定。

use chrono::NaiveDate;

use crate::calendar::{Calendar, CalendarError};

/// The statutory period of 第二十六条, in working days.
pub const PUBLICATION_LIMIT_WORKING_DAYS: u32 = 20;

/// How long publication took against the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicationCheck {
    /// Working days after the day of forming up to and including the day of publication (the day of forming
    /// is not counted, 民法典第二百零一条).
    pub working_days: u32,
    pub limit: u32,
    pub late: bool,
}

/// Checks publication against the 20 working days of 第二十六条. Publication on or before the day of forming
/// counts as 0 working days.
pub fn publication_delay(
    formed_on: NaiveDate,
    published_on: NaiveDate,
    calendar: &Calendar,
) -> Result<PublicationCheck, CalendarError> {
    publication_delay_within(
        formed_on,
        published_on,
        PUBLICATION_LIMIT_WORKING_DAYS,
        calendar,
    )
}

/// The same check for a period that another law or regulation sets (第二十六条: 从其规定).
pub fn publication_delay_within(
    formed_on: NaiveDate,
    published_on: NaiveDate,
    limit: u32,
    calendar: &Calendar,
) -> Result<PublicationCheck, CalendarError> {
    let working_days = calendar.working_days_between(formed_on, published_on)?;
    Ok(PublicationCheck {
        working_days,
        limit,
        late: working_days > limit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn the_twentieth_working_day_is_in_time_and_the_next_is_late() {
        let cal = Calendar::builtin().expect("embedded table");
        // Formed on the Friday before National Day 2019: the 20th working day is 2019-10-30.
        for (published, days, late) in [
            ("2019-09-27", 0, false),
            ("2019-10-07", 2, false),
            ("2019-10-30", 20, false),
            ("2019-10-31", 21, true),
            ("2019-09-01", 0, false),
        ] {
            let check = publication_delay(d("2019-09-27"), d(published), &cal).expect(published);
            assert_eq!(
                check,
                PublicationCheck {
                    working_days: days,
                    limit: 20,
                    late
                },
                "{published}"
            );
        }
        assert_eq!(
            publication_delay_within(d("2019-09-27"), d("2019-10-08"), 2, &cal).map(|c| c.late),
            Ok(true)
        );
        assert_eq!(
            publication_delay(d("2026-12-30"), d("2027-01-05"), &cal),
            Err(CalendarError::NoData { year: 2027 })
        );
    }
}
