//! The words of each message, in Chinese (the applicant's language on this platform; the locale files hold
//! them, with their English in `en.toml` for the catalogue's completeness).
//!
//! The receipt does not carry the query code: the outbox keeps every message's text in the database, and the
//! store otherwise keeps only the code's hash, so that a copy of the database opens no application; e-mail
//! also crosses servers in clear. The applicant saw the code once on the receipt page (or was told it by the
//! staff who registered a paper application), and the message says whom to ask if it was lost.

use chrono::NaiveDate;
use gongkai_domain::agency::Agency;
use gongkai_domain::application::notice::NoticeKind;
use gongkai_domain::message::{Arg, Args};
use gongkai_store::{StoredApplication, StoredLetter};

use crate::applications::letters::applicant_name;
use crate::context::App;
use crate::error::{AppError, AppResult};
use crate::messages::{Lang, Messages, fill};

/// `key`'s Chinese text with `args` filled.
pub(super) fn zh(key: &str, args: &Args) -> String {
    let messages = Messages::shared();
    fill(messages.text(Lang::Zh, key), args, |arg| match arg {
        Arg::Text(t) => t.clone(),
        Arg::Number(n) => n.to_string(),
        Arg::Date(d) => day(*d),
        Arg::Word(w) => messages.text(Lang::Zh, w).to_owned(),
        Arg::Said(s) => s.to_string(),
    })
}

/// `2026年3月2日`.
pub(super) fn day(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

/// The public address without a trailing slash, if the site has one.
pub(super) fn site(app: &App) -> Option<String> {
    app.notify
        .public_url
        .as_deref()
        .map(|u| u.trim().trim_end_matches('/').to_owned())
        .filter(|u| !u.is_empty())
}

/// Greeting, body, the way to follow the application, the agency's telephone, footer.
fn letter(app: &App, agency: &Agency, application: &StoredApplication, body: String) -> String {
    let mut out = vec![
        zh(
            "mail_greeting",
            &vec![("name", Arg::text(applicant_name(application)))],
        ),
        String::new(),
        body,
        String::new(),
    ];
    out.push(match site(app) {
        Some(url) => zh(
            "mail_status_link",
            &vec![("url", Arg::text(format!("{url}/status")))],
        ),
        None => zh("mail_status_portal", &vec![]),
    });
    let contact = crate::applications::letters::contact(agency);
    if !contact.phone.trim().is_empty() {
        out.push(zh(
            "mail_contact",
            &vec![("phone", Arg::text(contact.phone.trim()))],
        ));
    }
    out.push(String::new());
    out.push(agency.profile.name.clone());
    out.push(String::new());
    out.push(zh("mail_footer", &vec![]));
    out.join("\n")
}

/// Subject and text of the receipt of `application`.
pub fn receipt(
    app: &App,
    agency: &Agency,
    application: &StoredApplication,
) -> AppResult<(String, String)> {
    let received_on = application
        .received_on
        .ok_or_else(|| AppError::internal("a receipt without a day of receipt"))?;
    let (due_on, _) = crate::applications::receive::due(app, received_on)?;
    let args: Args = vec![
        ("agency", Arg::text(&agency.profile.name)),
        ("tracking_no", Arg::text(application.tracking_no)),
        ("received_on", Arg::Date(received_on)),
        ("due_on", Arg::Date(due_on)),
    ];
    let subject = zh("mail_receipt_subject", &args);
    let body = letter(app, agency, application, zh("mail_receipt_body", &args));
    Ok((subject, body))
}

/// Subject and text of the message that brings `letter`, a notice of `kind`, to the applicant.
pub fn served(
    app: &App,
    agency: &Agency,
    application: &StoredApplication,
    kind: NoticeKind,
    letter_kept: &StoredLetter,
) -> (String, String) {
    let args: Args = vec![
        ("agency", Arg::text(&agency.profile.name)),
        ("tracking_no", Arg::text(application.tracking_no)),
        ("title", Arg::text(kind.title())),
        ("served_on", Arg::Date(letter_kept.served_on)),
        (
            "doc_no",
            Arg::text(letter_kept.doc_no.as_deref().unwrap_or_default()),
        ),
        ("text", Arg::text(letter_kept.text.trim())),
    ];
    let (subject, body) = if kind == NoticeKind::Decision {
        ("mail_decision_subject", "mail_decision_body")
    } else {
        ("mail_served_subject", "mail_served_body")
    };
    (
        zh(subject, &args),
        letter(app, agency, application, zh(body, &args)),
    )
}
