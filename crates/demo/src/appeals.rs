//! The demo's 行政复议 and 行政诉讼 cases (条例第五十一条) against 孟州市公共资源交易中心, 2021 to 2025, so that the
//! register page and table 四 of every year from 2021 have something true to show. None is filed in 2020: the
//! centre's published report for 2020 (the seed document) has all zeros in table 四.
//!
//! Most cases concern a demo application whose answer the applicant disputed (found by its description), a few
//! concern no application. Every group of table 四 meets every result: 结果维持, 结果纠正, 其他结果, and cases still
//! pending at a year's end (one filed in December and decided in February, suits running over a year end, and
//! one 复议后起诉 still pending today). The dates keep the time limits: 行政复议 within 60 days of the answer and
//! decided within 60 days (行政复议法第二十条、第六十二条), a direct suit within six months (行政诉讼法第四十六条),
//! a suit after reconsideration within 15 days of the decision (第四十五条); all on working days.
//!
//! [`seed_appeal_cases`] stores them through the store calls of the console, each checked by the domain first;
//! a case already stored is completed from where it stopped, so an interrupted demo completes itself and a
//! second start adds nothing.

use std::collections::HashMap;

use chrono::NaiveDate;
use gongkai_domain::agency::AgencyId;
use gongkai_domain::appeal::{AppealCase, CaseKind, CaseOutcome, Decision};
use gongkai_domain::audit::ActorRef;
use gongkai_store::{
    AgencyStore, AppealStore, ApplicationStore, NewAppealCase, Store, StoredAppealCase,
};

use gongkai_app::AppError;

use crate::{CENTRE, DemoError};

/// One demo case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoAppealCase {
    pub agency: &'static str,
    pub kind: CaseKind,
    pub filed_on: NaiveDate,
    /// The day of the decision and its result; `None` while pending.
    pub decision: Option<(NaiveDate, CaseOutcome)>,
    /// The description of the demo application it concerns (`demo_applications`), if any.
    pub application: Option<&'static str>,
    /// Unique per agency, kind and filing day, which is how a demo interrupted half way finds what it stored.
    pub note: &'static str,
}

impl DemoAppealCase {
    /// The case as table 四 counts it on `today` (a decision after `today` has not happened yet).
    pub fn as_of(&self, today: NaiveDate) -> AppealCase {
        AppealCase {
            kind: self.kind,
            filed_on: self.filed_on,
            decision: self
                .decision
                .filter(|(on, _)| *on <= today)
                .map(|(on, outcome)| Decision { on, outcome }),
        }
    }
}

const fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    // An impossible date becomes one the checks refuse (a decision before its filing), never a panic.
    match NaiveDate::from_ymd_opt(y, m, day) {
        Some(date) => date,
        None => NaiveDate::MIN,
    }
}

const fn case(
    kind: CaseKind,
    filed_on: NaiveDate,
    decision: Option<(NaiveDate, CaseOutcome)>,
    application: Option<&'static str>,
    note: &'static str,
) -> DemoAppealCase {
    DemoAppealCase {
        agency: CENTRE,
        kind,
        filed_on,
        decision,
        application,
        note,
    }
}

use CaseKind::{LitAfterReview, LitDirect, Review};
use CaseOutcome::{Correct, Maintain, Other};

const BID_PRICES: &str = "孟州市第二高级中学教学楼建设项目的评标报告和各投标人报价";
const PRICE_DATA: &str = "2021年孟州市房屋建筑和市政工程的招标控制价与中标价对比数据（按项目列明）";
const BILL_OF_QUANTITIES: &str = "2024年孟州市政府投资项目的工程量清单和招标控制价编制说明";

/// Every demo case, in order of the applications they concern.
#[rustfmt::skip]
pub fn demo_appeal_cases() -> Vec<DemoAppealCase> {
    vec![
    case(Review, d(2021, 4, 19), Some((d(2021, 6, 10), Maintain)), Some(BID_PRICES), "焦作市人民政府行政复议：不服部分公开的答复（焦政复〔2021〕37号），维持"),
    case(LitAfterReview, d(2021, 6, 23), Some((d(2021, 11, 26), Maintain)), Some(BID_PRICES), "孟州市人民法院（2021）豫0883行初52号：复议后起诉，判决驳回诉讼请求"),
    case(LitDirect, d(2021, 5, 20), Some((d(2021, 9, 15), Other)), Some("2016年孟州市某地块国有建设用地使用权挂牌出让的全部材料"), "孟州市人民法院（2021）豫0883行初31号：不服“本机关不掌握”的答复，原告撤诉"),
    case(Review, d(2021, 7, 12), Some((d(2021, 9, 3), Correct)), Some("孟州市人民医院医用耗材集中采购项目中某供应商的投标文件（含资质证明和业绩材料）"), "焦作市人民政府行政复议（焦政复〔2021〕66号）：第三方意见征询不充分，责令重新答复"),
    case(Review, d(2021, 10, 11), Some((d(2021, 12, 6), Maintain)), Some("孟州市体育中心建设项目评标委员会的评审讨论记录和评委个人打分表"), "焦作市人民政府行政复议（焦政复〔2021〕93号）：过程性信息不予公开，维持"),
    case(Review, d(2021, 12, 13), Some((d(2022, 2, 10), Correct)), Some("2019年至2021年孟州市政府投资工程项目的招标控制价、中标价和合同变更资料"), "焦作市人民政府行政复议（焦政复〔2021〕118号）：部分公开的理由不充分，责令重新答复"),
    case(Review, d(2022, 5, 16), Some((d(2022, 7, 8), Other)), None, "焦作市人民政府行政复议（焦政复〔2022〕41号）：认为交易中心未主动公开某项目中标结果，驳回复议申请"),
    case(LitAfterReview, d(2022, 7, 20), Some((d(2022, 12, 9), Other)), None, "孟州市人民法院（2022）豫0883行初47号：不服焦政复〔2022〕41号复议决定，裁定驳回起诉"),
    case(LitDirect, d(2022, 4, 18), Some((d(2022, 10, 14), Maintain)), Some("孟州市人民防空指挥工程建设项目的招标文件和设计图纸"), "孟州市人民法院（2022）豫0883行初22号：不服国家秘密不予公开的答复，判决驳回诉讼请求"),
    case(Review, d(2022, 9, 5), Some((d(2022, 10, 31), Other)), Some("交易中心所有的规章制度和内部文件"), "焦作市人民政府行政复议（焦政复〔2022〕77号）：申请人撤回复议申请，复议终止"),
    case(Review, d(2022, 11, 7), Some((d(2023, 1, 5), Maintain)), Some(PRICE_DATA), "焦作市人民政府行政复议（焦政复〔2022〕102号）：不服部分公开的答复，维持"),
    case(LitAfterReview, d(2023, 1, 16), Some((d(2023, 6, 30), Correct)), Some(PRICE_DATA), "孟州市人民法院（2023）豫0883行初5号：复议后起诉，判决撤销答复、责令重新答复"),
    case(LitDirect, d(2023, 9, 25), Some((d(2024, 3, 22), Maintain)), Some("孟州市2015年至2017年国有土地使用权出让合同"), "孟州市人民法院（2023）豫0883行初64号：不服“本机关不掌握”的答复，判决驳回诉讼请求"),
    case(Review, d(2023, 10, 16), Some((d(2023, 12, 8), Correct)), Some("孟州市市政道路照明节能改造项目中另一投标人的业绩证明材料和人员资格证书"), "焦作市人民政府行政复议（焦政复〔2023〕88号）：第三方不同意公开的理由未予审查，责令重新答复"),
    case(Review, d(2024, 5, 6), Some((d(2024, 7, 1), Maintain)), Some("孟州市新建第三中学项目评标委员会的讨论记录和澄清问题清单"), "焦作市人民政府行政复议（焦政复〔2024〕35号）：过程性信息不予公开，维持"),
    case(LitDirect, d(2024, 10, 14), Some((d(2025, 4, 11), Correct)), Some("孟州市农产品批发市场建设项目的资金来源和财政拨款明细"), "孟州市人民法院（2024）豫0883行初58号：未尽检索义务，判决撤销答复、责令重新答复"),
    case(Review, d(2024, 12, 16), Some((d(2025, 2, 14), Maintain)), Some(BILL_OF_QUANTITIES), "焦作市人民政府行政复议（焦政复〔2024〕97号）：不服部分公开的答复，维持"),
    case(LitAfterReview, d(2025, 2, 26), None, Some(BILL_OF_QUANTITIES), "孟州市人民法院（2025）豫0883行初9号：复议后起诉，尚在审理"),
    case(Review, d(2025, 4, 14), Some((d(2025, 6, 9), Other)), Some("孟州市2024年某政府采购项目中标供应商的纳税申报表和完税凭证"), "焦作市人民政府行政复议（焦政复〔2025〕29号）：双方和解，申请人撤回复议申请"),
    case(LitDirect, d(2025, 8, 11), Some((d(2025, 12, 19), Other)), Some("交易中心的项目资料"), "孟州市人民法院（2025）豫0883行初41号：逾期未补正、不再处理，裁定驳回起诉"),
    ]
}

fn refused(n: usize, case: &DemoAppealCase, why: impl std::fmt::Display) -> DemoError {
    DemoError::App(AppError::Internal(format!(
        "demo review case {n} ({} {}): {why}",
        case.filed_on, case.note
    )))
}

/// Stores `cases` as clerks would have registered them by `today`: a case filed later is left out, and so is a
/// decision dated later. A case already stored (same agency, kind, filing day and note) is completed from where
/// it stopped. Each case is checked by the domain first ([`AppealCase::check`]), and a linked application must
/// be one of the agency's demo applications. Returns how many cases were created.
pub async fn seed_appeal_cases(
    store: &Store,
    cases: &[DemoAppealCase],
    today: NaiveDate,
) -> Result<usize, DemoError> {
    let by = ActorRef::System {
        reason: "gongkai demo".into(),
    };
    let mut agencies: HashMap<&str, (AgencyId, Vec<StoredAppealCase>)> = HashMap::new();
    let mut created = 0;
    for (n, case) in cases.iter().enumerate() {
        if case.filed_on > today {
            continue;
        }
        let problems = case.as_of(today).check(today);
        if !problems.is_empty() {
            return Err(refused(n, case, format!("{problems:?}")));
        }
        if !agencies.contains_key(case.agency) {
            let agency = store
                .agency_by_name_or_code(case.agency)
                .await?
                .ok_or_else(|| refused(n, case, format!("no agency {}", case.agency)))?;
            let stored = store.review_cases_of(agency.id).await?;
            agencies.insert(case.agency, (agency.id, stored));
        }
        let Some((agency, stored)) = agencies.get(case.agency) else {
            continue;
        };
        let agency = *agency;
        let found = stored.iter().find(|s| {
            s.case.kind == case.kind && s.case.filed_on == case.filed_on && s.note == case.note
        });
        let current = match found {
            Some(s) => s.clone(),
            None => {
                let application = match case.application {
                    None => None,
                    Some(description) => Some(
                        store
                            .applications_of(agency, false)
                            .await?
                            .into_iter()
                            .find(|a| a.description == description)
                            .ok_or_else(|| refused(n, case, "no such demo application"))?
                            .id,
                    ),
                };
                let new = NewAppealCase {
                    agency,
                    kind: case.kind,
                    filed_on: case.filed_on,
                    application,
                    note: case.note.to_owned(),
                };
                created += 1;
                store.create_review_case(&new, &by).await?
            }
        };
        if let (None, Some(decision)) = (current.case.decision, case.as_of(today).decision) {
            store
                .record_review_decision(current.id, &decision, &by)
                .await?;
        }
    }
    Ok(created)
}

#[cfg(test)]
mod tests;
