//! The application form (依申请公开), as the portal offers it to citizens and the console to staff registering
//! one received by another channel: its fields, its blank state and its choices.

use gongkai_app::applications::Request;
use gongkai_domain::application::intake::{ApplicantInput, IdType};
use gongkai_domain::application::outcome::ApplicantKind;
use minijinja::context;
use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Messages};

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ApplyForm {
    pub kind: String,
    pub name: String,
    pub id_type: String,
    pub id_number: String,
    pub credit_code: String,
    pub contact_name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub description: String,
    pub form: String,
    pub delivery: String,
}

impl ApplyForm {
    /// The form as the use case's request, for `agency`.
    pub fn request(&self, agency: &str) -> Request {
        Request {
            agency: agency.to_owned(),
            applicant: ApplicantInput {
                kind: self.kind.clone(),
                name: self.name.clone(),
                id_type: self.id_type.clone(),
                id_number: self.id_number.clone(),
                credit_code: self.credit_code.clone(),
                contact_name: self.contact_name.clone(),
                phone: self.phone.clone(),
                email: self.email.clone(),
                address: self.address.clone(),
            },
            description: self.description.clone(),
            form: self.form.clone(),
            delivery: self.delivery.clone(),
        }
    }

    /// A blank form with the usual choices made.
    pub fn blank() -> ApplyForm {
        ApplyForm {
            kind: "np".into(),
            id_type: "resident_id".into(),
            form: "electronic".into(),
            delivery: "email".into(),
            ..ApplyForm::default()
        }
    }
}

pub fn choices(lang: Lang) -> minijinja::Value {
    let name = |prefix: &str, code: &'static str| Messages::shared().name(*lang, prefix, code);
    let kinds: Vec<_> = ApplicantKind::ALL
        .iter()
        .map(|k| context! { code => k.code(), name => name("applicant_kind", k.code()) })
        .collect();
    let ids: Vec<_> = IdType::ALL
        .iter()
        .map(|t| context! { code => t.code(), name => name("id_type", t.code()) })
        .collect();
    context! { kinds => kinds, ids => ids }
}
