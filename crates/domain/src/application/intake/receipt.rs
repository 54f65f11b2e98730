//! 条例第三十一条: the day an application counts as received, by the channel it came through.
//!
//! - (一) 当面提交: 以提交之日为收到申请之日;
//! - (二) 邮寄: 以行政机关签收之日为收到申请之日; 平常信函等无需签收的邮寄方式: 政府信息公开工作机构应当于收到申请的
//!   当日与申请人确认, 确认之日为收到申请之日;
//! - (三) 互联网渠道或者政府信息公开工作机构的传真: 以双方确认之日为收到申请之日.
//!
//! E-mail is an 互联网渠道 and follows (三). The 2015 interpretation (国办公开办函〔2015〕207号) took the day the
//! mail system received an e-mail; the 2019 text replaced that with the day both sides confirm, which is
//! followed here (legal-notes a.6).

use crate::message::{Arg, Args, Coded};
use chrono::NaiveDate;

/// How an application reached the agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// 当面提交 (第三十一条第一项)
    InPerson,
    /// 邮寄, signed for: 挂号信、快递 (第三十一条第二项)
    SignedForPost,
    /// 平常信函 or other post needing no signature (第三十一条第二项)
    OrdinaryLetter,
    /// 传真 to the disclosure office (第三十一条第三项)
    Fax,
    /// 电子邮件, an 互联网渠道 (第三十一条第三项)
    Email,
    /// 网上申请 on this platform, an 互联网渠道 (第三十一条第三项)
    Online,
}

impl Channel {
    pub const ALL: [Channel; 6] = [
        Self::InPerson,
        Self::SignedForPost,
        Self::OrdinaryLetter,
        Self::Fax,
        Self::Email,
        Self::Online,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::InPerson => "in_person",
            Self::SignedForPost => "signed_post",
            Self::OrdinaryLetter => "ordinary_letter",
            Self::Fax => "fax",
            Self::Email => "email",
            Self::Online => "online",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The message key of the channel's name, `channel_<code>`.
    pub fn word(self) -> &'static str {
        match self {
            Self::InPerson => "channel_in_person",
            Self::SignedForPost => "channel_signed_post",
            Self::OrdinaryLetter => "channel_ordinary_letter",
            Self::Fax => "channel_fax",
            Self::Email => "channel_email",
            Self::Online => "channel_online",
        }
    }

    /// Whether the receipt date is a confirmation with the applicant (第三十一条第二项后段、第三项) rather than
    /// the day of handing in or signing for.
    pub fn needs_confirmation(self) -> bool {
        !matches!(self, Self::InPerson | Self::SignedForPost)
    }
}

/// Why no receipt date can be given yet, or the dates given cannot be right.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntakeError {
    #[error("the posted application has not been signed for yet (Art. 31(2))")]
    NotSignedFor,
    #[error(
        "not yet confirmed with the applicant; for this channel ({}) the confirmation day is the receipt date (Art. 31)",
        .0.code()
    )]
    NotConfirmed(Channel),
    #[error("signed for or confirmed on {confirmed}, before it was sent on {sent}")]
    ConfirmedBeforeSent {
        sent: NaiveDate,
        confirmed: NaiveDate,
    },
}

impl Coded for IntakeError {
    fn code(&self) -> &'static str {
        IntakeError::code(self)
    }

    fn args(&self) -> Args {
        match self {
            Self::NotSignedFor => Vec::new(),
            Self::NotConfirmed(channel) => vec![("channel", Arg::Word(channel.word()))],
            Self::ConfirmedBeforeSent { sent, confirmed } => vec![
                ("sent", Arg::Date(*sent)),
                ("confirmed", Arg::Date(*confirmed)),
            ],
        }
    }
}

impl IntakeError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotSignedFor => "intake.not_signed_for",
            Self::NotConfirmed(_) => "intake.not_confirmed",
            Self::ConfirmedBeforeSent { .. } => "intake.confirmed_before_sent",
        }
    }
}

/// The receipt date under 条例第三十一条.
///
/// `handed_in_or_sent_on` is the day of handing in (当面), posting, faxing or submitting; `confirmed_on` is the
/// day the agency signed for a posted letter (挂号、快递) or, for every other channel but 当面, the day the
/// office and the applicant confirmed the application. In person, `confirmed_on` plays no part.
pub fn receipt_date(
    channel: Channel,
    handed_in_or_sent_on: NaiveDate,
    confirmed_on: Option<NaiveDate>,
) -> Result<NaiveDate, IntakeError> {
    let later = match (channel, confirmed_on) {
        // 第三十一条第一项: 以提交之日为收到申请之日.
        (Channel::InPerson, _) => return Ok(handed_in_or_sent_on),
        // 第三十一条第二项: 以行政机关签收之日为收到申请之日.
        (Channel::SignedForPost, None) => return Err(IntakeError::NotSignedFor),
        // 第三十一条第二项后段、第三项: 确认之日 / 双方确认之日.
        (_, None) => return Err(IntakeError::NotConfirmed(channel)),
        (_, Some(d)) => d,
    };
    if later < handed_in_or_sent_on {
        return Err(IntakeError::ConfirmedBeforeSent {
            sent: handed_in_or_sent_on,
            confirmed: later,
        });
    }
    Ok(later)
}
