//! The statutory deadline of an application received on a day, as the public calculator page and
//! `GET /api/v1/deadline` both show it (条例第三十三条: 20 working days, the day of receipt not counted; 15 under
//! the 2008 条例 before 2019-05-15), with how the answer was found.

use gongkai_app::applications::deadline::statutory_deadline;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct DeadlineParams {
    /// 收到申请之日 YYYY-MM-DD / the day the application was received
    #[param(required = true, format = Date)]
    pub received: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeadlineAnswer {
    pub received: String,
    /// 答复期限 YYYY-MM-DD / the last day to answer
    pub due: String,
    pub working_days: u32,
    /// 计算过程（中文 / English）/ how the date was found
    pub explanation: Vec<String>,
}

/// The statutory deadline of an application received on `received`, its explanation in `lang` (a page), or in
/// both languages when `lang` is None (the API, whose answer has always given both).
pub fn deadline(
    state: &AppState,
    received: &str,
    lang: Option<Lang>,
) -> Result<DeadlineAnswer, WebError> {
    let (on, due, clock) = statutory_deadline(state, received)?;
    Ok(DeadlineAnswer {
        received: on.to_string(),
        due: due.to_string(),
        working_days: clock.base_working_days,
        explanation: clock
            .explanation
            .iter()
            .map(|line| match lang {
                Some(lang) => state.templates.messages().say(*lang, line),
                None => state.templates.messages().say_both(line),
            })
            .collect(),
    })
}
