//! The words of the lower layers' coded values, as users read them: the texts the domain once wrote itself now
//! come from the locale files, in the same wording.

use chrono::NaiveDate;
use gongkai_app::messages::{Lang, Messages};
use gongkai_domain::application::clock::{ClockEvent, compute};
use gongkai_domain::application::fees::{FeeMethod, fee};
use gongkai_domain::application::status::{Status, Step};
use gongkai_domain::audit::ChainBreak;
use gongkai_domain::calendar::Calendar;
use gongkai_domain::catalog::{ItemState, Transition};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn words() -> Messages {
    Messages::builtin().expect("catalogues")
}

fn lines(received: &str, lang: Lang) -> String {
    let cal = Calendar::builtin().expect("table");
    let clock = compute(&[ClockEvent::Received { on: d(received) }], &cal).expect("clock");
    let w = words();
    let said: Vec<String> = clock.explanation.iter().map(|l| w.say(lang, l)).collect();
    said.join("\n")
}

#[test]
fn a_deadline_is_explained_in_either_language() {
    let zh = lines("2019-09-27", Lang::Zh);
    assert!(
        zh.contains("跳过国庆节 2019-10-01 至 2019-10-07（7 天）"),
        "{zh}"
    );
    assert!(zh.contains("2019-10-12（星期六）为调休上班日"), "{zh}");
    assert!(
        zh.contains("2019-09-27 收到申请，适用条例第三十三条"),
        "{zh}"
    );
    let en = lines("2019-09-27", Lang::En);
    assert!(en.contains("working day 20 is 2019-10-30"), "{en}");
    assert!(
        en.contains("2019-10-12 (Saturday) is a make-up working day"),
        "{en}"
    );
    assert!(lines("2019-05-14", Lang::Zh).contains("第二十四条"));
}

#[test]
fn errors_read_as_they_always_did() {
    let w = words();
    let closed = Status::Withdrawn
        .apply(Step::Decide(
            gongkai_domain::application::outcome::Outcome::Open,
        ))
        .expect_err("closed");
    assert_eq!(w.say(Lang::Zh, &closed), "申请已“已撤回”，不能再“decide”");
    assert_eq!(
        w.say(Lang::En, &closed),
        "the application is closed (withdrawn); cannot decide"
    );
    let refused = ItemState::Draft
        .apply(Transition::Approve)
        .expect_err("refused");
    assert_eq!(
        w.say_both(&refused),
        "不能从“草稿”经“approve”变为“已发布” / cannot go from draft to published by approve"
    );
    let b = ChainBreak::EventAltered { seq: 3 };
    assert!(w.say(Lang::Zh, &b).contains("事件 #3") && w.say(Lang::En, &b).contains("event #3"));
    let quote = fee(FeeMethod::PerPage, 1, 250).expect("quote");
    assert!(w.say(Lang::Zh, &quote.explanation).contains("50×40=2000"));
    let no_data = Calendar::builtin()
        .expect("table")
        .add_working_days(d("2026-12-20"), 20)
        .expect_err("no data");
    assert_eq!(no_data.code(), "calendar.no_data");
    assert_eq!(
        w.say(Lang::Zh, &no_data),
        "尚无 2027 年的节假日安排，无法计算工作日"
    );
}

#[test]
fn report_errors_read_in_both_languages() {
    use gongkai_report::{LetterProblem, ReportError};
    let w = words();
    let e = ReportError::BadLetter(LetterProblem::Missing {
        field: "applicant_name",
    });
    assert_eq!(
        w.say_both(&e),
        "告知书内容不完整或有误：缺少申请人姓名或名称 / cannot issue the letter: applicant_name is empty"
    );
}
