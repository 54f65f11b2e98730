//! Intake of a 政府信息公开 application: who applies and what they ask for, checked as it arrives from a form
//! or JSON, before a tracking number is issued.
//!
//! 条例第二十七条: 公民、法人或者其他组织 may apply. 条例第二十九条: the application is written (信件、数据电文
//! count) and contains (一) 申请人的姓名或者名称、身份证明、联系方式; (二) 申请公开的政府信息的名称、文号或者便于
//! 行政机关查询的其他特征性描述; (三) 申请公开的政府信息的形式要求，包括获取信息的方式、途径. 身份证明 is new in
//! 2019; a purpose (the 2008 “三需要”) is no longer asked for. 条例第三十一条 fixes the receipt date.

mod form;
mod id;
mod proof;
mod receipt;
#[cfg(test)]
mod tests;
mod tracking;

use chrono::NaiveDate;

pub use form::{Delivery, InfoForm};
pub use id::{
    IdError, IdType, MAX_OTHER_ID_CHARS, check_id, check_resident_id, resident_id_check_character,
};
pub use proof::{IdProofError, MAX_ID_PROOF_BYTES, check_id_proof};
pub use receipt::{Channel, IntakeError, receipt_date};
pub use tracking::{
    MAX_SEQ, QUERY_ALPHABET, QUERY_CODE_LEN, QueryCode, TrackingNo, TrackingNoError,
};

use crate::application::outcome::ApplicantKind;
use crate::credit_code::CreditCode;
use crate::field::{FieldError, FieldProblem, check_email, check_len, check_phone};

pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_CONTACT_NAME_CHARS: usize = 50;
pub const MAX_ADDRESS_CHARS: usize = 200;
pub const MAX_AGENCY_KEY_CHARS: usize = 64;
/// 条例第二十九条第二项: 所需信息的名称、文号或者便于查询的其他特征性描述.
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;

/// 联系方式 (条例第二十九条第一项): at least one is present after [`ApplicantInput::check`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contact {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

/// A checked applicant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applicant {
    /// 公民 (`np`): 姓名 and the 证件 as 身份证明.
    Person {
        name: String,
        id_type: IdType,
        id_number: String,
        contact: Contact,
    },
    /// 法人或者其他组织 (the `org_*` kinds): 名称 and the 统一社会信用代码 as 身份证明, with a contact person.
    Organisation {
        kind: ApplicantKind,
        name: String,
        credit_code: CreditCode,
        contact_name: String,
        /// The contact person's 证件, when given.
        contact_id: Option<(IdType, String)>,
        contact: Contact,
    },
}

impl Applicant {
    pub fn kind(&self) -> ApplicantKind {
        match self {
            Self::Person { .. } => ApplicantKind::NaturalPerson,
            Self::Organisation { kind, .. } => *kind,
        }
    }

    pub fn contact(&self) -> &Contact {
        match self {
            Self::Person { contact, .. } | Self::Organisation { contact, .. } => contact,
        }
    }
}

/// The applicant as typed: plain strings, empty when not given. Field names in errors are the field names here.
/// Kept with the application as given (serialised in this field order), once every field passed its check.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ApplicantInput {
    /// An [`ApplicantKind`] code: `np`, `org_biz`, `org_research`, `org_npo`, `org_legal`, `org_other`.
    pub kind: String,
    pub name: String,
    /// An [`IdType`] code; for an organisation, the contact person's (optional).
    pub id_type: String,
    pub id_number: String,
    pub credit_code: String,
    pub contact_name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
}

fn given(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn required(out: &mut Vec<FieldError>, field: &str, value: &str, max: usize) {
    if value.trim().is_empty() {
        out.push(FieldError::new(field, FieldProblem::Required));
    } else {
        check_len(out, field, value.trim(), max);
    }
}

impl ApplicantInput {
    /// Checks every field and names every problem at once.
    pub fn check(&self) -> Result<Applicant, Vec<FieldError>> {
        let mut out = Vec::new();
        let kind = ApplicantKind::from_code(self.kind.trim());
        if kind.is_none() {
            let p = if self.kind.trim().is_empty() {
                FieldProblem::Required
            } else {
                FieldProblem::UnknownChoice
            };
            out.push(FieldError::new("kind", p));
        }
        required(&mut out, "name", &self.name, MAX_NAME_CHARS);
        let contact = self.check_contact(&mut out);
        let organisation = kind.is_some_and(ApplicantKind::is_organisation);
        // 条例第二十九条第一项: 身份证明. A person shows an id document; an organisation its credit code, and
        // its contact person's id document only if offered.
        let id = self.check_id_fields(&mut out, !organisation);
        let credit_code = if organisation {
            required(
                &mut out,
                "contact_name",
                &self.contact_name,
                MAX_CONTACT_NAME_CHARS,
            );
            self.check_credit_code(&mut out)
        } else {
            None
        };
        match (kind, out.is_empty()) {
            (Some(ApplicantKind::NaturalPerson), true) => match id {
                Some((id_type, id_number)) => Ok(Applicant::Person {
                    name: self.name.trim().to_owned(),
                    id_type,
                    id_number,
                    contact,
                }),
                None => Err(vec![FieldError::new(
                    "id_number",
                    FieldProblem::IdentityRequired,
                )]),
            },
            (Some(kind), true) => match credit_code {
                Some(credit_code) => Ok(Applicant::Organisation {
                    kind,
                    name: self.name.trim().to_owned(),
                    credit_code,
                    contact_name: self.contact_name.trim().to_owned(),
                    contact_id: id,
                    contact,
                }),
                None => Err(vec![FieldError::new(
                    "credit_code",
                    FieldProblem::IdentityRequired,
                )]),
            },
            _ => Err(out),
        }
    }

    fn check_contact(&self, out: &mut Vec<FieldError>) -> Contact {
        check_phone(out, "phone", &self.phone);
        check_email(out, "email", &self.email);
        check_len(out, "address", self.address.trim(), MAX_ADDRESS_CHARS);
        let contact = Contact {
            phone: given(&self.phone),
            email: given(&self.email),
            address: given(&self.address),
        };
        if contact.phone.is_none() && contact.email.is_none() && contact.address.is_none() {
            out.push(FieldError::new("contact", FieldProblem::NoContact));
        }
        contact
    }

    /// The id document; `needed` for a person (missing parts are [`FieldProblem::IdentityRequired`]), optional
    /// for an organisation's contact person (then only a number given without a type is refused).
    fn check_id_fields(&self, out: &mut Vec<FieldError>, needed: bool) -> Option<(IdType, String)> {
        let (type_code, number) = (self.id_type.trim(), self.id_number.trim());
        if !needed && number.is_empty() {
            return None;
        }
        let id_type = IdType::from_code(type_code);
        match (type_code.is_empty(), id_type) {
            (true, _) if needed => {
                out.push(FieldError::new("id_type", FieldProblem::IdentityRequired))
            }
            (true, _) => out.push(FieldError::new("id_type", FieldProblem::Required)),
            (false, None) => out.push(FieldError::new("id_type", FieldProblem::UnknownChoice)),
            (false, Some(_)) => {}
        }
        if number.is_empty() {
            out.push(FieldError::new("id_number", FieldProblem::IdentityRequired));
            return None;
        }
        let id_type = id_type?;
        match check_id(id_type, number) {
            Ok(()) => Some((id_type, id::normalise_id(id_type, number))),
            Err(_) => {
                out.push(FieldError::new("id_number", FieldProblem::BadIdNumber));
                None
            }
        }
    }

    fn check_credit_code(&self, out: &mut Vec<FieldError>) -> Option<CreditCode> {
        if self.credit_code.trim().is_empty() {
            out.push(FieldError::new(
                "credit_code",
                FieldProblem::IdentityRequired,
            ));
            return None;
        }
        match CreditCode::parse(&self.credit_code) {
            Ok(c) => Some(c),
            Err(_) => {
                out.push(FieldError::new("credit_code", FieldProblem::BadCreditCode));
                None
            }
        }
    }
}

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
        required(&mut out, "agency", &self.agency, MAX_AGENCY_KEY_CHARS);
        let applicant = self.applicant.check().map_err(|e| out.extend(e)).ok();
        required(
            &mut out,
            "description",
            &self.description,
            MAX_DESCRIPTION_CHARS,
        );
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
