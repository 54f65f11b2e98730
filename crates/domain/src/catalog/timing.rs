//! 条例第二十六条 applied to an item's whole life: the information must be published within 20 working days of
//! being formed, and a change (变更: an amendment or a repeal, recorded in the item's 有效性) within 20 working
//! days of the change. An expiry is not a change made by an act (the document's own term ran out), so it starts
//! no new period. A draft or review still unpublished past its period is overdue now, before anyone publishes
//! it late.

use chrono::NaiveDate;

use super::deadline::{PUBLICATION_LIMIT_WORKING_DAYS, publication_delay};
use super::item::Validity;
use crate::calendar::{Calendar, CalendarError};

/// The day of the change (amendment or repeal) recorded in `validity`, when it comes after forming.
pub fn change_day(validity: Validity, formed_on: NaiveDate) -> Option<NaiveDate> {
    match validity {
        Validity::Amended { on } | Validity::Repealed { on } if on > formed_on => Some(on),
        _ => None,
    }
}

/// What is known of an item's publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicationDates {
    pub formed_on: NaiveDate,
    /// From the 有效性: see [`change_day`].
    pub changed_on: Option<NaiveDate>,
    /// The first publication.
    pub published_on: Option<NaiveDate>,
    /// The publication of the version now on record (the change, when there is one).
    pub version_published_on: Option<NaiveDate>,
    /// Published now (not a draft, in review or withdrawn).
    pub is_published: bool,
}

/// How an item stands against 第二十六条.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicationTiming {
    /// Published in time, or still within its period.
    InTime,
    /// First published this many working days after forming (more than 20).
    PublishedLate { working_days: u32 },
    /// The change was published this many working days after it was made (more than 20).
    ChangePublishedLate { working_days: u32 },
    /// Not published, and `working_days` have passed since `since` (the forming, or the change): more than 20.
    Overdue {
        since: NaiveDate,
        working_days: u32,
        change: bool,
    },
}

impl PublicationTiming {
    pub fn is_late(self) -> bool {
        self != Self::InTime
    }
}

/// `dates` judged on `today`. A year the calendar has no data for is an error, not a verdict.
pub fn publication_timing(
    dates: &PublicationDates,
    today: NaiveDate,
    calendar: &Calendar,
) -> Result<PublicationTiming, CalendarError> {
    let limit = PUBLICATION_LIMIT_WORKING_DAYS;
    if let Some(first) = dates.published_on {
        let check = publication_delay(dates.formed_on, first, calendar)?;
        if check.late {
            return Ok(PublicationTiming::PublishedLate {
                working_days: check.working_days,
            });
        }
    }
    // A change counts from its own day, once the information was published before it.
    let change = dates.changed_on.filter(|_| dates.published_on.is_some());
    let since = change.unwrap_or(dates.formed_on);
    let version_published = dates
        .version_published_on
        .or(dates.published_on)
        .filter(|_| dates.is_published)
        .filter(|on| *on >= since);
    match version_published {
        Some(on) => {
            let check = publication_delay(since, on, calendar)?;
            Ok(match (check.late, change.is_some()) {
                (true, true) => PublicationTiming::ChangePublishedLate {
                    working_days: check.working_days,
                },
                (true, false) => PublicationTiming::PublishedLate {
                    working_days: check.working_days,
                },
                _ => PublicationTiming::InTime,
            })
        }
        None => {
            let waited = publication_delay(since, today, calendar)?;
            Ok(if waited.working_days > limit {
                PublicationTiming::Overdue {
                    since,
                    working_days: waited.working_days,
                    change: change.is_some(),
                }
            } else {
                PublicationTiming::InTime
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn dates(formed: &str) -> PublicationDates {
        PublicationDates {
            formed_on: d(formed),
            changed_on: None,
            published_on: None,
            version_published_on: None,
            is_published: false,
        }
    }

    #[test]
    fn a_draft_past_its_twenty_working_days_is_overdue_before_anyone_publishes_it() {
        let cal = Calendar::builtin().expect("calendar");
        // Formed 2026-10-09 (Fri): with Saturday 10-10 a 调休 working day, the 20th working day is 2026-11-05.
        let draft = dates("2026-10-09");
        assert_eq!(
            publication_timing(&draft, d("2026-11-05"), &cal),
            Ok(PublicationTiming::InTime)
        );
        assert_eq!(
            publication_timing(&draft, d("2026-11-06"), &cal),
            Ok(PublicationTiming::Overdue {
                since: d("2026-10-09"),
                working_days: 21,
                change: false
            })
        );
    }

    #[test]
    fn a_change_is_timed_from_the_day_it_was_made() {
        let cal = Calendar::builtin().expect("calendar");
        let published = PublicationDates {
            published_on: Some(d("2026-03-03")),
            version_published_on: Some(d("2026-03-03")),
            is_published: true,
            ..dates("2026-03-02")
        };
        assert_eq!(
            change_day(
                Validity::Repealed {
                    on: d("2026-09-01")
                },
                d("2026-03-02")
            ),
            Some(d("2026-09-01"))
        );
        assert_eq!(
            change_day(
                Validity::Expired {
                    on: d("2026-09-01")
                },
                d("2026-03-02")
            ),
            None
        );
        // Repealed on 2026-09-01 and the repeal withdrawn for revision: overdue after 20 working days
        // (National Day falls in between).
        let revising = PublicationDates {
            changed_on: Some(d("2026-09-01")),
            is_published: false,
            ..published
        };
        assert!(matches!(
            publication_timing(&revising, d("2026-11-02"), &cal),
            Ok(PublicationTiming::Overdue { change: true, since, .. }) if since == d("2026-09-01")
        ));
        // Republished with the repeal on 2026-11-02: late by the change's own clock, not the first one's.
        let republished = PublicationDates {
            version_published_on: Some(d("2026-11-02")),
            is_published: true,
            ..revising
        };
        assert!(matches!(
            publication_timing(&republished, d("2026-11-30"), &cal),
            Ok(PublicationTiming::ChangePublishedLate { working_days }) if working_days > 20
        ));
        let in_time = PublicationDates {
            version_published_on: Some(d("2026-09-10")),
            ..republished
        };
        assert_eq!(
            publication_timing(&in_time, d("2026-11-30"), &cal),
            Ok(PublicationTiming::InTime)
        );
        // A published item whose repeal is not yet republished is overdue too.
        let not_yet = PublicationDates {
            changed_on: Some(d("2026-09-01")),
            ..published
        };
        assert!(matches!(
            publication_timing(&not_yet, d("2026-11-30"), &cal),
            Ok(PublicationTiming::Overdue { change: true, .. })
        ));
    }
}
