//! E-mail notifications. Every message is recorded in the store's outbox first (`MailStore::queue_mail`), off
//! the request path a background task ([`send`]) sends it through the configured SMTP server and retries a
//! failure with back-off; without a `[mail]` section the message is still recorded, as not configured.
//!
//! To the applicant who gave an e-mail address, whatever delivery they chose (an e-mail is a courtesy copy;
//! the legal service of a notice stays the delivery the applicant chose, 条例第四十条): the receipt, each
//! written notice served to them, and the decision with its 答复告知书 attached as PDF. To staff: a daily digest
//! ([`digest`]).

pub mod compose;
pub mod digest;
pub mod send;

use std::sync::Arc;

use gongkai_domain::application::notice::NoticeKind;
use gongkai_store::{
    AgencyStore, ApplicationStore, MailStore, NewMail, StoredApplication, StoredLetter,
};

use crate::config::MailConfig;
use crate::context::App;
use crate::error::{AppError, AppResult};

/// What the notifications need from the configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub mail: MailConfig,
    /// The public address of the site, to link to the status page (`None`: the messages name no link).
    pub public_url: Option<String>,
}

impl Settings {
    pub fn shared(mail: MailConfig, public_url: Option<String>) -> Arc<Self> {
        Arc::new(Self { mail, public_url })
    }
}

/// The applicant's e-mail address, if they gave one.
pub fn applicant_email(application: &StoredApplication) -> Option<String> {
    let json: serde_json::Value = serde_json::from_str(&application.applicant).ok()?;
    let email = json["email"].as_str()?.trim();
    (!email.is_empty()).then(|| email.to_owned())
}

/// Records the receipt of a newly received application for its applicant (none without an address).
pub async fn receipt(app: &App, application: &StoredApplication) -> AppResult<()> {
    let Some(to) = applicant_email(application) else {
        return Ok(());
    };
    let agency = app
        .store
        .agency(application.agency)
        .await?
        .ok_or_else(|| AppError::internal("the application's agency is gone"))?;
    let (subject, body) = compose::receipt(app, &agency, application)?;
    queue(
        app,
        "receipt",
        &to,
        &agency.profile.name,
        application,
        None,
        subject,
        body,
    )
    .await
}

/// Records the message of the notice of kind `kind` just served on `application` (its newest letter of that
/// kind), with the letter's PDF; nothing for a letter not addressed to the applicant or without an address.
pub async fn served(app: &App, application: &StoredApplication, kind: NoticeKind) -> AppResult<()> {
    if !kind.to_applicant() {
        return Ok(());
    }
    let Some(to) = applicant_email(application) else {
        return Ok(());
    };
    let letters = app.store.application_letters(application.id).await?;
    let Some(letter) = letters.iter().rev().find(|l| l.kind == kind.code()) else {
        return Ok(());
    };
    let agency = app
        .store
        .agency(application.agency)
        .await?
        .ok_or_else(|| AppError::internal("the application's agency is gone"))?;
    let (subject, body) = compose::served(app, &agency, application, kind, letter);
    let message_kind = if kind == NoticeKind::Decision {
        "decision"
    } else {
        "notice"
    };
    queue(
        app,
        message_kind,
        &to,
        &agency.profile.name,
        application,
        Some(letter),
        subject,
        body,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn queue(
    app: &App,
    kind: &str,
    to: &str,
    sender_name: &str,
    application: &StoredApplication,
    letter: Option<&StoredLetter>,
    subject: String,
    body: String,
) -> AppResult<()> {
    let mail = NewMail {
        kind: kind.to_owned(),
        recipient: to.to_owned(),
        sender_name: sender_name.to_owned(),
        subject,
        body,
        agency: Some(application.agency),
        application: Some(application.id),
        reference: application.tracking_no.to_string(),
        letter: letter.map(|l| l.id),
        account: None,
        send: app.notify.mail.configured(),
    };
    app.store.queue_mail(&[mail]).await?;
    Ok(())
}

/// Runs `what` and only logs its failure: a message that could not be recorded must not undo the receipt
/// or the step it reports, which are already stored.
pub fn or_log(what: &str, result: AppResult<()>) {
    if let Err(e) = result {
        tracing::warn!(error = %e, message = what, "an e-mail notification could not be recorded");
    }
}
