//! Dates as the web layer reads them: today in Beijing (the law's dates are Beijing dates), and the clock
//! events of an application's stored events.

use std::path::Path;

use chrono::NaiveDate;
use gongkai_domain::application::clock::ClockEvent;
use gongkai_domain::calendar::Calendar;

use crate::i18n::Messages;

/// The file an administrator adds a new year's 国务院办公厅 notice or a local override to, in the embedded
/// table's format (`date<TAB>rest|work<TAB>name<TAB>notice`).
pub const CALENDAR_FILE: &str = "calendar.tsv";

/// The embedded national table with `DATA_DIR/calendar.tsv` laid over it when there is one.
pub fn load_calendar(data_dir: &Path) -> Result<Calendar, String> {
    let builtin = Calendar::builtin().map_err(|e| e.to_string())?;
    let path = data_dir.join(CALENDAR_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => builtin
            .with_tsv(&text)
            .map_err(|e| format!("{}: {}", path.display(), Messages::shared().say_both(&e))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(builtin),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Today's date in Beijing time (UTC+8, no daylight saving since 1991).
pub fn beijing_today() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

/// The clock events of an application's stored events (kinds the clock does not know are left out).
pub fn clock_events(events: &[gongkai_store::ApplicationEvent]) -> Vec<ClockEvent> {
    events
        .iter()
        .filter_map(|e| {
            let detail: serde_json::Value = serde_json::from_str(&e.detail).unwrap_or_default();
            let on = e.on;
            Some(match e.kind.as_str() {
                "received" => ClockEvent::Received { on },
                "correction_requested" => ClockEvent::CorrectionRequested { on },
                "correction_received" => ClockEvent::CorrectionReceived { on },
                "correction_deadline_passed" => ClockEvent::CorrectionDeadlinePassed { on },
                "extension_approved" => ClockEvent::ExtensionApproved {
                    on,
                    working_days: detail["working_days"]
                        .as_u64()
                        .and_then(|n| u32::try_from(n).ok())?,
                },
                "consultation_started" => ClockEvent::ConsultationStarted { on },
                "consultation_ended" => ClockEvent::ConsultationEnded { on },
                "custom_deadline" => ClockEvent::CustomDeadline {
                    due: detail["due"]
                        .as_str()
                        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())?,
                    reason: detail["reason"].as_str()?.to_owned(),
                },
                "fee_notice_issued" => ClockEvent::FeeNoticeIssued { on },
                "fee_paid" => ClockEvent::FeePaid { on },
                "fee_deadline_passed" => ClockEvent::FeeDeadlinePassed { on },
                "withdrawn" => ClockEvent::Withdrawn { on },
                "decided" => ClockEvent::Decided { on },
                _ => return None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_administrators_calendar_file_is_laid_over_the_table_and_a_bad_line_is_named() {
        let dir = tempfile::tempdir().expect("dir");
        let builtin = load_calendar(dir.path()).expect("no file: the embedded table");
        assert!(!builtin.covers(2027));
        let path = dir.path().join(CALENDAR_FILE);
        std::fs::write(&path, "2027-01-01\trest\t元旦\t国办发明电〔2026〕X号\n").expect("write");
        let extended = load_calendar(dir.path()).expect("extended");
        assert!(extended.covers(2027));
        assert_eq!(
            extended.is_working_day(NaiveDate::from_ymd_opt(2027, 1, 1).expect("date")),
            Ok(false)
        );
        std::fs::write(&path, "2027-01-01\trest\t元旦\n2027-02-30\trest\t春节\n").expect("write");
        let bad = load_calendar(dir.path()).expect_err("a bad date");
        assert!(
            bad.contains("calendar.tsv") && bad.contains("第 2 行"),
            "{bad}"
        );
    }
}
