//! A step of an item through 保密审查 and publication (条例第十七条: reviewed before it is published; 第二十六条:
//! published within 20 working days of forming): submit, approve, send back, withdraw. Approval assigns the
//! 索引号; this node's search index catches up at once, other nodes within seconds.

use gongkai_domain::account::AccountId;
use gongkai_domain::audit::ActorRef;
use gongkai_domain::catalog::{Transition, not_after};
use gongkai_store::{CatalogItem, CatalogStore, StoreError};

use crate::context::App;
use crate::error::{AppError, AppResult};
use crate::error_code::ErrorCode;

/// Who takes the step: the account (for the four-eyes rule) and how the audit trail names them.
pub struct Publisher<'a> {
    pub account: AccountId,
    pub actor: &'a ActorRef,
}

/// Applies `transition` to `item` today.
pub async fn take_step(
    app: &App,
    item: &CatalogItem,
    transition: Transition,
    by: &Publisher<'_>,
) -> AppResult<()> {
    // Four eyes: whoever wrote the version waiting, or sent it to review, does not approve it.
    if matches!(transition, Transition::Approve)
        && (item.submitted_by == Some(by.account.0) || item.authors.contains(&by.account.0))
    {
        return Err(AppError::Refused(ErrorCode::CatalogFourEyes));
    }
    // A 成文日期 that has not come yet is a typing error (条例第二十六条 counts from it): the item goes neither to
    // review nor out to the public with it.
    if matches!(transition, Transition::Submit | Transition::Approve)
        && not_after(app.today(), "formed_on", item.draft.formed_on).is_some()
    {
        return Err(AppError::Refused(ErrorCode::CatalogDateInFuture));
    }
    match app
        .store
        .transition_item(item.id, &transition, app.today(), by.actor)
        .await
    {
        Ok(_) => {}
        Err(StoreError::Refused(_)) => {
            return Err(AppError::Refused(ErrorCode::CatalogStepRefused));
        }
        Err(e) => return Err(e.into()),
    }
    if let Err(e) = app.search.sync(&app.store).await {
        tracing::warn!(error = %e, "search index sync after a publishing step failed; the periodic sync retries");
    }
    if matches!(transition, Transition::Approve) {
        // The text of its attachments is read after the reply (a long PDF takes seconds); the index takes
        // it in when it is saved.
        crate::catalog::extract::read_in_background(app);
    }
    Ok(())
}
