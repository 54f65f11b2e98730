//! The staff's daily digest: for each active staff account with an e-mail address, the open applications of
//! its agency (a supervisor's: every agency below it too) whose answer is due within 3 working days or overdue
//! (条例第三十三条, counted on the working-day calendar by the application's own clock: a 补正 or a
//! consultation pauses it), and for a reviewer the catalogue items waiting for the 保密审查. Queued once per
//! day: the store records the day in the same transaction, so two nodes (or `serve` and `gongkai digest send`)
//! never both queue it.

use chrono::{NaiveDate, Timelike};
use gongkai_domain::account::{Account, Role};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::application::clock::compute;
use gongkai_domain::catalog::ItemState;
use gongkai_domain::message::{Arg, Args};
use gongkai_store::{
    AgencyStore, ApplicationQuery, ApplicationStore, CatalogStore, ItemFilter, MailStore, NewMail,
    StateFilter,
};

use super::compose::{site, zh};
use crate::calendar::clock_events;
use crate::context::App;
use crate::error::AppResult;

/// Cases due within this many working days are listed.
pub const DUE_WITHIN_WORKING_DAYS: u32 = 3;

/// What queuing a day's digest did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queued {
    /// Queued this many messages (accounts with nothing to report get none).
    Now(usize),
    /// That day's digest was queued before.
    Before,
}

/// One case line: overdue or not, and its words.
struct CaseLine {
    overdue: bool,
    due_on: NaiveDate,
    text: String,
}

async fn agency_name(app: &App, id: AgencyId) -> AppResult<String> {
    Ok(app
        .store
        .agency(id)
        .await?
        .map(|a| a.profile.name)
        .unwrap_or_default())
}

async fn cases(app: &App, agencies: &[AgencyId], day: NaiveDate) -> AppResult<Vec<CaseLine>> {
    // The last day still "due soon"; beyond the calendar's data only overdue cases are listed.
    let limit = app
        .calendar
        .add_working_days(day, DUE_WITHIN_WORKING_DAYS)
        .ok()
        .map(|d| d.due);
    let query = ApplicationQuery {
        state: StateFilter::Open,
        ..ApplicationQuery::default()
    };
    let mut lines = Vec::new();
    for &agency in agencies {
        let name = agency_name(app, agency).await?;
        for found in app.store.search_applications(agency, &query).await? {
            let events = app.store.application_events(found.id).await?;
            let Ok(clock) = compute(&clock_events(&events), &app.calendar) else {
                continue;
            };
            let Some(due_on) = clock.due else { continue };
            let overdue = clock.overdue(day);
            if !overdue && limit.is_none_or(|l| due_on > l) {
                continue;
            }
            let request: String = found.description.chars().take(40).collect();
            let args: Args = vec![
                ("tracking_no", Arg::text(found.tracking_no)),
                ("agency", Arg::text(&name)),
                ("due_on", Arg::Date(due_on)),
                ("request", Arg::text(request)),
            ];
            let key = if overdue {
                "mail_digest_case_overdue"
            } else {
                "mail_digest_case_due"
            };
            lines.push(CaseLine {
                overdue,
                due_on,
                text: zh(key, &args),
            });
        }
    }
    lines.sort_by_key(|l| (!l.overdue, l.due_on));
    Ok(lines)
}

async fn items_in_review(app: &App, agencies: &[AgencyId]) -> AppResult<Vec<String>> {
    let filter = ItemFilter {
        agencies: Some(agencies.to_vec()),
        states: Some(vec![ItemState::InReview]),
        category: None,
        year: None,
        page: 1,
        per_page: 200,
    };
    let (items, _) = app.store.items(&filter).await?;
    let mut lines = Vec::new();
    for item in items {
        let args: Args = vec![
            ("agency", Arg::text(agency_name(app, item.agency).await?)),
            ("title", Arg::text(&item.draft.title)),
        ];
        lines.push(zh("mail_digest_item", &args));
    }
    Ok(lines)
}

/// The digest of `account` for `day`; `None` when there is nothing to tell.
async fn digest_for(
    app: &App,
    account: &Account,
    email: &str,
    day: NaiveDate,
) -> AppResult<Option<NewMail>> {
    let Some(home) = account.agency else {
        return Ok(None);
    };
    let agencies = if account.role == Role::Supervisor {
        app.store.agency_tree().await?.subtree(home)
    } else {
        vec![home]
    };
    let cases = cases(app, &agencies, day).await?;
    let items = if account.role == Role::Reviewer {
        items_in_review(app, &agencies).await?
    } else {
        Vec::new()
    };
    if cases.is_empty() && items.is_empty() {
        return Ok(None);
    }
    let day_text = super::compose::day(day);
    let counts: Args = vec![
        ("day", Arg::text(&day_text)),
        (
            "cases",
            Arg::Number(i64::try_from(cases.len()).unwrap_or(i64::MAX)),
        ),
        (
            "items",
            Arg::Number(i64::try_from(items.len()).unwrap_or(i64::MAX)),
        ),
        ("name", Arg::text(&account.display_name)),
    ];
    let mut body = vec![zh("mail_digest_intro", &counts), String::new()];
    body.push(zh("mail_digest_cases", &vec![]));
    if cases.is_empty() {
        body.push(zh("mail_digest_no_cases", &vec![]));
    }
    body.extend(cases.iter().map(|c| c.text.clone()));
    if account.role == Role::Reviewer {
        body.push(String::new());
        body.push(zh("mail_digest_items", &vec![]));
        if items.is_empty() {
            body.push(zh("mail_digest_no_items", &vec![]));
        }
        body.extend(items.iter().cloned());
    }
    if let Some(url) = site(app) {
        body.push(String::new());
        body.push(zh(
            "mail_digest_link",
            &vec![("url", Arg::text(format!("{url}/console")))],
        ));
    }
    body.push(String::new());
    body.push(zh("mail_footer", &vec![]));
    Ok(Some(NewMail {
        kind: "digest".into(),
        recipient: email.to_owned(),
        sender_name: app.notify.mail.from_name.clone(),
        subject: zh("mail_digest_subject", &counts),
        body: body.join("\n"),
        agency: Some(home),
        application: None,
        reference: day.to_string(),
        letter: None,
        account: Some(account.id),
        send: app.notify.mail.configured(),
    }))
}

/// Queues `day`'s digest for every staff account with an address, unless it was queued before.
pub async fn queue(app: &App, day: NaiveDate) -> AppResult<Queued> {
    let mut mails = Vec::new();
    for (account, email) in app.store.digest_recipients().await? {
        if let Some(mail) = digest_for(app, &account, &email, day).await? {
            mails.push(mail);
        }
    }
    let count = mails.len();
    Ok(if app.store.queue_digest(&day.to_string(), &mails).await? {
        Queued::Now(count)
    } else {
        Queued::Before
    })
}

/// Queues today's digest, on a working day, once its hour (`[mail] digest_hour`, Beijing time) has come; only when mail is
/// configured, so that a server without mail does not record digests nobody will read.
/// `done` is the last day this node saw queued, so that the digests are not computed again every round.
pub async fn queue_when_due(app: &App, done: &mut Option<NaiveDate>) -> AppResult<Option<Queued>> {
    let today = app.today();
    if !app.notify.mail.configured() || *done == Some(today) {
        return Ok(None);
    }
    let beijing_hour = (chrono::Utc::now() + chrono::Duration::hours(8)).hour();
    if beijing_hour < app.notify.mail.digest_hour {
        return Ok(None);
    }
    // Staff read it at work: none on a weekend or holiday (a 调休 Saturday is a working day and gets one).
    if app.calendar.is_working_day(today) == Ok(false) {
        *done = Some(today);
        return Ok(None);
    }
    let queued = queue(app, today).await?;
    *done = Some(today);
    Ok(Some(queued))
}
