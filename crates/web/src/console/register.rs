//! Staff registration of an application that came in on paper, by post, fax or e-mail (条例第三十一条): the
//! same checks as the online form, with the channel deciding the receipt date. The applicant's tracking number
//! and query code are shown once, for the office to pass on with its acknowledgement.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gongkai_app::applications::{Intake, Refusal, receive};
use gongkai_domain::application::intake::Channel;
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::page_context;
use crate::auth::{Access, can};
use crate::error::WebError;
use crate::forms::application::{ApplyForm, choices};
use crate::i18n::Lang;
use crate::models::application::{Receipt, field_problems, form_errors};
use crate::state::AppState;
use crate::templates::ser;

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RegisterForm {
    #[serde(flatten)]
    application: ApplyForm,
    channel: String,
    /// The day it was handed in, posted, faxed or e-mailed.
    sent_on: String,
    /// The day the office signed for it or confirmed it with the applicant.
    confirmed_on: String,
}

/// The channels staff register (the online form registers itself).
fn channels() -> Vec<&'static str> {
    Channel::ALL
        .iter()
        .filter(|c| **c != Channel::Online)
        .map(|c| c.code())
        .collect()
}

async fn render(
    state: &AppState,
    lang: Lang,
    access: &Access<can::HandleRecords>,
    form: &RegisterForm,
    errors: &BTreeMap<String, String>,
) -> Result<Response, WebError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = state.templates.render(
        "console/register_application.html",
        lang,
        context! {
            agency => ser(&access.agency),
            form => ser(&form.application),
            extra => context! { channel => &form.channel, sent_on => &form.sent_on, confirmed_on => &form.confirmed_on },
            errors => ser(errors),
            choices => choices(lang),
            channels => channels(),
            ..page_context(&access.official)
        },
    )?;
    Ok((status, page).into_response())
}

pub async fn form(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::HandleRecords>,
) -> Result<Response, WebError> {
    let today = state.today().to_string();
    let form = RegisterForm {
        application: ApplyForm::blank(),
        channel: Channel::InPerson.code().into(),
        sent_on: today.clone(),
        confirmed_on: today,
    };
    render(&state, lang, &access, &form, &BTreeMap::new()).await
}

pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::HandleRecords>,
    Form(form): Form<RegisterForm>,
) -> Result<Response, WebError> {
    let mut errors = BTreeMap::new();
    if Channel::from_code(&form.channel).is_none_or(|c| c == Channel::Online) {
        errors.insert(
            "channel".to_owned(),
            state
                .templates
                .messages()
                .text(*lang, "field_required")
                .to_owned(),
        );
        return render(&state, lang, &access, &form, &errors).await;
    }
    let intake = Intake {
        channel: form.channel.clone(),
        sent_on: form.sent_on.clone(),
        confirmed_on: form.confirmed_on.clone(),
        by: access.official.actor_ref(),
        id_proof: None,
    };
    let request = form.application.request(&access.agency.profile.name);
    match receive(&state, request, intake).await {
        Ok(receipt) => {
            let receipt = Receipt::from(receipt);
            let page = state.templates.render(
                "console/registered.html",
                lang,
                context! { agency => ser(&access.agency), receipt => ser(&receipt), ..page_context(&access.official) },
            )?;
            Ok((StatusCode::CREATED, page).into_response())
        }
        Err(Refusal::Fields(fields)) => {
            let fields = field_problems(fields, state.templates.messages(), lang);
            render(&state, lang, &access, &form, &form_errors(fields)).await
        }
        Err(Refusal::App(e)) => Err(e.into()),
    }
}

/// `GET /console/agencies/{agency}/applications/receipts/{tracking_no}/pdf`: the 回执 the clerk prints and
/// hands over for an application of the agency (without the query code, which is kept only hashed: the
/// registered page shows it once, to be written on the receipt or passed on).
pub async fn receipt_pdf(
    State(state): State<AppState>,
    access: Access<can::HandleRecords>,
    axum::extract::Path((_, tracking_no)): axum::extract::Path<(i64, String)>,
) -> Result<Response, WebError> {
    let status_url = format!("{}/status", crate::portal::feeds::site_base(&state));
    let bytes = gongkai_app::applications::receipt_pdf::staff_receipt(
        &state,
        access.agency.id,
        &tracking_no,
        &status_url,
    )
    .await?;
    Ok(crate::downloads::printable_pdf(
        &format!("receipt-{tracking_no}.pdf"),
        bytes,
    ))
}
