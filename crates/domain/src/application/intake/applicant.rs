//! The applicant of 条例第二十九条第一项: 姓名或者名称、身份证明、联系方式, as typed and as checked. Only the
//! checked applicant is kept ([`Applicant::to_input`]): every field bounded, control characters refused, and
//! the fields that do not belong to the applicant's kind dropped, so nothing is stored as sent unchecked.

use crate::application::outcome::ApplicantKind;
use crate::credit_code::CreditCode;
use crate::field::{
    FieldError, FieldProblem, MAX_EMAIL_CHARS, MAX_PHONE_CHARS, check_email, check_len, check_line,
    check_phone,
};

use super::id::{self, IdType, MAX_OTHER_ID_CHARS, check_id};
use super::{MAX_ADDRESS_CHARS, MAX_CONTACT_NAME_CHARS, MAX_NAME_CHARS};

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

/// A code typed into a choice field (kind, id type) or a credit code: far longer than any real one.
pub const MAX_CODE_CHARS: usize = 32;

impl Applicant {
    /// The applicant as it is kept with the application (serialised as [`ApplicantInput`]): the checked values
    /// only, trimmed and normalised, and only the fields of this kind of applicant (a contact person belongs to
    /// an organisation; a person's own 证件 is their 身份证明).
    pub fn to_input(&self) -> ApplicantInput {
        let contact = |c: &Contact| {
            (
                c.phone.clone().unwrap_or_default(),
                c.email.clone().unwrap_or_default(),
                c.address.clone().unwrap_or_default(),
            )
        };
        match self {
            Self::Person {
                name,
                id_type,
                id_number,
                contact: c,
            } => {
                let (phone, email, address) = contact(c);
                ApplicantInput {
                    kind: ApplicantKind::NaturalPerson.code().to_owned(),
                    name: name.clone(),
                    id_type: id_type.code().to_owned(),
                    id_number: id_number.clone(),
                    phone,
                    email,
                    address,
                    ..ApplicantInput::default()
                }
            }
            Self::Organisation {
                kind,
                name,
                credit_code,
                contact_name,
                contact_id,
                contact: c,
            } => {
                let (phone, email, address) = contact(c);
                let (id_type, id_number) = contact_id
                    .as_ref()
                    .map(|(t, n)| (t.code().to_owned(), n.clone()))
                    .unwrap_or_default();
                ApplicantInput {
                    kind: kind.code().to_owned(),
                    name: name.clone(),
                    id_type,
                    id_number,
                    credit_code: credit_code.as_str().to_owned(),
                    contact_name: contact_name.clone(),
                    phone,
                    email,
                    address,
                }
            }
        }
    }
}

/// The applicant as typed: plain strings, empty when not given. Field names in errors are the field names here.
/// Kept with the application only as checked ([`Applicant::to_input`]), serialised in this field order.
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

pub(super) fn required(out: &mut Vec<FieldError>, field: &str, value: &str, max: usize) {
    if value.trim().is_empty() {
        out.push(FieldError::new(field, FieldProblem::Required));
    } else {
        check_line(out, field, value.trim(), max);
    }
}

impl ApplicantInput {
    /// Every field with the most characters it may have, whatever the kind of applicant: a field that does not
    /// belong to the kind is dropped, but not before it is bounded like the rest.
    fn bounds(&self) -> [(&'static str, &str, usize); 9] {
        [
            ("kind", &self.kind, MAX_CODE_CHARS),
            ("name", &self.name, MAX_NAME_CHARS),
            ("id_type", &self.id_type, MAX_CODE_CHARS),
            ("id_number", &self.id_number, MAX_OTHER_ID_CHARS),
            ("credit_code", &self.credit_code, MAX_CODE_CHARS),
            ("contact_name", &self.contact_name, MAX_CONTACT_NAME_CHARS),
            ("phone", &self.phone, MAX_PHONE_CHARS),
            ("email", &self.email, MAX_EMAIL_CHARS),
            ("address", &self.address, MAX_ADDRESS_CHARS),
        ]
    }

    /// Checks every field and names every problem at once (one problem per field: the first found).
    pub fn check(&self) -> Result<Applicant, Vec<FieldError>> {
        let mut out = Vec::new();
        let checked = self.check_fields(&mut out);
        for (field, value, max) in self.bounds() {
            // The bound holds for the field as sent, spaces around it included (the API's schema states it so).
            check_len(&mut out, field, value, max);
            check_line(&mut out, field, value.trim(), max);
        }
        match checked {
            Some(applicant) if out.is_empty() => Ok(applicant),
            _ => {
                let mut seen = std::collections::HashSet::new();
                out.retain(|e| seen.insert(e.field.clone()));
                Err(out)
            }
        }
    }

    fn check_fields(&self, out: &mut Vec<FieldError>) -> Option<Applicant> {
        let kind = ApplicantKind::from_code(self.kind.trim());
        if kind.is_none() {
            let p = if self.kind.trim().is_empty() {
                FieldProblem::Required
            } else {
                FieldProblem::UnknownChoice
            };
            out.push(FieldError::new("kind", p));
        }
        required(out, "name", &self.name, MAX_NAME_CHARS);
        let contact = self.check_contact(out);
        let organisation = kind.is_some_and(ApplicantKind::is_organisation);
        // 条例第二十九条第一项: 身份证明. A person shows an id document; an organisation its credit code, and
        // its contact person's id document only if offered.
        let id = self.check_id_fields(out, !organisation);
        let credit_code = if organisation {
            required(
                out,
                "contact_name",
                &self.contact_name,
                MAX_CONTACT_NAME_CHARS,
            );
            self.check_credit_code(out)
        } else {
            None
        };
        match (kind, out.is_empty()) {
            (Some(ApplicantKind::NaturalPerson), true) => match id {
                Some((id_type, id_number)) => Some(Applicant::Person {
                    name: self.name.trim().to_owned(),
                    id_type,
                    id_number,
                    contact,
                }),
                None => {
                    out.push(FieldError::new("id_number", FieldProblem::IdentityRequired));
                    None
                }
            },
            (Some(kind), true) => match credit_code {
                Some(credit_code) => Some(Applicant::Organisation {
                    kind,
                    name: self.name.trim().to_owned(),
                    credit_code,
                    contact_name: self.contact_name.trim().to_owned(),
                    contact_id: id,
                    contact,
                }),
                None => {
                    out.push(FieldError::new(
                        "credit_code",
                        FieldProblem::IdentityRequired,
                    ));
                    None
                }
            },
            _ => None,
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
