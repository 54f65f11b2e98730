//! Field-level checks shared by the forms of every aggregate: one problem per field, with a stable code the
//! user interface translates.

use serde::Serialize;

/// What is wrong with one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldProblem {
    Required,
    TooLong,
    BadEmail,
    BadPhone,
    BadWebsite,
    BadCreditCode,
    BadUsername,
    PasswordTooShort,
    PasswordTooLong,
    PasswordContainsUsername,
    /// Another record already uses this value (a name, a code, a login name).
    Taken,
    /// The two new passwords differ, or the current one is wrong.
    PasswordMismatch,
    WrongPassword,
    /// Not a 文号 of the form 机关代字〔年份〕序号号.
    BadDocNo,
    /// Not a date as YYYY-MM-DD (or missing where one is needed).
    BadDate,
    /// 条例第二十九条第一项: an application must carry 身份证明 (an id document, or a credit code for an
    /// organisation).
    IdentityRequired,
    /// An id number that does not fit its id type (for a 居民身份证: GB 11643-1999).
    BadIdNumber,
    /// 条例第二十九条第一项: 联系方式; none of phone, e-mail or address was given.
    NoContact,
    /// A code that is not one of the offered choices.
    UnknownChoice,
    /// A date after today.
    DateInFuture,
    /// A decision dated before the case it decides was filed (行政复议、行政诉讼 under 条例第五十一条).
    DecidedBeforeFiled,
    /// A tracking number that names no application of this agency.
    UnknownApplication,
    /// 条例第二十九条第三项: 邮寄 was chosen as the way to receive the information, but no postal address given.
    AddressForPost,
    /// 条例第二十九条第三项: 电子邮件 was chosen as the way to receive the information, but no e-mail address given.
    EmailForDelivery,
    /// A control character (a NUL, an escape, a form feed; in a one-line field also a line break): it breaks
    /// feeds, letters and terminals, and nobody types it.
    ControlCharacter,
}

impl FieldProblem {
    pub const ALL: [FieldProblem; 25] = [
        Self::Required,
        Self::TooLong,
        Self::BadEmail,
        Self::BadPhone,
        Self::BadWebsite,
        Self::BadCreditCode,
        Self::BadUsername,
        Self::PasswordTooShort,
        Self::PasswordTooLong,
        Self::PasswordContainsUsername,
        Self::Taken,
        Self::PasswordMismatch,
        Self::WrongPassword,
        Self::BadDocNo,
        Self::BadDate,
        Self::IdentityRequired,
        Self::BadIdNumber,
        Self::NoContact,
        Self::UnknownChoice,
        Self::DateInFuture,
        Self::DecidedBeforeFiled,
        Self::UnknownApplication,
        Self::AddressForPost,
        Self::EmailForDelivery,
        Self::ControlCharacter,
    ];

    /// Stable code, also the message key of the UI catalogue (`field_<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::TooLong => "too_long",
            Self::BadEmail => "bad_email",
            Self::BadPhone => "bad_phone",
            Self::BadWebsite => "bad_website",
            Self::BadCreditCode => "bad_credit_code",
            Self::BadUsername => "bad_username",
            Self::PasswordTooShort => "password_too_short",
            Self::PasswordTooLong => "password_too_long",
            Self::PasswordContainsUsername => "password_contains_username",
            Self::Taken => "taken",
            Self::PasswordMismatch => "password_mismatch",
            Self::WrongPassword => "wrong_password",
            Self::BadDocNo => "bad_doc_no",
            Self::BadDate => "bad_date",
            Self::IdentityRequired => "identity_required",
            Self::BadIdNumber => "bad_id_number",
            Self::NoContact => "no_contact",
            Self::UnknownChoice => "unknown_choice",
            Self::DateInFuture => "date_in_future",
            Self::DecidedBeforeFiled => "decided_before_filed",
            Self::UnknownApplication => "unknown_application",
            Self::AddressForPost => "address_for_post",
            Self::EmailForDelivery => "email_for_delivery",
            Self::ControlCharacter => "control_character",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub problem: FieldProblem,
}

impl FieldError {
    pub fn new(field: &str, problem: FieldProblem) -> Self {
        Self {
            field: field.to_owned(),
            problem,
        }
    }
}

pub(crate) fn check_len(out: &mut Vec<FieldError>, field: &str, value: &str, max_chars: usize) {
    if value.chars().count() > max_chars {
        out.push(FieldError::new(field, FieldProblem::TooLong));
    }
}

/// The most characters of a phone field (several numbers joined by 、 included).
pub const MAX_PHONE_CHARS: usize = 60;
/// The most characters of an e-mail address.
pub const MAX_EMAIL_CHARS: usize = 200;

/// A one-line text field: at most `max_chars` characters and no control character (a line break included).
pub(crate) fn check_line(out: &mut Vec<FieldError>, field: &str, value: &str, max_chars: usize) {
    if value.chars().any(char::is_control) {
        out.push(FieldError::new(field, FieldProblem::ControlCharacter));
    } else {
        check_len(out, field, value, max_chars);
    }
}

/// A text of several lines: at most `max_chars` characters; line breaks and tabs allowed, no other control
/// character.
pub(crate) fn check_text(out: &mut Vec<FieldError>, field: &str, value: &str, max_chars: usize) {
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        out.push(FieldError::new(field, FieldProblem::ControlCharacter));
    } else {
        check_len(out, field, value, max_chars);
    }
}

pub fn check_email(out: &mut Vec<FieldError>, field: &str, value: &str) {
    let v = value.trim();
    if v.is_empty() {
        return;
    }
    let ok = match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !v.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if !ok || v.len() > MAX_EMAIL_CHARS {
        out.push(FieldError::new(field, FieldProblem::BadEmail));
    }
}

/// Chinese office numbers come as `0391-8181234`, `(0391)8181234`, `0391-8181234转801` or several joined by
/// `、`; anything with letters is refused.
pub(crate) fn check_phone(out: &mut Vec<FieldError>, field: &str, value: &str) {
    let v = value.trim();
    if v.is_empty() {
        return;
    }
    let ok = v.chars().any(|c| c.is_ascii_digit())
        && v.chars()
            .all(|c| c.is_ascii_digit() || " -+()（）、,，;；转/".contains(c))
        && v.chars().count() <= MAX_PHONE_CHARS;
    if !ok {
        out.push(FieldError::new(field, FieldProblem::BadPhone));
    }
}

pub(crate) fn check_website(out: &mut Vec<FieldError>, field: &str, value: &str) {
    let v = value.trim();
    if v.is_empty() {
        return;
    }
    let ok = (v.starts_with("http://") || v.starts_with("https://"))
        && !v.chars().any(char::is_whitespace)
        && v.len() > "https://".len();
    if !ok {
        out.push(FieldError::new(field, FieldProblem::BadWebsite));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(f: impl Fn(&mut Vec<FieldError>)) -> usize {
        let mut out = Vec::new();
        f(&mut out);
        out.len()
    }

    #[test]
    fn phones_emails_and_websites_as_offices_write_them() {
        for ok in [
            "0391-8181234",
            "（0391）8181234",
            "0391-8181234转801",
            "0391-8181234、8185678",
        ] {
            assert_eq!(problems(|o| check_phone(o, "p", ok)), 0, "{ok}");
        }
        assert_eq!(problems(|o| check_phone(o, "p", "call us")), 1);
        assert_eq!(problems(|o| check_email(o, "e", "mzggzy@163.com")), 0);
        assert_eq!(problems(|o| check_email(o, "e", "mzggzy@163")), 1);
        assert_eq!(
            problems(|o| check_website(o, "w", "http://www.mengzhou.gov.cn")),
            0
        );
        assert_eq!(
            problems(|o| check_website(o, "w", "javascript:alert(1)")),
            1
        );
    }
}
