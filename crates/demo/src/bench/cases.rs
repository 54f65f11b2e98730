//! Applications for `gongkai bench-data`: received on working days over several years, handled in the ways the
//! law allows (answered at once, after a 补正, after an extension or a consultation, after a fee; withdrawn;
//! lapsed), with an outcome mix like the one published reports show; each step planned by the domain exactly as
//! a caseworker's would be. Some decisions are taken to 行政复议 or court.

use chrono::NaiveDate;
use gongkai_domain::agency::AgencyId;
use gongkai_domain::application::clock::ClockEvent;
use gongkai_domain::application::event::{Event, FeeNotice};
use gongkai_domain::application::fees::{FeeMethod, fee};
use gongkai_domain::application::handling::{Action, plan};
use gongkai_domain::application::intake::{
    ApplicantInput, Channel, Delivery, InfoForm, resident_id_check_character,
};
use gongkai_domain::application::outcome::{ApplicantKind, Outcome};
use gongkai_domain::application::status::Status;
use gongkai_domain::calendar::Calendar;
use gongkai_store::{LoadedApplication, LoadedStep, NewApplication};

use super::items::Dice;

/// Outcomes of a direct decision and how often (per thousand) they occur.
const OUTCOMES: [(Outcome, u32); 17] = [
    (Outcome::Open, 390),
    (Outcome::Partial, 90),
    (Outcome::StateSecret, 3),
    (Outcome::LawForbidden, 6),
    (Outcome::ThreeSecurity, 2),
    (Outcome::ThirdParty, 8),
    (Outcome::InternalAffairs, 12),
    (Outcome::ProcessInfo, 15),
    (Outcome::EnforcementFile, 6),
    (Outcome::AdminQuery, 8),
    (Outcome::NotHeld, 250),
    (Outcome::NeedsCreation, 40),
    (Outcome::Petition, 50),
    (Outcome::Repeat, 30),
    (Outcome::Publication, 10),
    (Outcome::ConfirmReissue, 15),
    (Outcome::Other, 65),
];

fn outcome(dice: &mut Dice) -> Outcome {
    let total: u32 = OUTCOMES.iter().map(|(_, w)| w).sum();
    let mut roll = dice.below(total as usize) as u32;
    for (outcome, weight) in OUTCOMES {
        if roll < weight {
            return outcome;
        }
        roll -= weight;
    }
    Outcome::Open
}

const DESCRIPTIONS: [&str; 10] = [
    "申请公开本单位2023年度部门预算及“三公”经费使用情况",
    "申请公开某地块征收补偿安置方案及批准文件",
    "申请公开某建设项目环境影响评价报告及批复",
    "申请公开本人房屋所在区域的规划许可证及附图",
    "申请公开某企业行政处罚决定书",
    "申请公开某道路改造工程招标投标及合同文件",
    "申请公开城乡低保资金发放明细",
    "申请公开某学校招生计划及录取规则",
    "申请公开本村集体土地征收的用地批复",
    "申请公开某小区消防验收意见书",
];

fn applicant(dice: &mut Dice, n: usize) -> (ApplicantKind, String) {
    let mut body = ApplicantInput::default();
    let kind = if dice.chance(85) {
        ApplicantKind::NaturalPerson
    } else {
        ApplicantKind::Business
    };
    body.kind = kind.code().to_owned();
    if kind == ApplicantKind::NaturalPerson {
        let id17 = format!(
            "410105{:04}{:02}{:02}{:03}",
            1950 + n % 50,
            1 + n % 12,
            1 + n % 28,
            n % 1000
        );
        let check = resident_id_check_character(&id17).unwrap_or('0');
        body.name = format!(
            "{}{}",
            ["张", "王", "李", "赵", "刘", "陈"][n % 6],
            ["伟", "芳", "娜", "敏", "静", "强"][(n / 6) % 6]
        );
        body.id_type = "resident_id".into();
        body.id_number = format!("{id17}{check}");
    } else {
        body.name = format!("河南某某实业有限公司第{}分公司", n % 97);
        body.contact_name = "王经理".into();
    }
    body.phone = format!("139{:08}", n % 100_000_000);
    body.address = "郑州市金水区花园路1号".into();
    (kind, serde_json::to_string(&body).unwrap_or_default())
}

fn working_day_on_or_after(calendar: &Calendar, mut day: NaiveDate) -> NaiveDate {
    for _ in 0..30 {
        if calendar.is_working_day(day).unwrap_or(true) {
            return day;
        }
        day = day.succ_opt().unwrap_or(day);
    }
    day
}

fn after(calendar: &Calendar, day: NaiveDate, working_days: u32) -> NaiveDate {
    calendar
        .add_working_days(day, working_days)
        .map(|d| d.due)
        .unwrap_or(day)
}

/// The steps of one application after its receipt, by a scenario the dice choose.
fn actions(dice: &mut Dice, calendar: &Calendar, received: NaiveDate) -> Vec<Action> {
    let at = |n: u32| after(calendar, received, n);
    let decide = |on: NaiveDate, outcome: Outcome| Action::Decide { on, outcome };
    let roll = dice.below(100);
    let quick = 2 + dice.below(17) as u32;
    match roll {
        0..=9 => {
            let correct_by = at(2 + 15);
            let mut steps = vec![Action::RequestCorrection {
                on: at(2),
                correct_by,
            }];
            if dice.chance(75) {
                let back = at(5 + dice.below(8) as u32);
                steps.push(Action::CorrectionReceived { on: back });
                let o = if dice.chance(5) {
                    Outcome::StillUnclear
                } else {
                    outcome(dice)
                };
                steps.push(decide(after(calendar, back, quick), o));
            } else {
                steps.push(Action::CorrectionOverdue {
                    on: after(calendar, correct_by, 1),
                    correct_by,
                });
            }
            steps
        }
        10..=15 => vec![
            Action::Extend {
                on: at(18),
                working_days: 20,
            },
            decide(at(25 + dice.below(14) as u32), outcome(dice)),
        ],
        16..=18 => vec![
            Action::StartConsultation { on: at(4) },
            Action::EndConsultation { on: at(12) },
            decide(at(16), outcome(dice)),
        ],
        19 => {
            let mut steps = vec![
                Action::IssueFeeNotice { on: at(8) },
                Action::FeeNoticeReceived { on: at(10) },
            ];
            if dice.chance(70) {
                steps.push(Action::FeePaid { on: at(14) });
                steps.push(decide(at(17), Outcome::Open));
            } else {
                steps.push(Action::FeeOverdue { on: at(32) });
            }
            steps
        }
        20..=21 => vec![Action::Withdraw { on: at(3) }],
        _ => vec![decide(at(quick), outcome(dice))],
    }
}

fn event_of(action: &Action) -> Event {
    let pages = 120;
    let notice = FeeNotice {
        method: FeeMethod::PerPage,
        count: None,
        pages,
        amount_yuan: fee(FeeMethod::PerPage, 0, pages)
            .map(|q| q.amount_yuan)
            .unwrap_or_default(),
        explanation: None,
        pay_within_working_days: None,
        service: Some(Delivery::Post),
        pay_by: None,
    };
    Event::with_bare_particulars(action, &notice)
}

/// One generated application with every step the domain allowed by `today`; `fallback` counts the scenarios
/// the domain refused (they end at the last allowed step).
/// What every generated application shares: the calendar, the day the data set ends, the query code's hash.
pub struct Setting<'a> {
    pub calendar: &'a Calendar,
    pub today: NaiveDate,
    pub query_code_hash: &'a str,
}

pub fn application(
    dice: &mut Dice,
    setting: &Setting<'_>,
    agency: AgencyId,
    year: i32,
    n: usize,
    refused: &mut usize,
) -> LoadedApplication {
    let (calendar, today) = (setting.calendar, setting.today);
    let from = NaiveDate::from_ymd_opt(year, 1, 4).unwrap_or_default();
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
    let received = working_day_on_or_after(calendar, dice.day_between(from, to));
    let channel = *dice.pick(&[
        Channel::Online,
        Channel::Online,
        Channel::SignedForPost,
        Channel::InPerson,
    ]);
    let (applicant_kind, applicant) = applicant(dice, n);
    let mut status = Status::Received;
    let mut history = vec![ClockEvent::Received { on: received }];
    let mut steps = Vec::new();
    for action in actions(dice, calendar, received) {
        if action.on() > today {
            break;
        }
        match plan(status, &history, &action, today, calendar) {
            Ok(planned) => {
                let event = event_of(&action);
                history.extend(event.clock_event(action.on()));
                status = planned.status;
                steps.push(LoadedStep {
                    event,
                    on: action.on(),
                    status: planned.status,
                    ended_on: planned.ended_on,
                });
            }
            Err(_) => {
                *refused += 1;
                break;
            }
        }
    }
    LoadedApplication {
        new: NewApplication {
            agency,
            applicant_kind,
            applicant,
            description: format!("{}（第{}号）", *dice.pick(&DESCRIPTIONS), n + 1),
            info_form: if dice.chance(70) {
                InfoForm::Electronic
            } else {
                InfoForm::Paper
            },
            delivery: if channel == Channel::Online {
                Delivery::Online
            } else {
                Delivery::Post
            },
            channel,
            received_on: Some(received),
            query_code_hash: setting.query_code_hash.to_owned(),
        },
        steps,
    }
}

/// The day an application was decided, if it was (for a case in the register).
pub fn decided_on(loaded: &LoadedApplication) -> Option<NaiveDate> {
    loaded
        .steps
        .iter()
        .find(|s| matches!(s.event, Event::Decided(_)))
        .map(|s| s.on)
}
