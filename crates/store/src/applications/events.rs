//! An application's events between their rows and the domain's [`Event`]: the `kind` column holds
//! [`Event::kind`], the `detail` column the event's other fields as a JSON object. Encoded and decoded here
//! only; a row that does not decode is [`StoreError::Corrupt`], never a default and never skipped, since a
//! missing event would move a legal deadline.

use gongkai_domain::application::event::Event;

use super::ApplicationId;
use crate::error::{StoreError, StoreResult};

/// The `kind` and `detail` columns of an event.
pub(crate) fn encode(event: &Event) -> StoreResult<(&'static str, String)> {
    let mut value = serde_json::to_value(event)
        .map_err(|e| StoreError::Corrupt(format!("event {}: {e}", event.kind())))?;
    if let Some(object) = value.as_object_mut() {
        // `shift_remove` keeps the other fields in their order (`remove` would swap the last one forward).
        object.shift_remove("kind");
    }
    Ok((event.kind(), value.to_string()))
}

/// The event of a row, or which row could not be read and why.
pub(crate) fn decode(
    application: ApplicationId,
    seq: i64,
    kind: &str,
    detail: &str,
) -> StoreResult<Event> {
    let corrupt = |why: String| {
        StoreError::Corrupt(format!(
            "event {seq} of application {} ({kind}): {why}",
            application.0
        ))
    };
    let mut value: serde_json::Value =
        serde_json::from_str(detail).map_err(|e| corrupt(e.to_string()))?;
    let object = value
        .as_object_mut()
        .ok_or_else(|| corrupt("the detail is not an object".into()))?;
    object.insert("kind".into(), kind.into());
    serde_json::from_value(value).map_err(|e| corrupt(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_domain::application::event::{Decision, FeeNotice};
    use gongkai_domain::application::fees::FeeMethod;
    use gongkai_domain::application::intake::Channel;
    use gongkai_domain::application::outcome::Outcome;
    use rust_decimal::Decimal;

    #[test]
    fn an_event_comes_back_from_its_columns_and_a_bad_row_is_named() {
        let id = ApplicationId(7);
        for event in [
            Event::Received {
                channel: Channel::Fax,
            },
            Event::Withdrawn,
            Event::FeeNoticeIssued(FeeNotice {
                method: FeeMethod::PerApplication,
                count: Some(12),
                pages: 0,
                amount_yuan: Decimal::new(100, 0),
                explanation: None,
                pay_within_working_days: None,
                service: None,
                pay_by: None,
            }),
            Event::Decided(Decision {
                outcome: Outcome::NotHeld,
                reason: None,
                extra: None,
                service: None,
                not_held: None,
            }),
        ] {
            let (kind, detail) = encode(&event).expect("encodes");
            assert_eq!(decode(id, 3, kind, &detail).expect("decodes"), event);
        }
        assert_eq!(
            encode(&Event::Withdrawn).expect("encodes"),
            ("withdrawn", "{}".to_owned())
        );
        for (kind, detail) in [
            ("decided", "{}"),
            (
                "fee_notice_issued",
                r#"{"method":"per_page","pages":1,"amount_yuan":"x"}"#,
            ),
            ("withdrawn", "[]"),
            ("withdrawn", "not json"),
            ("no_such_kind", "{}"),
        ] {
            let err = decode(id, 3, kind, detail).expect_err(kind);
            assert_eq!(err.code(), "store.corrupt");
            assert!(
                err.to_string().contains("event 3 of application 7"),
                "{err}"
            );
        }
    }
}
