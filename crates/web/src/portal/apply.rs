//! The online application form of an agency's 依申请公开 section, the receipt with the tracking number and query
//! code, and the public status page. The form goes through the same checks as `POST /api/v1/applications`.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::application::intake::IdType;
use gongkai_domain::application::outcome::ApplicantKind;
use gongkai_store::AgencyStore;
use minijinja::context;
use serde::{Deserialize, Serialize};

use crate::api::applications::{
    ApplicantBody, ApplicationBody, Rejection, StatusParams, create_inner, status,
};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::views::ser;

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ApplyForm {
    kind: String,
    name: String,
    id_type: String,
    id_number: String,
    credit_code: String,
    contact_name: String,
    phone: String,
    email: String,
    address: String,
    description: String,
    form: String,
    delivery: String,
}

fn choices(lang: Lang) -> minijinja::Value {
    let name = |zh: &str, en: &str| {
        if lang == Lang::Zh {
            zh.to_owned()
        } else {
            en.to_owned()
        }
    };
    let kinds: Vec<_> = ApplicantKind::ALL
        .iter()
        .map(|k| context! { code => k.code(), name => name(k.name_zh(), k.name_en()) })
        .collect();
    let ids: Vec<_> = IdType::ALL
        .iter()
        .map(|t| context! { code => t.code(), name => name(t.name_zh(), t.name_en()) })
        .collect();
    context! { kinds => kinds, ids => ids }
}

async fn render(
    state: &AppState,
    lang: Lang,
    id: i64,
    form: &ApplyForm,
    errors: &BTreeMap<String, String>,
) -> Result<Response, WebError> {
    let agency = state
        .store
        .agency(AgencyId(id))
        .await?
        .ok_or(WebError::NotFound)?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = state.views.render(
        "portal/apply.html",
        lang,
        context! {
            agency => ser(&agency),
            parent => (),
            demo => state.demo,
            current => "apply",
            form => ser(form),
            errors => ser(errors),
            choices => choices(lang),
        },
    )?;
    Ok((status, page).into_response())
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let form = ApplyForm {
        kind: "np".into(),
        id_type: "resident_id".into(),
        form: "electronic".into(),
        delivery: "email".into(),
        ..ApplyForm::default()
    };
    render(&state, lang, id, &form, &BTreeMap::new()).await
}

pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
    Form(form): Form<ApplyForm>,
) -> Result<Response, WebError> {
    let agency = state
        .store
        .agency(AgencyId(id))
        .await?
        .ok_or(WebError::NotFound)?;
    let body = ApplicationBody {
        agency: agency.profile.name.clone(),
        applicant: ApplicantBody {
            kind: form.kind.clone(),
            name: form.name.clone(),
            id_type: form.id_type.clone(),
            id_number: form.id_number.clone(),
            credit_code: form.credit_code.clone(),
            contact_name: form.contact_name.clone(),
            phone: form.phone.clone(),
            email: form.email.clone(),
            address: form.address.clone(),
        },
        description: form.description.clone(),
        form: form.form.clone(),
        delivery: form.delivery.clone(),
    };
    match create_inner(&state, lang, body).await {
        Ok(receipt) => {
            let page = state.views.render(
                "portal/apply_done.html",
                lang,
                context! {
                    agency => ser(&agency), parent => (), demo => state.demo, current => "apply", receipt => ser(&receipt),
                },
            )?;
            Ok((StatusCode::CREATED, page).into_response())
        }
        Err(Rejection::Fields(fields)) => {
            // A field is shown under its own name in the form (`applicant.id_number` is `id_number`).
            let errors: BTreeMap<String, String> = fields
                .into_iter()
                .map(|f| {
                    (
                        f.field.rsplit('.').next().unwrap_or(&f.field).to_owned(),
                        f.message,
                    )
                })
                .collect();
            render(&state, lang, id, &form, &errors).await
        }
        Err(Rejection::Web(e)) => Err(e),
    }
}

/// The public status page: the state and deadline of an application, for whoever holds its query code.
pub async fn status_page(
    State(state): State<AppState>,
    lang: Lang,
    Query(params): Query<StatusParams>,
) -> Result<Response, WebError> {
    let asked = !params.tracking_no.trim().is_empty();
    let (found, problem) = if asked {
        let tracking_no = params.tracking_no.trim().to_owned();
        let query_code = params.query_code.clone();
        match status(
            State(state.clone()),
            lang,
            Query(StatusParams {
                tracking_no,
                query_code,
            }),
        )
        .await
        {
            Ok(axum::Json(s)) => (Some(s), false),
            Err(WebError::NotFoundAs(_)) => (None, true),
            Err(e) => return Err(e),
        }
    } else {
        (None, false)
    };
    let code = if problem {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    let page = state.views.render(
        "portal/status.html",
        lang,
        context! { tracking_no => params.tracking_no.trim(), found => ser(&found), problem => problem },
    )?;
    Ok((code, page).into_response())
}
