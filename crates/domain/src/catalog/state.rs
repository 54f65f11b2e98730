//! The life of a catalogue item: drafted, submitted for 保密审查 (条例第十七条: 行政机关应当建立健全政府信息公开审查机制),
//! published, and possibly withdrawn. Who may take a step (a reviewer approves) is decided in [`crate::access`];
//! this is only which steps exist.

use crate::message::{Arg, Args, Coded};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    /// 草稿
    Draft,
    /// 待审查 (submitted for the confidentiality review)
    InReview,
    /// 已发布
    Published,
    /// 已撤回
    Withdrawn,
}

impl ItemState {
    pub const ALL: [ItemState; 4] = [
        Self::Draft,
        Self::InReview,
        Self::Published,
        Self::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::InReview => "in_review",
            Self::Published => "published",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The message key of the state's name in messages about a step (`item.state.<code>`).
    pub fn word(self) -> &'static str {
        match self {
            Self::Draft => "item.state.draft",
            Self::InReview => "item.state.in_review",
            Self::Published => "item.state.published",
            Self::Withdrawn => "item.state.withdrawn",
        }
    }

    /// Only a published item is visible to the public.
    pub fn is_public(self) -> bool {
        self == Self::Published
    }

    /// Takes one step, or says why it cannot be taken.
    pub fn apply(self, transition: Transition) -> Result<ItemState, TransitionError> {
        use ItemState::*;
        let to = transition.target();
        let allowed = matches!(
            (self, &transition),
            (Draft, Transition::Submit)
                | (InReview, Transition::Approve)
                | (InReview, Transition::Reject { .. })
                | (Published, Transition::Withdraw { .. })
                | (Withdrawn, Transition::Revise)
        );
        if !allowed {
            return Err(TransitionError::NotAllowed {
                from: self,
                to,
                transition: transition.code(),
            });
        }
        if let Transition::Reject { reason } | Transition::Withdraw { reason } = &transition
            && reason.trim().is_empty()
        {
            return Err(TransitionError::ReasonRequired {
                transition: transition.code(),
            });
        }
        Ok(to)
    }
}

/// One step in an item's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "step")]
pub enum Transition {
    /// Draft → in review.
    Submit,
    /// In review → published: the 保密审查 passed.
    Approve,
    /// In review → draft; the drafter is told why.
    Reject { reason: String },
    /// Published → withdrawn; the reason is kept, because withdrawing published information must be
    /// accountable.
    Withdraw { reason: String },
    /// Withdrawn → draft, to correct and submit again.
    Revise,
}

impl Transition {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Submit => "submit",
            Self::Approve => "approve",
            Self::Reject { .. } => "reject",
            Self::Withdraw { .. } => "withdraw",
            Self::Revise => "revise",
        }
    }

    /// The state this step leads to.
    pub fn target(&self) -> ItemState {
        match self {
            Self::Submit => ItemState::InReview,
            Self::Approve => ItemState::Published,
            Self::Reject { .. } | Self::Revise => ItemState::Draft,
            Self::Withdraw { .. } => ItemState::Withdrawn,
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            Self::Reject { reason } | Self::Withdraw { reason } => Some(reason),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("cannot go from {} to {} by {transition}", from.code(), to.code())]
    NotAllowed {
        from: ItemState,
        to: ItemState,
        transition: &'static str,
    },
    #[error("{transition} needs a reason")]
    ReasonRequired { transition: &'static str },
}

/// `from` and `to` are the states' codes (the English message names them so); `from_name` and `to_name`
/// their names in the locale files.
impl Coded for TransitionError {
    fn code(&self) -> &'static str {
        TransitionError::code(self)
    }

    fn args(&self) -> Args {
        match self {
            Self::NotAllowed {
                from,
                to,
                transition,
            } => vec![
                ("from", Arg::text(from.code())),
                ("to", Arg::text(to.code())),
                ("from_name", Arg::Word(from.word())),
                ("to_name", Arg::Word(to.word())),
                ("transition", Arg::text(transition)),
            ],
            Self::ReasonRequired { transition } => vec![("transition", Arg::text(transition))],
        }
    }
}

impl TransitionError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotAllowed { .. } => "item.transition_not_allowed",
            Self::ReasonRequired { .. } => "item.reason_required",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ItemState::*;

    fn all_transitions() -> [Transition; 5] {
        [
            Transition::Submit,
            Transition::Approve,
            Transition::Reject {
                reason: "涉及个人信息".into(),
            },
            Transition::Withdraw {
                reason: "文件已废止".into(),
            },
            Transition::Revise,
        ]
    }

    #[test]
    fn exactly_five_steps_are_allowed() {
        let allowed = [
            (Draft, "submit", InReview),
            (InReview, "approve", Published),
            (InReview, "reject", Draft),
            (Published, "withdraw", Withdrawn),
            (Withdrawn, "revise", Draft),
        ];
        for from in ItemState::ALL {
            for t in all_transitions() {
                let code = t.code();
                let expected = allowed
                    .iter()
                    .find(|(f, c, _)| *f == from && *c == code)
                    .map(|(_, _, to)| *to);
                match (from.apply(t.clone()), expected) {
                    (Ok(to), Some(e)) => assert_eq!(to, e, "{from:?} {code}"),
                    (Err(TransitionError::NotAllowed { from: f, to, .. }), None) => {
                        assert_eq!((f, to), (from, t.target()));
                    }
                    (got, _) => panic!("{from:?} {code}: {got:?}"),
                }
            }
        }
    }

    #[test]
    fn withdrawing_or_rejecting_needs_a_reason() {
        for t in [
            Transition::Withdraw { reason: " ".into() },
            Transition::Reject { reason: "".into() },
        ] {
            let from = if t.code() == "withdraw" {
                Published
            } else {
                InReview
            };
            assert!(matches!(
                from.apply(t),
                Err(TransitionError::ReasonRequired { .. })
            ));
        }
        let e = Draft.apply(Transition::Approve).map_err(|e| e.to_string());
        assert_eq!(
            e,
            Err("cannot go from draft to published by approve".into())
        );
    }

    #[test]
    fn codes_round_trip() {
        for s in ItemState::ALL {
            assert_eq!(ItemState::from_code(s.code()), Some(s));
        }
        assert!(Published.is_public() && !InReview.is_public());
    }
}
