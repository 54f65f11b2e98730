//! 索引号 (index number), the permanent identifier of a catalogue item. 《政府信息公开目录系统实施指引（试行）》
//! defines it as `前段码/后段码`: the publisher's 9-character 组织机构代码, a slash, a 4-digit year, a hyphen and a
//! 5-digit serial (`000014349/2018-00222`, 20 characters). Published catalogues also use a kept hyphen, the
//! whole credit code, `yyyymm`, 6- or 7-digit serials and free-text prefixes; those are accepted as given,
//! because an index number must never change once published (see `shared/spec/legal-notes.md` d.2).

use crate::message::{Arg, Args, Coded};
use serde::{Deserialize, Serialize};

use crate::credit_code::CreditCode;

const MAX_SERIAL: u32 = 99_999;

/// An index number; kept exactly as issued.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IndexNo(String);

/// Why an index number cannot be made or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexNoError {
    #[error("an index number reads prefix/year-serial, e.g. MB0000002/2020-00012")]
    Shape,
    #[error("invalid index-number prefix '{0}'")]
    BadPrefix(String),
    #[error("invalid year '{0}' in an index number")]
    BadYear(String),
    #[error("invalid serial '{0}' in an index number")]
    BadSerial(String),
    #[error("the serial must be 1 to 99999, not {0}")]
    SerialOutOfRange(u32),
}

impl Coded for IndexNoError {
    fn code(&self) -> &'static str {
        IndexNoError::code(self)
    }

    fn args(&self) -> Args {
        match self {
            Self::BadPrefix(a0) => vec![("prefix", Arg::text(a0))],
            Self::BadYear(a0) => vec![("year", Arg::text(a0))],
            Self::BadSerial(a0) => vec![("serial", Arg::text(a0))],
            Self::SerialOutOfRange(a0) => vec![("serial", Arg::number(*a0))],
            _ => Vec::new(),
        }
    }
}

impl IndexNoError {
    /// Stable code, also the message key.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Shape => "index_no.shape",
            Self::BadPrefix(_) => "index_no.bad_prefix",
            Self::BadYear(_) => "index_no.bad_year",
            Self::BadSerial(_) => "index_no.bad_serial",
            Self::SerialOutOfRange(_) => "index_no.serial_out_of_range",
        }
    }
}

fn plausible_year(year: i32) -> bool {
    (1949..=2100).contains(&year)
}

/// The 组织机构代码 inside a credit code: characters 9–17 (1-based) of the 18 (GB 32100-2015).
pub fn organisation_code(code: &CreditCode) -> Option<&str> {
    code.as_str().get(8..17)
}

impl IndexNo {
    /// The canonical 20-character form for an agency with a credit code.
    pub fn new(code: &CreditCode, year: i32, serial: u32) -> Result<IndexNo, IndexNoError> {
        let prefix =
            organisation_code(code).ok_or_else(|| IndexNoError::BadPrefix(code.to_string()))?;
        Self::with_prefix(prefix, year, serial)
    }

    /// For an agency without a credit code: a prefix of 1–20 ASCII letters, digits or hyphens (an old
    /// organisation code such as `0142768-8`, or a short name).
    pub fn with_prefix(prefix: &str, year: i32, serial: u32) -> Result<IndexNo, IndexNoError> {
        let ok = (1..=20).contains(&prefix.len())
            && prefix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !ok {
            return Err(IndexNoError::BadPrefix(prefix.to_owned()));
        }
        if !plausible_year(year) {
            return Err(IndexNoError::BadYear(year.to_string()));
        }
        if !(1..=MAX_SERIAL).contains(&serial) {
            return Err(IndexNoError::SerialOutOfRange(serial));
        }
        Ok(IndexNo(format!("{prefix}/{year:04}-{serial:05}")))
    }

    /// Reads any form seen in published catalogues: `prefix/yyyy-n…` or `prefix/yyyymm-n…`, a prefix of
    /// 1–30 visible characters without `/`, a serial of 1–10 digits.
    pub fn parse(input: &str) -> Result<IndexNo, IndexNoError> {
        let s = input.trim();
        let (prefix, tail) = s.split_once('/').ok_or(IndexNoError::Shape)?;
        let (date, serial) = tail.split_once('-').ok_or(IndexNoError::Shape)?;
        let prefix_ok = (1..=30).contains(&prefix.chars().count())
            && !prefix
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '/');
        if !prefix_ok {
            return Err(IndexNoError::BadPrefix(prefix.to_owned()));
        }
        let bad_year = || IndexNoError::BadYear(date.to_owned());
        if !matches!(date.len(), 4 | 6) || !date.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad_year());
        }
        let year: i32 = date
            .get(..4)
            .and_then(|y| y.parse().ok())
            .ok_or_else(bad_year)?;
        let month: Option<u32> = date.get(4..).and_then(|m| m.parse().ok());
        if !plausible_year(year) || month.is_some_and(|m| !(1..=12).contains(&m)) {
            return Err(bad_year());
        }
        if !(1..=10).contains(&serial.len()) || !serial.chars().all(|c| c.is_ascii_digit()) {
            return Err(IndexNoError::BadSerial(serial.to_owned()));
        }
        Ok(IndexNo(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before the slash.
    pub fn prefix(&self) -> &str {
        self.0.split_once('/').map_or("", |(p, _)| p)
    }

    /// The 后段码 (`2020-00012`), which a display may show alone.
    pub fn suffix(&self) -> &str {
        self.0.split_once('/').map_or("", |(_, s)| s)
    }

    pub fn year(&self) -> Option<i32> {
        self.suffix().get(..4).and_then(|y| y.parse().ok())
    }

    /// The serial as a number (leading zeros dropped).
    pub fn serial(&self) -> Option<u64> {
        self.suffix()
            .split_once('-')
            .and_then(|(_, n)| n.parse().ok())
    }
}

impl std::fmt::Display for IndexNo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for IndexNo {
    type Error = IndexNoError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<IndexNo> for String {
    fn from(i: IndexNo) -> String {
        i.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> CreditCode {
        CreditCode::parse(s).expect("valid credit code")
    }

    #[test]
    fn the_canonical_form_comes_from_the_credit_code() {
        let c = code("11410883MB0000002N");
        assert_eq!(organisation_code(&c), Some("MB0000002"));
        let i = IndexNo::new(&c, 2020, 12).expect("valid");
        assert_eq!(i.as_str(), "MB0000002/2020-00012");
        assert_eq!(i.as_str().len(), 20);
        assert_eq!((i.prefix(), i.suffix()), ("MB0000002", "2020-00012"));
        assert_eq!((i.year(), i.serial()), (Some(2020), Some(12)));
        assert_eq!(IndexNo::parse(i.as_str()), Ok(i));
    }

    #[test]
    fn generation_refuses_what_the_canonical_form_cannot_hold() {
        let c = code("11410883MB0000002N");
        assert_eq!(
            IndexNo::new(&c, 2020, 0),
            Err(IndexNoError::SerialOutOfRange(0))
        );
        assert_eq!(
            IndexNo::new(&c, 2020, 100_000),
            Err(IndexNoError::SerialOutOfRange(100_000))
        );
        assert!(IndexNo::new(&c, 20201, 1).is_err());
        assert_eq!(
            IndexNo::with_prefix("0142768-8", 2022, 185).map(String::from),
            Ok("0142768-8/2022-00185".to_owned())
        );
        for bad in ["", "孟州市", "a b", "abcdefghijklmnopqrstu"] {
            assert!(IndexNo::with_prefix(bad, 2022, 1).is_err(), "{bad}");
        }
    }

    #[test]
    fn published_variants_parse_and_stay_as_given() {
        for given in [
            "000014349/2018-00222",
            "0142768-8/2022-00185",
            "11341702486344515H/202110-00013",
            "12330800002618357U/2023-135694",
            "035210000/2025-00016",
            "lanshanquczj/2020-0000077",
        ] {
            let i = IndexNo::parse(given).expect(given);
            assert_eq!(i.to_string(), given);
        }
        assert_eq!(
            IndexNo::parse("12330800002618357U/2023-135694").map(|i| i.serial()),
            Ok(Some(135_694))
        );
    }

    #[test]
    fn malformed_index_numbers_are_refused() {
        for (given, code) in [
            ("000014349-2018-00222", "index_no.shape"),
            ("000014349/201800222", "index_no.shape"),
            ("/2018-00222", "index_no.bad_prefix"),
            ("000014349/18-00222", "index_no.bad_year"),
            ("000014349/201813-00222", "index_no.bad_year"),
            ("000014349/2018-", "index_no.bad_serial"),
            ("000014349/2018-0x222", "index_no.bad_serial"),
        ] {
            assert_eq!(
                IndexNo::parse(given).map_err(|e| e.code()),
                Err(code),
                "{given}"
            );
        }
    }
}
