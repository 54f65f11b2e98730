//! gongkai's pure domain: the rules of 政府信息公开, free of I/O.
//!
//! - [`report`]: the annual report (政府信息公开工作年度报告) in both national formats, its cell model and every
//!   validation rule of `shared/spec/report-formats.md` §4.
//! - [`agency`], [`account`], [`access`]: the agency tree, staff roles and the one role-and-scope decision.
//! - [`audit`]: the hash-chained audit trail and its verification.
//! - [`calendar`]: working days under the State Council holiday notices, and statutory deadlines counted in them.
//! - [`catalog`]: the disclosure catalogue: 文号, 索引号, statutory categories, items, attachments.
//! - [`message`]: what the layers say, as a stable code with typed arguments (the words are in the locale files).
//! - [`review`]: the register of 行政复议 and 行政诉讼 cases (条例第五十一条) and table 四 counted from it.

pub mod access;
pub mod account;
pub mod agency;
pub mod appeal;
pub mod application;
pub mod audit;
pub mod calendar;
pub mod catalog;
pub mod credit_code;
pub mod field;
pub mod message;
pub mod oversight;
pub mod report;
