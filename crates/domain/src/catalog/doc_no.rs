//! 文号 (document number): `{机关代字}〔{年份}〕{序号}号`, e.g. `孟政〔2020〕12号`. GB/T 9704-2012 (党政机关公文格式)
//! prescribes the hexagonal brackets 〔〕 and no leading zeros in the serial, but documents, web pages and
//! search queries use every bracket on the keyboard, so one canonical form is needed for matching.

use crate::message::{Arg, Args, Coded};
use serde::{Deserialize, Serialize};

const OPEN: [char; 6] = ['〔', '[', '【', '［', '（', '('];
const CLOSE: [char; 6] = ['〕', ']', '】', '］', '）', ')'];
const MAX_PREFIX_CHARS: usize = 30;

/// A document number in canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DocNo {
    /// 机关代字, e.g. `孟政`, `国办发明电`.
    pub prefix: String,
    pub year: i32,
    pub number: u32,
}

/// Why a string is not a document number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocNoError {
    #[error("the document number is empty")]
    Empty,
    #[error("'{0}' has no four-digit year in brackets; expected e.g. 孟政〔2020〕12号")]
    NoYear(String),
    #[error("the document number has no issuer prefix (机关代字)")]
    NoPrefix,
    #[error("the issuer prefix is longer than 30 characters")]
    PrefixTooLong,
    #[error("implausible year {0} in a document number")]
    BadYear(i32),
    #[error("the year must be followed by a serial such as 12号, found '{0}'")]
    BadNumber(String),
}

impl Coded for DocNoError {
    fn code(&self) -> &'static str {
        DocNoError::code(self)
    }

    fn args(&self) -> Args {
        match self {
            Self::NoYear(a0) => vec![("text", Arg::text(a0))],
            Self::BadYear(a0) => vec![("year", Arg::number(*a0))],
            Self::BadNumber(a0) => vec![("found", Arg::text(a0))],
            _ => Vec::new(),
        }
    }
}

impl DocNoError {
    /// Stable code, also the message key.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "doc_no.empty",
            Self::NoYear(_) => "doc_no.no_year",
            Self::NoPrefix => "doc_no.no_prefix",
            Self::PrefixTooLong => "doc_no.prefix_too_long",
            Self::BadYear(_) => "doc_no.bad_year",
            Self::BadNumber(_) => "doc_no.bad_number",
        }
    }
}

/// Full-width digits become ASCII digits; every other character is kept.
fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

/// Where `chars[i..]` starts with `open yyyy close` (spaces allowed inside): the year and the index after
/// the closing bracket.
fn year_bracket_at(chars: &[char], i: usize) -> Option<(i32, usize)> {
    if !OPEN.contains(chars.get(i)?) {
        return None;
    }
    let mut j = i + 1;
    while chars.get(j).is_some_and(|c| c.is_whitespace()) {
        j += 1;
    }
    let digits: String = chars
        .get(j..j + 4)?
        .iter()
        .map(|c| ascii_digit(*c))
        .collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    j += 4;
    while chars.get(j).is_some_and(|c| c.is_whitespace()) {
        j += 1;
    }
    if !CLOSE.contains(chars.get(j)?) {
        return None;
    }
    Some((digits.parse().ok()?, j + 1))
}

impl DocNo {
    pub fn parse(input: &str) -> Result<DocNo, DocNoError> {
        let chars: Vec<char> = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(ascii_digit)
            .collect();
        if chars.is_empty() {
            return Err(DocNoError::Empty);
        }
        // The last bracketed year wins, so a prefix that itself contains brackets still parses.
        let (at, (year, after)) = (0..chars.len())
            .rev()
            .find_map(|i| year_bracket_at(&chars, i).map(|found| (i, found)))
            .ok_or_else(|| DocNoError::NoYear(input.trim().to_owned()))?;
        let prefix: String = chars.get(..at).unwrap_or_default().iter().collect();
        if prefix.is_empty() {
            return Err(DocNoError::NoPrefix);
        }
        if prefix.chars().count() > MAX_PREFIX_CHARS {
            return Err(DocNoError::PrefixTooLong);
        }
        // 国务院办公厅's own numbering starts in 1949; a year far ahead is a typing error.
        if !(1949..=2100).contains(&year) {
            return Err(DocNoError::BadYear(year));
        }
        let rest: String = chars.get(after..).unwrap_or_default().iter().collect();
        let digits = rest.strip_suffix('号').unwrap_or(&rest);
        let number = if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            digits.trim_start_matches('0').parse::<u32>().ok()
        } else {
            None
        };
        match number {
            Some(number) if number > 0 => Ok(DocNo {
                prefix,
                year,
                number,
            }),
            _ => Err(DocNoError::BadNumber(rest)),
        }
    }
}

impl std::fmt::Display for DocNo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}〔{}〕{}号", self.prefix, self.year, self.number)
    }
}

impl TryFrom<String> for DocNo {
    type Error = DocNoError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<DocNo> for String {
    fn from(d: DocNo) -> String {
        d.to_string()
    }
}

/// Rewrites every bracket variant around a four-digit year into 〔yyyy〕 inside free text, so a search for
/// `孟政[2020]12号` finds `孟政〔2020〕12号`. Nothing else in the text changes.
pub fn normalize_doc_no_in_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some((year, after)) = year_bracket_at(&chars, i) {
            out.push_str(&format!("〔{year:04}〕"));
            i = after;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Whether the whole text is a document number (after trimming), e.g. to search the 文号 field first.
pub fn looks_like_doc_no(text: &str) -> bool {
    DocNo::parse(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bracket_variant_normalises_to_one_form() {
        for input in [
            "孟政〔2020〕12号",
            "孟政[2020]12号",
            "孟政【2020】12号",
            "孟政［2020］12号",
            "孟政（2020）12号",
            "孟政(2020)12号",
            "孟政〔2020〕012号",
            "孟政〔２０２０〕１２号",
            " 孟政 〔 2020 〕 12 号 ",
            "孟政〔2020〕12",
        ] {
            let d = DocNo::parse(input).expect(input);
            assert_eq!(d.to_string(), "孟政〔2020〕12号", "{input}");
            assert_eq!((d.prefix.as_str(), d.year, d.number), ("孟政", 2020, 12));
        }
        assert_eq!(
            DocNo::parse("国办发明电〔2020〕1号").map(|d| d.prefix),
            Ok("国办发明电".to_owned())
        );
    }

    #[test]
    fn malformed_numbers_are_refused_with_a_reason() {
        assert_eq!(
            DocNo::parse("孟政文12号"),
            Err(DocNoError::NoYear("孟政文12号".into()))
        );
        assert!(
            DocNo::parse("孟政文12号")
                .map_err(|e| e.to_string())
                .is_err_and(|m| m.contains("four-digit year"))
        );
        for (input, code) in [
            ("", "doc_no.empty"),
            ("〔2020〕12号", "doc_no.no_prefix"),
            ("孟政〔1800〕12号", "doc_no.bad_year"),
            ("孟政〔2020〕号", "doc_no.bad_number"),
            ("孟政〔2020〕0号", "doc_no.bad_number"),
            ("孟政〔2020〕十二号", "doc_no.bad_number"),
            ("孟政〔2020〕99999999999号", "doc_no.bad_number"),
            ("孟政〔20〕12号", "doc_no.no_year"),
            ("国务院令第711号", "doc_no.no_year"),
        ] {
            assert_eq!(
                DocNo::parse(input).map_err(|e| e.code()),
                Err(code),
                "{input}"
            );
        }
    }

    #[test]
    fn free_text_is_rewritten_only_around_years() {
        assert_eq!(
            normalize_doc_no_in_text("查 孟政[2020]12号 和 豫政办（２０１９）3号 (附件)"),
            "查 孟政〔2020〕12号 和 豫政办〔2019〕3号 (附件)"
        );
        assert_eq!(normalize_doc_no_in_text("[12345] (abc)"), "[12345] (abc)");
        assert!(looks_like_doc_no("孟政[2020]12号"));
        assert!(!looks_like_doc_no("孟州市 2020 年预算"));
    }

    #[test]
    fn conversion_from_a_stored_string_normalises() {
        let d = DocNo::try_from("孟政(2020)012号".to_owned()).map(String::from);
        assert_eq!(d.as_deref(), Ok("孟政〔2020〕12号"));
    }
}
