//! The working-day calendar a node handles applications on, and the clock events of an application's stored
//! events.

use std::path::Path;

use gongkai_domain::application::clock::ClockEvent;
use gongkai_domain::application::event;
use gongkai_domain::calendar::Calendar;

/// The file an administrator adds a new year's 国务院办公厅 notice or a local override to, in the embedded
/// table's format (`date<TAB>rest|work<TAB>name<TAB>notice`).
pub const CALENDAR_FILE: &str = "calendar.tsv";

/// The embedded national table with `DATA_DIR/calendar.tsv` laid over it when there is one. A bad line stops
/// the node at start-up with the file and the line named, in both languages (the words of the locale files).
pub fn load_calendar(data_dir: &Path) -> Result<Calendar, String> {
    let said = |e: &dyn gongkai_domain::message::Coded| match crate::messages::Messages::builtin() {
        Ok(words) => words.say_both(e),
        Err(broken) => broken,
    };
    let builtin = Calendar::builtin().map_err(|e| said(&e))?;
    let path = data_dir.join(CALENDAR_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => builtin
            .with_tsv(&text)
            .map_err(|e| format!("{}: {}", path.display(), said(&e))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(builtin),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// The clock events of an application's stored events (the domain's [`clock_events`], with each event's day).
pub fn clock_events(events: &[gongkai_store::ApplicationEvent]) -> Vec<ClockEvent> {
    event::clock_events(events.iter().map(|e| (e.on, &e.event)))
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
            extended.is_working_day(chrono::NaiveDate::from_ymd_opt(2027, 1, 1).expect("date")),
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
