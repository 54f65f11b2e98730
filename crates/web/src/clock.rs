//! Dates as the web layer reads them: today in Beijing (the law's dates are Beijing dates), and the clock
//! events of an application's stored events.

use chrono::NaiveDate;
use gongkai_domain::application::clock::ClockEvent;

/// Today's date in Beijing time (UTC+8, no daylight saving since 1991).
pub fn beijing_today() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

/// The clock events of an application's stored events (kinds the clock does not know are left out).
pub fn clock_events(events: &[gongkai_store::ApplicationEvent]) -> Vec<ClockEvent> {
    events
        .iter()
        .filter_map(|e| {
            let detail: serde_json::Value = serde_json::from_str(&e.detail).unwrap_or_default();
            let on = e.on;
            Some(match e.kind.as_str() {
                "received" => ClockEvent::Received { on },
                "correction_requested" => ClockEvent::CorrectionRequested { on },
                "correction_received" => ClockEvent::CorrectionReceived { on },
                "correction_deadline_passed" => ClockEvent::CorrectionDeadlinePassed { on },
                "extension_approved" => ClockEvent::ExtensionApproved {
                    on,
                    working_days: detail["working_days"]
                        .as_u64()
                        .and_then(|n| u32::try_from(n).ok())?,
                },
                "consultation_started" => ClockEvent::ConsultationStarted { on },
                "consultation_ended" => ClockEvent::ConsultationEnded { on },
                "custom_deadline" => ClockEvent::CustomDeadline {
                    due: detail["due"]
                        .as_str()
                        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())?,
                    reason: detail["reason"].as_str()?.to_owned(),
                },
                "fee_notice_issued" => ClockEvent::FeeNoticeIssued { on },
                "fee_paid" => ClockEvent::FeePaid { on },
                "fee_deadline_passed" => ClockEvent::FeeDeadlinePassed { on },
                "withdrawn" => ClockEvent::Withdrawn { on },
                "decided" => ClockEvent::Decided { on },
                _ => return None,
            })
        })
        .collect()
}
