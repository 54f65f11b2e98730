//! An agency's page and its profile form (the contacts the 公开指南 prints, 条例第十二条).

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_domain::access::in_scope;
use gongkai_domain::agency::{AgencyKind, AgencyProfile, Contact};
use gongkai_domain::credit_code::CreditCode;
use gongkai_domain::field::{FieldError, FieldProblem};
use gongkai_store::{AgencyStore, StoreError};
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::{allowed_actions, field_errors, form_status, page_context};
use crate::auth::{Access, can};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

#[derive(Debug, Deserialize)]
pub struct Flash {
    saved: Option<String>,
}

#[derive(Debug, Serialize)]
struct Link {
    id: i64,
    name: String,
    reachable: bool,
}

pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    Query(flash): Query<Flash>,
    access: Access<can::ViewAgency>,
) -> Result<Response, WebError> {
    let Access {
        official,
        agency,
        tree,
        ..
    } = access;
    let actor = official.actor();
    let all = state.store.agencies().await?;
    let link = |a: &gongkai_domain::agency::Agency| Link {
        id: a.id.0,
        name: a.profile.name.clone(),
        reachable: in_scope(&actor, a.id, &tree),
    };
    let parent = agency
        .parent
        .and_then(|p| all.iter().find(|a| a.id == p))
        .map(link);
    let children: Vec<Link> = all
        .iter()
        .filter(|a| a.parent == Some(agency.id))
        .map(link)
        .collect();
    let page = state.templates.render(
        "console/agency.html",
        lang,
        context! {
            agency => ser(&agency),
            parent => ser(&parent),
            children => ser(&children),
            can => ser(&allowed_actions(&official, &agency, &tree)),
            saved => flash.saved.is_some(),
            ..page_context(&official)
        },
    )?;
    Ok(page.into_response())
}

/// The profile form as it travels: flat fields named as in the template.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ProfileForm {
    name: String,
    credit_code: String,
    kind: String,
    website: String,
    contact_address: String,
    contact_office_hours: String,
    contact_phone: String,
    contact_fax: String,
    contact_email: String,
    office_name: String,
    office_address: String,
    office_office_hours: String,
    office_phone: String,
    office_fax: String,
    office_email: String,
    review_body: String,
    /// 发文机关代字 of the agency's letters (GB/T 9704-2012 7.2.4).
    doc_prefix: String,
}

impl ProfileForm {
    /// Only what a new agency starts with; the rest is filled in on its profile form.
    pub(super) fn basic(name: &str, kind: &str, credit_code: &str) -> Self {
        Self {
            name: name.to_owned(),
            kind: kind.to_owned(),
            credit_code: credit_code.to_owned(),
            ..Self::default()
        }
    }

    fn from_profile(p: &AgencyProfile) -> Self {
        Self {
            name: p.name.clone(),
            credit_code: p
                .credit_code
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            kind: p.kind.code().to_owned(),
            website: p.website.clone(),
            contact_address: p.contact.address.clone(),
            contact_office_hours: p.contact.office_hours.clone(),
            contact_phone: p.contact.phone.clone(),
            contact_fax: p.contact.fax.clone(),
            contact_email: p.contact.email.clone(),
            office_name: p.office_name.clone(),
            office_address: p.office.address.clone(),
            office_office_hours: p.office.office_hours.clone(),
            office_phone: p.office.phone.clone(),
            office_fax: p.office.fax.clone(),
            office_email: p.office.email.clone(),
            review_body: p.review_body.clone(),
            doc_prefix: p.doc_prefix.clone(),
        }
    }

    /// The profile, or every problem with the form.
    pub(super) fn to_profile(&self) -> Result<AgencyProfile, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = AgencyKind::from_code(&self.kind).unwrap_or_else(|| {
            errors.push(FieldError::new("kind", FieldProblem::Required));
            AgencyKind::Other
        });
        let credit_code = match self.credit_code.trim() {
            "" => None,
            code => match CreditCode::parse(code) {
                Ok(c) => Some(c),
                Err(_) => {
                    errors.push(FieldError::new("credit_code", FieldProblem::BadCreditCode));
                    None
                }
            },
        };
        let t = |s: &str| s.trim().to_owned();
        let profile = AgencyProfile {
            name: t(&self.name),
            credit_code,
            kind,
            contact: Contact {
                address: t(&self.contact_address),
                office_hours: t(&self.contact_office_hours),
                phone: t(&self.contact_phone),
                fax: t(&self.contact_fax),
                email: t(&self.contact_email),
            },
            website: t(&self.website),
            office_name: t(&self.office_name),
            office: Contact {
                address: t(&self.office_address),
                office_hours: t(&self.office_office_hours),
                phone: t(&self.office_phone),
                fax: t(&self.office_fax),
                email: t(&self.office_email),
            },
            review_body: t(&self.review_body),
            doc_prefix: t(&self.doc_prefix),
        };
        errors.extend(profile.problems());
        if errors.is_empty() {
            Ok(profile)
        } else {
            Err(errors)
        }
    }
}

fn render_edit(
    state: &AppState,
    lang: Lang,
    access: &Access<can::EditAgency>,
    form: &ProfileForm,
    errors: &[FieldError],
) -> Result<Response, WebError> {
    let status = form_status(errors);
    let page = state.templates.render(
        "console/agency_edit.html",
        lang,
        context! {
            agency => ser(&access.agency),
            form => ser(form),
            errors => field_errors(errors),
            kinds => AgencyKind::ALL.map(AgencyKind::code),
            ..page_context(&access.official)
        },
    )?;
    Ok((status, page).into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::EditAgency>,
) -> Result<Response, WebError> {
    let form = ProfileForm::from_profile(&access.agency.profile);
    render_edit(&state, lang, &access, &form, &[])
}

pub async fn edit_submit(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::EditAgency>,
    Form(form): Form<ProfileForm>,
) -> Result<Response, WebError> {
    let profile = match form.to_profile() {
        Ok(p) => p,
        Err(errors) => return render_edit(&state, lang, &access, &form, &errors),
    };
    match state
        .store
        .update_agency(access.agency.id, &profile, &access.official.actor_ref())
        .await
    {
        Ok(a) => Ok(Redirect::to(&format!("/console/agencies/{}?saved=1", a.id)).into_response()),
        Err(StoreError::Conflict { field }) => {
            let field = if field == "credit_code" {
                "credit_code"
            } else {
                "name"
            };
            render_edit(
                &state,
                lang,
                &access,
                &form,
                &[FieldError::new(field, FieldProblem::Taken)],
            )
        }
        Err(e) => Err(e.into()),
    }
}
