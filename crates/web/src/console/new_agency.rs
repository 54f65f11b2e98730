//! New agencies: below an existing one (the console's "add an agency below"), or at the top of a tree (a
//! system administrator starting a platform, or a new city).

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_app::agencies::{AgencyRefusal, create_agency};
use gongkai_domain::agency::{Agency, AgencyKind};
use gongkai_domain::field::FieldError;
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::agencies::ProfileForm;
use super::{field_errors, form_status, page_context};
use crate::auth::{Access, Global, Official, can};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct NewAgencyForm {
    name: String,
    kind: String,
    credit_code: String,
}

fn render(
    state: &AppState,
    lang: Lang,
    official: &Official,
    parent: Option<&Agency>,
    form: &NewAgencyForm,
    errors: &[FieldError],
) -> Result<Response, WebError> {
    let status = form_status(errors);
    let page = state.templates.render(
        "console/agency_new.html",
        lang,
        context! {
            parent => ser(&parent),
            form => ser(form),
            errors => field_errors(errors),
            kinds => AgencyKind::ALL.map(AgencyKind::code),
            ..page_context(official)
        },
    )?;
    Ok((status, page).into_response())
}

fn blank(kind: AgencyKind) -> NewAgencyForm {
    NewAgencyForm {
        kind: kind.code().to_owned(),
        ..NewAgencyForm::default()
    }
}

/// Validates and creates; on a problem, the form again with each field's problem named.
async fn create(
    state: &AppState,
    lang: Lang,
    official: &Official,
    parent: Option<&Agency>,
    form: &NewAgencyForm,
) -> Result<Response, WebError> {
    let full = ProfileForm::basic(&form.name, &form.kind, &form.credit_code);
    let profile = match full.to_profile() {
        Ok(p) => p,
        Err(errors) => return render(state, lang, official, parent, form, &errors),
    };
    let by = official.actor_ref();
    match create_agency(&state.store, parent.map(|p| p.id), &profile, &by).await {
        Ok(a) => Ok(Redirect::to(&format!("/console/agencies/{}/edit", a.id)).into_response()),
        Err(AgencyRefusal::Fields(errors)) => render(state, lang, official, parent, form, &errors),
        Err(AgencyRefusal::App(e)) => Err(e.into()),
    }
}

pub async fn child_form(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::CreateAgency>,
) -> Result<Response, WebError> {
    let form = blank(AgencyKind::Department);
    render(
        &state,
        lang,
        &access.official,
        Some(&access.agency),
        &form,
        &[],
    )
}

pub async fn create_child(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::CreateAgency>,
    Form(form): Form<NewAgencyForm>,
) -> Result<Response, WebError> {
    create(&state, lang, &access.official, Some(&access.agency), &form).await
}

pub async fn root_form(
    State(state): State<AppState>,
    lang: Lang,
    access: Global<can::CreateAgency>,
) -> Result<Response, WebError> {
    render(
        &state,
        lang,
        &access.official,
        None,
        &blank(AgencyKind::Government),
        &[],
    )
}

pub async fn create_root(
    State(state): State<AppState>,
    lang: Lang,
    access: Global<can::CreateAgency>,
    Form(form): Form<NewAgencyForm>,
) -> Result<Response, WebError> {
    create(&state, lang, &access.official, None, &form).await
}
