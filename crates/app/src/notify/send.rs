//! Sending the outbox through SMTP (lettre): each due message is claimed for a while (so another node does not
//! send it too), built with its PDF attached when it brings a letter, sent, and marked sent; a failure is
//! recorded and retried later, waiting longer each time, and given up when the server refuses it for good or
//! after [`MAX_ATTEMPTS`].

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use gongkai_store::{ApplicationStore, LetterFile, MailStore, StoredMail};

use crate::config::{MailConfig, MailSecurity};
use crate::context::App;
use crate::error::{AppError, AppResult};

/// After this many failed attempts a message is given up (about a day and a half of retries).
pub const MAX_ATTEMPTS: i64 = 10;
/// How long a node holds a message it is sending.
const LEASE_MS: i64 = 5 * 60 * 1000;
/// Messages sent per round.
const BATCH: i64 = 50;

/// What one round of sending did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sent {
    pub sent: usize,
    pub failed: usize,
}

/// The wait before attempt `attempts + 1`: one minute, doubled after each failure, at most six hours.
pub fn backoff_ms(attempts: i64) -> i64 {
    let minutes = 1_i64 << attempts.clamp(0, 9);
    minutes.min(360) * 60 * 1000
}

type Transport = AsyncSmtpTransport<Tokio1Executor>;

fn transport(config: &MailConfig) -> Result<Transport, String> {
    let host = config.host.trim();
    let builder = match config.security {
        MailSecurity::None => Transport::builder_dangerous(host),
        MailSecurity::Starttls => Transport::starttls_relay(host).map_err(|e| e.to_string())?,
        MailSecurity::Tls => Transport::relay(host).map_err(|e| e.to_string())?,
    };
    let mut builder = builder
        .port(config.port())
        .timeout(Some(Duration::from_secs(30)));
    if let (Some(user), Some(password)) = (&config.username, &config.password) {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    Ok(builder.build())
}

/// Why a message could not be built: never worth retrying.
struct Unsendable(String);

async fn build(app: &App, config: &MailConfig, mail: &StoredMail) -> Result<Message, Unsendable> {
    let bad = |e: &dyn std::fmt::Display| Unsendable(e.to_string());
    let name = if mail.sender_name.trim().is_empty() {
        config.from_name.trim()
    } else {
        mail.sender_name.trim()
    };
    let from = Mailbox::new(
        Some(name.to_owned()),
        config.from_address.trim().parse().map_err(|e| bad(&e))?,
    );
    let to: Mailbox = mail.recipient.trim().parse().map_err(|e| bad(&e))?;
    let builder = Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject.clone());
    let text = SinglePart::plain(mail.body.clone());
    let (Some(application), Some(letter)) = (mail.application, mail.letter) else {
        return builder.singlepart(text).map_err(|e| bad(&e));
    };
    let pdf = app
        .store
        .application_letter_file(application, letter, LetterFile::Pdf)
        .await
        .map_err(|e| bad(&e))?
        .ok_or_else(|| Unsendable(format!("letter {letter} is gone")))?;
    let pdf_type = ContentType::parse("application/pdf").map_err(|e| bad(&e))?;
    let attachment =
        Attachment::new(format!("{}-{letter}.pdf", mail.reference)).body(pdf, pdf_type);
    builder
        .multipart(MultiPart::mixed().singlepart(text).singlepart(attachment))
        .map_err(|e| bad(&e))
}

/// Sends what is due now, if mail is configured.
pub async fn send_due(app: &App) -> AppResult<Sent> {
    let config = &app.notify.mail;
    let mut done = Sent::default();
    if !config.configured() {
        return Ok(done);
    }
    let due = app.store.due_mail(BATCH).await?;
    if due.is_empty() {
        return Ok(done);
    }
    let transport = transport(config).map_err(AppError::Internal)?;
    for mail in due {
        if !app.store.claim_mail(mail.id, LEASE_MS).await? {
            continue;
        }
        let outcome = match build(app, config, &mail).await {
            Err(Unsendable(why)) => Err((why, true)),
            Ok(message) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| (e.to_string(), e.is_permanent())),
        };
        match outcome {
            Ok(()) => {
                app.store.mail_sent(mail.id).await?;
                done.sent += 1;
            }
            Err((why, permanent)) => {
                let retry = (!permanent && mail.attempts + 1 < MAX_ATTEMPTS)
                    .then(|| now_ms().saturating_add(backoff_ms(mail.attempts)));
                tracing::warn!(mail = mail.id, error = %why, retry = retry.is_some(), "e-mail not sent");
                app.store.mail_failed(mail.id, &why, retry).await?;
                done.failed += 1;
            }
        }
    }
    Ok(done)
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// What `gongkai serve` runs beside the web server: every few seconds the outbox is sent, and once a day
/// the staff digest is queued if its hour has come and nobody queued today's yet.
pub async fn run(app: App) {
    let mut tick = tokio::time::interval(Duration::from_secs(5));
    let mut digest_done = None;
    loop {
        tick.tick().await;
        if let Err(e) = super::digest::queue_when_due(&app, &mut digest_done).await {
            tracing::warn!(error = %e, "the staff digest could not be queued");
        }
        match send_due(&app).await {
            Ok(s) if s.sent + s.failed > 0 => {
                tracing::info!(sent = s.sent, failed = s.failed, "e-mail sent")
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "the e-mail outbox could not be sent"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_six_hours() {
        assert_eq!(backoff_ms(0), 60_000);
        assert_eq!(backoff_ms(1), 120_000);
        assert_eq!(backoff_ms(3), 8 * 60_000);
        assert_eq!(backoff_ms(9), 360 * 60_000);
        assert_eq!(backoff_ms(50), 360 * 60_000);
        assert_eq!(backoff_ms(-1), 60_000);
    }
}
