//! The e-mail outbox, told the same by SQLite and PostgreSQL: recorded before sending, claimed by one sender
//! at a time, retried after a failure, given up, or recorded unsent when no mail server is configured; staff
//! addresses for the digest, and one digest per day.

use chrono::NaiveDate;
use gongkai_domain::account::{Role, Username};
use gongkai_domain::agency::{AgencyKind, AgencyProfile};
use gongkai_domain::application::intake::{Channel, Delivery, InfoForm};
use gongkai_domain::application::outcome::ApplicantKind;
use gongkai_domain::audit::ActorRef;
use gongkai_store::{
    AccountStore, AgencyStore, ApplicationStore, AuditFilter, AuditLog, MailState, MailStore,
    NewAccount, NewApplication, NewMail, Store,
};

fn admin() -> ActorRef {
    ActorRef::Official {
        id: 1,
        username: "admin".into(),
    }
}

pub async fn queued_claimed_retried_and_sent(store: Store) -> Vec<String> {
    let mut told = Vec::new();
    let agency = store
        .create_agency(
            None,
            &AgencyProfile::named("孟州市公共资源交易中心", AgencyKind::Department),
            &admin(),
        )
        .await
        .expect("agency");
    let application = store
        .create_application(
            &NewApplication {
                agency: agency.id,
                applicant_kind: ApplicantKind::from_code("np").expect("kind"),
                applicant: serde_json::json!({ "name": "张三", "email": "zhang@example.com" })
                    .to_string(),
                description: "2020年度政府采购项目中标结果".into(),
                info_form: InfoForm::Electronic,
                delivery: Delivery::Email,
                channel: Channel::Online,
                received_on: NaiveDate::from_ymd_opt(2026, 3, 2),
                query_code_hash: "0".repeat(64),
            },
            2026,
            &admin(),
        )
        .await
        .expect("application");
    let receipt = NewMail {
        kind: "receipt".into(),
        recipient: "zhang@example.com".into(),
        sender_name: agency.profile.name.clone(),
        subject: "申请已收到".into(),
        body: "您的申请已收到。".into(),
        agency: Some(agency.id),
        application: Some(application.id),
        reference: application.tracking_no.to_string(),
        send: true,
        ..NewMail::default()
    };
    let unsent = NewMail {
        kind: "notice".into(),
        send: false,
        ..receipt.clone()
    };
    let ids = store.queue_mail(&[receipt, unsent]).await.expect("queue");
    told.push(format!("queued {}", ids.len()));
    let due = store.due_mail(10).await.expect("due");
    told.push(format!(
        "due: {:?}",
        due.iter().map(|m| m.kind.as_str()).collect::<Vec<_>>()
    ));
    let first = ids[0];
    told.push(format!(
        "claimed: {}",
        store.claim_mail(first, 60_000).await.expect("claim")
    ));
    told.push(format!(
        "claimed again by another node: {}",
        store.claim_mail(first, 60_000).await.expect("claim")
    ));
    told.push(format!(
        "due while held: {}",
        store.due_mail(10).await.expect("due").len()
    ));
    // Retry "now": due again at once, with the error kept.
    store
        .mail_failed(first, "connection refused", Some(0))
        .await
        .expect("failed");
    let again = store.due_mail(10).await.expect("due");
    told.push(format!(
        "after a failure: {} due, attempts {}, error {:?}",
        again.len(),
        again[0].attempts,
        again[0].last_error
    ));
    assert!(store.claim_mail(first, 60_000).await.expect("claim"));
    store.mail_sent(first).await.expect("sent");
    let kept = store
        .mail_of_application(application.id)
        .await
        .expect("list");
    for m in &kept {
        told.push(format!(
            "{} to {} about {}: {} after {} attempt(s), sent {}, error {:?}",
            m.kind,
            m.recipient,
            m.reference,
            m.state.code(),
            m.attempts,
            m.sent_at_ms.is_some(),
            m.last_error
        ));
    }
    told.push(format!(
        "claim a sent message: {}",
        store.claim_mail(first, 60_000).await.expect("claim")
    ));

    // A message that keeps failing is given up.
    let ids = store
        .queue_mail(&[NewMail {
            kind: "digest".into(),
            recipient: "nobody@example.com".into(),
            subject: "待办".into(),
            send: true,
            ..NewMail::default()
        }])
        .await
        .expect("queue");
    store
        .mail_failed(ids[0], "550 no such user", None)
        .await
        .expect("give up");
    told.push(format!(
        "given up, still due: {}",
        store.due_mail(10).await.expect("due").len()
    ));

    // Staff addresses and the digest's day.
    let clerk = store
        .create_account(
            &NewAccount {
                username: Username::parse("ggzy-clerk").expect("username"),
                display_name: "王经办".into(),
                role: Role::Clerk,
                agency: Some(agency.id),
                password_hash: "$argon2id$placeholder".into(),
            },
            &admin(),
        )
        .await
        .expect("account");
    told.push(format!(
        "recipients before: {}",
        store.digest_recipients().await.expect("list").len()
    ));
    store
        .set_account_email(clerk.id, "wang@example.gov.cn", &admin())
        .await
        .expect("email");
    let recipients = store.digest_recipients().await.expect("list");
    told.push(format!(
        "recipients: {:?}",
        recipients
            .iter()
            .map(|(a, e)| format!("{} {e}", a.username.as_str()))
            .collect::<Vec<_>>()
    ));
    told.push(format!(
        "read back: {}",
        store.account_email(clerk.id).await.expect("email")
    ));
    let digest = NewMail {
        kind: "digest".into(),
        recipient: "wang@example.gov.cn".into(),
        account: Some(clerk.id),
        reference: "2026-03-03".into(),
        send: true,
        ..NewMail::default()
    };
    told.push(format!(
        "first digest of the day: {}",
        store
            .queue_digest("2026-03-03", std::slice::from_ref(&digest))
            .await
            .expect("digest")
    ));
    told.push(format!(
        "second digest of the day: {}",
        store
            .queue_digest("2026-03-03", std::slice::from_ref(&digest))
            .await
            .expect("digest")
    ));
    told.push(format!(
        "due digests: {}",
        store
            .due_mail(10)
            .await
            .expect("due")
            .iter()
            .filter(|m| m.kind == "digest" && m.state == MailState::Pending)
            .count()
    ));
    let trail = store
        .audit_events(&AuditFilter {
            agencies: None,
            before_seq: None,
            limit: 100,
        })
        .await
        .expect("audit");
    told.push(format!(
        "audited: {}",
        trail.iter().any(|e| e.action == "account.email")
    ));
    told
}
