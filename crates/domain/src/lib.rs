//! gongkai's pure domain: the rules of 政府信息公开, free of I/O.
//!
//! Today it holds the annual report (政府信息公开工作年度报告): both national formats, the cell model and every
//! validation rule of `shared/spec/report-formats.md` §4. Later issues add the calendar, applications and cases.

pub mod report;
