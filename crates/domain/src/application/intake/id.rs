//! 身份证明 (条例第二十九条第一项): the id documents an applicant may show, and the check of a 居民身份证号码
//! under GB 11643-1999 (公民身份号码).

use crate::message::{Arg, Args, Coded};
use chrono::NaiveDate;

/// The id documents of the usual application forms (证件名称).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdType {
    /// 居民身份证
    ResidentId,
    /// 护照
    Passport,
    /// 港澳居民来往内地通行证
    HongKongMacaoPermit,
    /// 台湾居民来往大陆通行证
    TaiwanPermit,
    /// 外国人永久居留身份证
    ForeignPermanentResident,
    /// 其他
    Other,
}

impl IdType {
    pub const ALL: [IdType; 6] = [
        Self::ResidentId,
        Self::Passport,
        Self::HongKongMacaoPermit,
        Self::TaiwanPermit,
        Self::ForeignPermanentResident,
        Self::Other,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::ResidentId => "resident_id",
            Self::Passport => "passport",
            Self::HongKongMacaoPermit => "hk_macao_permit",
            Self::TaiwanPermit => "taiwan_permit",
            Self::ForeignPermanentResident => "foreign_permanent_id",
            Self::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// The longest id number accepted for the id types without a published check rule.
pub const MAX_OTHER_ID_CHARS: usize = 30;

/// Why an id number is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("the id number is empty")]
    Empty,
    #[error("a resident id number has 18 characters, not {0}")]
    Length(usize),
    #[error("invalid character '{0}' in an id number")]
    Character(char),
    #[error("'{0}' is not a region code of a resident id number")]
    Region(String),
    #[error("'{0}' is not a real birth date")]
    BirthDate(String),
    #[error("check character should be {expected}, found {found}")]
    Check { expected: char, found: char },
    #[error("the id number is longer than {MAX_OTHER_ID_CHARS} characters")]
    TooLong,
}

impl Coded for IdError {
    fn code(&self) -> &'static str {
        IdError::code(self)
    }

    fn args(&self) -> Args {
        match self {
            Self::Length(a0) => vec![("len", Arg::number(*a0))],
            Self::Character(a0) => vec![("ch", Arg::text(a0))],
            Self::Region(a0) => vec![("region", Arg::text(a0))],
            Self::BirthDate(a0) => vec![("date", Arg::text(a0))],
            Self::Check { expected, found } => vec![
                ("expected", Arg::text(expected)),
                ("found", Arg::text(found)),
            ],
            Self::TooLong => vec![("max", Arg::number(MAX_OTHER_ID_CHARS))],
            Self::Empty => Vec::new(),
        }
    }
}

impl IdError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "id.empty",
            Self::Length(_) => "id.length",
            Self::Character(_) => "id.character",
            Self::Region(_) => "id.region",
            Self::BirthDate(_) => "id.birth_date",
            Self::Check { .. } => "id.check",
            Self::TooLong => "id.too_long",
        }
    }
}

/// GB 11643-1999 §8.2: weight of position i (from the left, 0-based) is 2^(17-i) mod 11.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// ISO 7064 MOD 11-2: the check character for each value of (sum mod 11).
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
/// The province-level codes of GB/T 2260 that open a 居民身份证号码 (71 台湾, 81 香港, 82 澳门 included).
const PROVINCES: [u32; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

/// The check character for the first seventeen digits of a 居民身份证号码 (ISO 7064 MOD 11-2).
pub fn resident_id_check_character(first17: &str) -> Result<char, IdError> {
    let digits: Vec<u32> = first17
        .chars()
        .map(|c| c.to_digit(10).ok_or(IdError::Character(c)))
        .collect::<Result<_, _>>()?;
    if digits.len() != 17 {
        return Err(IdError::Length(digits.len() + 1));
    }
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    Ok(CHECK[(sum % 11) as usize])
}

/// Checks an 18-character 居民身份证号码 (GB 11643-1999): six region digits opening with a real province code,
/// an eight-digit birth date that exists in the calendar (from 1800 on), a three-digit sequence and the
/// MOD 11-2 check character (`X` for ten, lower case accepted). Surrounding spaces are ignored.
pub fn check_resident_id(number: &str) -> Result<(), IdError> {
    let n = number.trim();
    if n.is_empty() {
        return Err(IdError::Empty);
    }
    let count = n.chars().count();
    if count != 18 {
        return Err(IdError::Length(count));
    }
    if let Some(c) = n.chars().take(17).find(|c| !c.is_ascii_digit()) {
        return Err(IdError::Character(c));
    }
    // The first seventeen characters are ASCII digits, so byte 17 is a character boundary.
    let (head, last) = n.split_at(17);
    let found = last
        .chars()
        .next()
        .map(|c| c.to_ascii_uppercase())
        .unwrap_or('?');
    if !(found.is_ascii_digit() || found == 'X') {
        return Err(IdError::Character(found));
    }
    let province: u32 = head[..2].parse().unwrap_or(0);
    if !PROVINCES.contains(&province) {
        return Err(IdError::Region(head[..6].to_owned()));
    }
    let birth = &head[6..14];
    let (y, m, d) = (
        birth[..4].parse::<i32>().unwrap_or(0),
        birth[4..6].parse::<u32>().unwrap_or(0),
        birth[6..].parse::<u32>().unwrap_or(0),
    );
    if y < 1800 || NaiveDate::from_ymd_opt(y, m, d).is_none() {
        return Err(IdError::BirthDate(birth.to_owned()));
    }
    let expected = resident_id_check_character(head)?;
    if found != expected {
        return Err(IdError::Check { expected, found });
    }
    Ok(())
}

/// Checks an id number for its type: the 居民身份证 rule above, for every other type non-empty, at most
/// [`MAX_OTHER_ID_CHARS`] characters and no control characters (no published check rule is applied).
pub fn check_id(id_type: IdType, number: &str) -> Result<(), IdError> {
    if id_type == IdType::ResidentId {
        return check_resident_id(number);
    }
    let n = number.trim();
    if n.is_empty() {
        return Err(IdError::Empty);
    }
    if n.chars().count() > MAX_OTHER_ID_CHARS {
        return Err(IdError::TooLong);
    }
    if let Some(c) = n.chars().find(|c| c.is_control()) {
        return Err(IdError::Character(c));
    }
    Ok(())
}

/// The stored form of an id number: trimmed, and upper case for a 居民身份证 (a trailing `x` becomes `X`).
pub(crate) fn normalise_id(id_type: IdType, number: &str) -> String {
    let n = number.trim();
    if id_type == IdType::ResidentId {
        n.to_ascii_uppercase()
    } else {
        n.to_owned()
    }
}
