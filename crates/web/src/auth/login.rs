//! Signing in and out. Failures, a locked account included, say only "wrong name or password" (no account
//! discovery); five in a row lock the account for fifteen minutes, and each address is throttled before the
//! handler is reached (see [`crate::router`]).

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use gongkai_store::SessionStore;
use minijinja::context;
use serde::Deserialize;

use super::Official;
use crate::client::ClientIp;
use crate::error::{WebError, safe_next};
use crate::i18n::Lang;
use crate::security::{cookie, same_secret};
use crate::state::AppState;
use gongkai_app::accounts::sign_in::{SignInRefusal, sign_in};
use gongkai_app::secrets::random_token;

/// The login form's own CSRF token (there is no session yet): a cookie that must match the form field.
const LOGIN_CSRF_COOKIE: &str = "gongkai_login_csrf";
const LOGIN_PATH: &str = "/console/login";

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn form(
    State(state): State<AppState>,
    lang: Lang,
    Query(q): Query<NextQuery>,
    mut parts: axum::http::request::Parts,
) -> Result<Response, WebError> {
    if Official::resolve(&mut parts, &state).await?.is_some() {
        return Ok(Redirect::to(&safe_next(q.next.as_deref())).into_response());
    }
    render(&state, lang, q.next.as_deref(), "", None, StatusCode::OK)
}

fn render(
    state: &AppState,
    lang: Lang,
    next: Option<&str>,
    username: &str,
    error_key: Option<&str>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let token = random_token().map_err(|e| WebError::Internal(format!("random: {e}")))?;
    let page = state.templates.render(
        "console/login.html",
        lang,
        context! { csrf => token.clone(), next => safe_next(next), username => username, error_key => error_key },
    )?;
    let set = state
        .cookies()
        .set(LOGIN_CSRF_COOKIE, &token, LOGIN_PATH, 3600);
    Ok((status, [(header::SET_COOKIE, set)], page).into_response())
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    csrf: String,
    next: Option<String>,
}

pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    ClientIp(client): ClientIp,
    Form(f): Form<LoginForm>,
) -> Result<Response, WebError> {
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty()
        || !same_secret(&f.csrf, &expected)
        || !super::csrf::same_origin(&headers, state.config.public_url.as_deref())
    {
        return Err(WebError::Csrf);
    }
    let fail = |key: &str| {
        render(
            &state,
            lang,
            f.next.as_deref(),
            f.username.trim(),
            Some(key),
            StatusCode::UNAUTHORIZED,
        )
    };
    let ttl = state.session_ttl_ms();
    let opened = match sign_in(&state, &f.username, f.password, client, ttl).await? {
        Ok(opened) => opened,
        Err(SignInRefusal::Failed) => return fail("login_failed"),
        Err(SignInRefusal::Disabled) => return fail("login_disabled"),
    };
    let token = opened.token;
    let cookies = state.cookies();
    let session = cookies.set(cookies.session_cookie(), &token, "/", ttl / 1000);
    let clear = cookies.clear(LOGIN_CSRF_COOKIE, LOGIN_PATH);
    let target = safe_next(f.next.as_deref());
    Ok((
        StatusCode::SEE_OTHER,
        [(header::LOCATION, target)],
        AppendHeaders([(header::SET_COOKIE, session), (header::SET_COOKIE, clear)]),
    )
        .into_response())
}

pub async fn logout(
    State(state): State<AppState>,
    official: Official,
) -> Result<Response, WebError> {
    state
        .store
        .close_session(&official.token_hash, &official.actor_ref())
        .await?;
    let cookies = state.cookies();
    let clear = cookies.clear(cookies.session_cookie(), "/");
    Ok((
        StatusCode::SEE_OTHER,
        [(header::LOCATION, LOGIN_PATH)],
        [(header::SET_COOKIE, clear)],
    )
        .into_response())
}
