//! Tests about the demo's content, one binary: table 三 of every demo year against counts taken from the case
//! list, table 四 against the register, and the reports compiled from the demo (the 2020 seed report cell for
//! cell, every year valid, the government's roll-up). The demo is prepared as of a pinned day, so that what
//! the tests see does not move with the date.

mod appeals_demo;
mod oversight_demo;
mod report_compile;
mod statistics;

use std::collections::HashMap;

use chrono::NaiveDate;
use gongkai_store::{AgencyStore, DatabaseUrl, Store};

/// The day the demo is prepared as of: a Monday, a working day.
pub const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 30) {
    Some(day) => day,
    None => panic!("not a date"),
};

/// The whole demo, prepared as of [`TODAY`] into a fresh store.
pub struct Demo {
    pub store: Store,
    /// Agency ids by name.
    agencies: HashMap<String, i64>,
    _dir: tempfile::TempDir,
}

impl Demo {
    pub async fn prepare() -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let store = Store::open(&DatabaseUrl::in_data_dir(dir.path()))
            .await
            .expect("store");
        gongkai_demo::prepare(&store, dir.path(), TODAY)
            .await
            .expect("demo data");
        let agencies = store
            .agencies()
            .await
            .expect("agencies")
            .into_iter()
            .map(|a| (a.profile.name, a.id.0))
            .collect();
        Self {
            store,
            agencies,
            _dir: dir,
        }
    }

    pub fn agency(&self, name: &str) -> i64 {
        *self
            .agencies
            .get(name)
            .unwrap_or_else(|| panic!("no agency {name}"))
    }
}
