//! Intake of a 政府信息公开 application: who applies and what they ask for, checked as it arrives from a form
//! or JSON, before a tracking number is issued.
//!
//! 条例第二十七条: 公民、法人或者其他组织 may apply. 条例第二十九条: the application is written (信件、数据电文
//! count) and contains (一) 申请人的姓名或者名称、身份证明、联系方式; (二) 申请公开的政府信息的名称、文号或者便于
//! 行政机关查询的其他特征性描述; (三) 申请公开的政府信息的形式要求，包括获取信息的方式、途径. 身份证明 is new in
//! 2019; a purpose (the 2008 “三需要”) is no longer asked for. 条例第三十一条 fixes the receipt date.

mod applicant;
mod form;
mod id;
mod proof;
mod receipt;
#[cfg(test)]
mod tests;
mod tracking;

use chrono::NaiveDate;

pub use applicant::{Applicant, ApplicantInput, Contact, MAX_CODE_CHARS};
pub use form::{Delivery, InfoForm};
pub use id::{
    IdError, IdType, MAX_OTHER_ID_CHARS, check_id, check_resident_id, resident_id_check_character,
};
pub use proof::{IdProofError, MAX_ID_PROOF_BYTES, check_id_proof};
pub use receipt::{Channel, IntakeError, receipt_date};
pub use tracking::{
    MAX_SEQ, MAX_SEQ_DIGITS, MIN_SEQ_DIGITS, QUERY_ALPHABET, QUERY_CODE_LEN, QueryCode, SALT_BYTES,
    TrackingNo, TrackingNoError,
};

use crate::field::{FieldError, FieldProblem, check_text};
use applicant::required;

pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_CONTACT_NAME_CHARS: usize = 50;
pub const MAX_ADDRESS_CHARS: usize = 200;
pub const MAX_AGENCY_KEY_CHARS: usize = 64;
/// 条例第二十九条第二项: 所需信息的名称、文号或者便于查询的其他特征性描述.
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;

/// An application as typed: plain strings, empty when not given; dates as `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApplicationInput {
    /// The key of the agency applied to (条例第二十七条).
    pub agency: String,
    pub applicant: ApplicantInput,
    /// 条例第二十九条第二项.
    pub description: String,
    /// An [`InfoForm`] code.
    pub form: String,
    /// A [`Delivery`] code.
    pub delivery: String,
    /// A [`Channel`] code.
    pub channel: String,
    /// The day handed in, posted, faxed, e-mailed or submitted.
    pub sent_on: String,
    /// The day signed for (挂号、快递) or confirmed with the applicant (other channels but 当面); may be empty
    /// while that has not happened.
    pub confirmed_on: String,
}

/// A checked application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedApplication {
    pub agency: String,
    pub applicant: Applicant,
    pub description: String,
    pub form: InfoForm,
    pub delivery: Delivery,
    pub channel: Channel,
    pub sent_on: NaiveDate,
    /// The receipt date under 条例第三十一条; `None` while a posted letter awaits signing for or another
    /// channel awaits confirmation (the reply clock has not started).
    pub received_on: Option<NaiveDate>,
}

fn choice<T>(
    out: &mut Vec<FieldError>,
    field: &str,
    value: &str,
    from: fn(&str) -> Option<T>,
) -> Option<T> {
    let v = value.trim();
    let found = from(v);
    if found.is_none() {
        let p = if v.is_empty() {
            FieldProblem::Required
        } else {
            FieldProblem::UnknownChoice
        };
        out.push(FieldError::new(field, p));
    }
    found
}

/// A date as `YYYY-MM-DD`, not after `today`; `None` (with no error) when empty and not `needed`.
fn date(
    out: &mut Vec<FieldError>,
    field: &str,
    value: &str,
    needed: bool,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let v = value.trim();
    if v.is_empty() {
        if needed {
            out.push(FieldError::new(field, FieldProblem::Required));
        }
        return None;
    }
    match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        Ok(d) if d > today => {
            out.push(FieldError::new(field, FieldProblem::DateInFuture));
            None
        }
        Ok(d) => Some(d),
        Err(_) => {
            out.push(FieldError::new(field, FieldProblem::BadDate));
            None
        }
    }
}

impl ApplicationInput {
    /// Checks every field against `today` (the agency's local date, passed in) and names every problem at once.
    /// A date after today is refused; the receipt date follows 条例第三十一条 ([`receipt_date`]).
    pub fn check(&self, today: NaiveDate) -> Result<CheckedApplication, Vec<FieldError>> {
        let mut out = Vec::new();
        // The bounds hold for the fields as sent, spaces around them included (the API's schema states them so).
        if self.agency.chars().count() > MAX_AGENCY_KEY_CHARS {
            out.push(FieldError::new("agency", FieldProblem::TooLong));
        } else {
            required(&mut out, "agency", &self.agency, MAX_AGENCY_KEY_CHARS);
        }
        let applicant = self.applicant.check().map_err(|e| out.extend(e)).ok();
        if self.description.chars().count() > MAX_DESCRIPTION_CHARS {
            out.push(FieldError::new("description", FieldProblem::TooLong));
        } else if self.description.trim().is_empty() {
            out.push(FieldError::new("description", FieldProblem::Required));
        } else {
            check_text(
                &mut out,
                "description",
                self.description.trim(),
                MAX_DESCRIPTION_CHARS,
            );
        }
        let form = choice(&mut out, "form", &self.form, InfoForm::from_code);
        let delivery = choice(&mut out, "delivery", &self.delivery, Delivery::from_code);
        let channel = choice(&mut out, "channel", &self.channel, Channel::from_code);
        let sent_on = date(&mut out, "sent_on", &self.sent_on, true, today);
        let confirmed_on = date(&mut out, "confirmed_on", &self.confirmed_on, false, today);
        // 条例第二十九条第三项: the way of handing over must be one the applicant can be reached by.
        if let Some(a) = &applicant {
            match delivery {
                Some(Delivery::Post) if a.contact().address.is_none() => {
                    out.push(FieldError::new("address", FieldProblem::AddressForPost));
                }
                Some(Delivery::Email) if a.contact().email.is_none() => {
                    out.push(FieldError::new("email", FieldProblem::EmailForDelivery));
                }
                _ => {}
            }
        }
        let received_on = match (channel, sent_on) {
            (Some(c), Some(s)) => match receipt_date(c, s, confirmed_on) {
                Ok(d) => Some(d),
                Err(IntakeError::NotSignedFor | IntakeError::NotConfirmed(_)) => None,
                Err(IntakeError::ConfirmedBeforeSent { .. }) => {
                    out.push(FieldError::new("confirmed_on", FieldProblem::BadDate));
                    None
                }
            },
            _ => None,
        };
        match (applicant, form, delivery, channel, sent_on) {
            (Some(applicant), Some(form), Some(delivery), Some(channel), Some(sent_on))
                if out.is_empty() =>
            {
                Ok(CheckedApplication {
                    agency: self.agency.trim().to_owned(),
                    applicant,
                    description: self.description.trim().to_owned(),
                    form,
                    delivery,
                    channel,
                    sent_on,
                    received_on,
                })
            }
            _ => Err(out),
        }
    }
}
