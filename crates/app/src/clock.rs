//! Today's date, injected: the server reads the wall clock in Beijing, tests pin a day, so that what a test
//! sees does not move with the date it runs on.

use std::fmt::Debug;
use std::sync::Arc;

use chrono::NaiveDate;

/// Where the use cases take "today" from. The law's dates are calendar dates in Beijing.
pub trait Clock: Send + Sync + Debug {
    fn today(&self) -> NaiveDate;
}

/// The wall clock, in Beijing time (UTC+8, no daylight saving since 1991).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn today(&self) -> NaiveDate {
        (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
    }
}

/// A day that does not move (tests, and replaying history).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub NaiveDate);

impl Clock for FixedClock {
    fn today(&self) -> NaiveDate {
        self.0
    }
}

/// The clock a node shares between its handlers.
pub type SharedClock = Arc<dyn Clock>;

/// The wall clock, shared.
pub fn system() -> SharedClock {
    Arc::new(SystemClock)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_stays_and_the_system_clock_is_a_real_day() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 30).expect("date");
        assert_eq!(FixedClock(day).today(), day);
        let today = SystemClock.today();
        assert!(today > NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"));
    }
}
