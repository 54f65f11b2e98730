//! 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-character alphabet
//! (no I, O, S, V, Z), the last one a check character over the first seventeen.

use crate::message::{Arg, Args, Coded};
use serde::{Deserialize, Serialize};

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A unified social credit code whose check character is right.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CreditCode(String);

/// Why a string is not a unified social credit code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    #[error("a unified social credit code has 18 characters, not {0}")]
    Length(usize),
    #[error("invalid character '{0}' in a unified social credit code")]
    Character(char),
    #[error("check character should be {expected}, found {found}")]
    Check { expected: char, found: char },
}

impl Coded for CreditCodeError {
    fn code(&self) -> &'static str {
        match self {
            Self::Length(_) => "credit_code.length",
            Self::Character(_) => "credit_code.character",
            Self::Check { .. } => "credit_code.check",
        }
    }

    fn args(&self) -> Args {
        match self {
            Self::Length(a0) => vec![("len", Arg::number(*a0))],
            Self::Character(a0) => vec![("ch", Arg::text(a0))],
            Self::Check { expected, found } => vec![
                ("expected", Arg::text(expected)),
                ("found", Arg::text(found)),
            ],
        }
    }
}

fn value_of(c: char) -> Option<u32> {
    let upper = c.to_ascii_uppercase();
    ALPHABET
        .iter()
        .position(|&a| a as char == upper)
        .map(|p| p as u32)
}

/// The check character for the first seventeen characters.
pub fn check_character(first17: &str) -> Result<char, CreditCodeError> {
    let chars: Vec<char> = first17.chars().collect();
    if chars.len() != 17 {
        return Err(CreditCodeError::Length(chars.len() + 1));
    }
    let mut sum = 0;
    for (c, w) in chars.iter().zip(WEIGHTS) {
        sum += value_of(*c).ok_or(CreditCodeError::Character(*c))? * w;
    }
    let check = (31 - sum % 31) % 31;
    Ok(ALPHABET[check as usize] as char)
}

impl CreditCode {
    pub fn parse(input: &str) -> Result<Self, CreditCodeError> {
        let code: String = input.trim().to_ascii_uppercase();
        let n = code.chars().count();
        if n != 18 {
            return Err(CreditCodeError::Length(n));
        }
        // Every valid character is ASCII; checking first keeps the split below on a character boundary.
        if let Some(c) = code.chars().find(|c| !c.is_ascii()) {
            return Err(CreditCodeError::Character(c));
        }
        let (head, last) = code.split_at(17);
        let expected = check_character(head)?;
        let found = last.chars().next().unwrap_or('?');
        if value_of(found).is_none() {
            return Err(CreditCodeError::Character(found));
        }
        if found != expected {
            return Err(CreditCodeError::Check { expected, found });
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CreditCode {
    type Error = CreditCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<CreditCode> for String {
    fn from(c: CreditCode) -> String {
        c.0
    }
}

impl std::fmt::Display for CreditCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_codes_pass_and_a_changed_character_fails() {
        // Codes whose check character is right: a company code (9…) and an agency code (11…).
        for code in ["91350100M000100Y43", "11100000000013127D"] {
            assert!(CreditCode::parse(code).is_ok(), "{code}");
        }
        assert_eq!(
            CreditCode::parse("91350100M000100Y44"),
            Err(CreditCodeError::Check {
                expected: '3',
                found: '4'
            })
        );
        assert_eq!(CreditCode::parse("9135"), Err(CreditCodeError::Length(4)));
        assert_eq!(
            CreditCode::parse("91350100M00010OY43"),
            Err(CreditCodeError::Character('O'))
        );
        // Eighteen characters, one of them wide: refused, not split inside the character.
        for wide in ["1234567890ABCDEF中1", "91350100M000100Y4中"] {
            assert_eq!(
                CreditCode::parse(wide),
                Err(CreditCodeError::Character('中'))
            );
        }
    }

    #[test]
    fn lower_case_input_is_accepted_and_normalised() {
        let c = CreditCode::parse(" 91350100m000100y43 ").map(|c| c.to_string());
        assert_eq!(c.as_deref(), Ok("91350100M000100Y43"));
    }
}
