//! An official changes their own password (the current one is asked again: a borrowed session is not enough).

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use gongkai_domain::account::check_new_password;
use gongkai_domain::field::{FieldError, FieldProblem};
use gongkai_store::AccountStore;

use crate::client::ClientIp;
use gongkai_app::accounts::sign_in::confirm_password;
use minijinja::context;
use serde::Deserialize;

use super::{field_errors, form_status, page_context};
use crate::auth::Official;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use gongkai_app::accounts::password;

fn render(
    state: &AppState,
    lang: Lang,
    official: &Official,
    errors: &[FieldError],
    changed: bool,
) -> Result<Response, WebError> {
    let status = form_status(errors);
    let page = state.templates.render(
        "console/password.html",
        lang,
        context! {
            errors => field_errors(errors),
            changed => changed,
            must_change => official.account.must_change_password && !changed,
            ..page_context(official)
        },
    )?;
    Ok((status, page).into_response())
}

pub async fn form(
    State(state): State<AppState>,
    lang: Lang,
    official: Official,
) -> Result<Response, WebError> {
    render(&state, lang, &official, &[], false)
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    current: String,
    new: String,
    repeat: String,
}

pub async fn change(
    State(state): State<AppState>,
    lang: Lang,
    official: Official,
    ClientIp(client): ClientIp,
    Form(f): Form<PasswordForm>,
) -> Result<Response, WebError> {
    let username = &official.account.username;
    if !confirm_password(&state, username, f.current, client).await? {
        let e = [FieldError::new("current", FieldProblem::WrongPassword)];
        return render(&state, lang, &official, &e, false);
    }
    if let Err(mut e) = check_new_password(&f.new, &official.account.username) {
        e.field = "new".into();
        return render(&state, lang, &official, &[e], false);
    }
    if f.new != f.repeat {
        let e = [FieldError::new("repeat", FieldProblem::PasswordMismatch)];
        return render(&state, lang, &official, &e, false);
    }
    let hash = password::hash(f.new).await?;
    state
        .store
        .set_password(
            official.account.id,
            &hash,
            Some(&official.token_hash),
            &official.actor_ref(),
        )
        .await?;
    render(&state, lang, &official, &[], true)
}
