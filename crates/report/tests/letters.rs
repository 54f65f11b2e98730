//! 告知书 (`gongkai_report::letters`): for every outcome the text states the decision, its article and the
//! remedies; the DOCX and the PDF carry the same text; bad input is an error.
//!
//! The PDF test needs poppler-utils (`pdftotext`) and a CJK font (fonts-noto-cjk) on the machine.

use std::io::Write;
use std::process::{Command, Stdio};

use gongkai_domain::application::outcome::{NotHeld, NotHeldGround, Outcome};
use gongkai_report::letters::{
    LetterData, REGULATION, TITLE, letter_docx, letter_pdf, letter_text, try_letter_text,
};

const APPLICANT: &str = "欧阳明远";
const TRACKING: &str = "YSQ-2026-00417";

fn data(outcome: Outcome) -> LetterData {
    LetterData {
        agency_name: "某市生态环境局".into(),
        agency_address: "某市人民路1号".into(),
        agency_phone: "010-12345678".into(),
        tracking_no: TRACKING.into(),
        applicant_name: APPLICANT.into(),
        received_on: "2026-03-02".into(),
        description: "2025年度建设项目环境影响评价审批清单".into(),
        outcome,
        reason: None,
        served_on: "2026-03-27".into(),
        extra: None,
        review_body: "某市人民政府".into(),
        doc_no: DOC_NO.into(),
        not_held: (outcome == Outcome::NotHeld).then_some(NotHeld {
            ground: NotHeldGround::DoesNotExist,
            competent_agency: None,
            competent_contact: None,
        }),
    }
}

const DOC_NO: &str = "某环依申告〔2026〕17号";

/// The words that name each decision in the letter (and must survive PDF extraction).
fn decision_words(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Open => "予以公开",
        Outcome::Partial => "部分公开",
        Outcome::StateSecret => "属于国家秘密",
        Outcome::LawForbidden => "法律、行政法规禁止公开",
        Outcome::ThreeSecurity => "危及国家安全、公共安全、经济安全、社会稳定",
        Outcome::ThirdParty => "第三方合法权益",
        Outcome::InternalAffairs => "内部事务信息",
        Outcome::ProcessInfo => "过程性信息",
        Outcome::EnforcementFile => "行政执法案卷",
        Outcome::AdminQuery => "行政查询事项",
        Outcome::NotHeld => "该政府信息不存在",
        Outcome::NeedsCreation => "另行制作",
        Outcome::StillUnclear => "补正后的申请内容仍不明确",
        Outcome::Petition => "信访、投诉、举报",
        Outcome::Repeat => "不予重复处理",
        Outcome::Publication => "公开出版物",
        Outcome::MassRepeat => "明显超过合理范围",
        Outcome::ConfirmReissue => "确认或者重新出具",
        Outcome::NoCorrection => "逾期未补正",
        Outcome::FeeUnpaid => "逾期未按收费通知要求缴纳",
        Outcome::Other => "作其他处理",
    }
}

/// What the letter of `outcome` rests on: its `legal_basis()`, and for not_held the one ground `data` gives.
fn basis_of(outcome: Outcome) -> Option<&'static str> {
    match outcome {
        Outcome::NotHeld => Some(NotHeldGround::DoesNotExist.legal_basis()),
        other => other.legal_basis(),
    }
}

/// The article of a `legal_basis()` as the letter cites it after the regulation's name: `条例第三十七条` →
/// `第三十七条` (the first article where several are listed).
fn article(basis: &str) -> &str {
    let basis = basis.strip_prefix("条例").unwrap_or(basis);
    basis.split('；').next().unwrap_or(basis)
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The remedy of a letter served in 2026: a refusal to disclose goes to 行政复议 first, before the named body
/// (行政复议法（2023）第二十三条); any other decision offers 复议 or 诉讼.
fn assert_remedies(text: &str, outcome: Outcome) {
    let words: &[&str] = if outcome.withholds() {
        &[
            "六十日内先向某市人民政府申请行政复议",
            "对行政复议决定不服",
            "第二十三条第一款第（四）项",
            "第五十一条",
        ]
    } else {
        &[
            "六十日内依法向某市人民政府申请行政复议",
            "行政诉讼",
            "六个月内",
            "第五十一条",
        ]
    };
    for words in words {
        assert!(
            text.contains(words),
            "{outcome:?}: remedies miss {words}:\n{text}"
        );
    }
    if outcome.withholds() {
        assert!(
            !text.contains("六个月内"),
            "{outcome:?}: no direct lawsuit after a refusal:\n{text}"
        );
    }
}

/// 条例第三十六条第（七）项 refers the applicant to the special rules (告知…依照有关法律、行政法规的规定办理), and
/// 第三十九条第二款 tells the way to a publication (告知获取的途径); neither borrows another article's wording.
#[test]
fn a_referral_and_a_publication_say_what_their_articles_say() {
    let admin_query = letter_text(&data(Outcome::AdminQuery));
    assert!(
        admin_query.contains("依照有关法律、行政法规的规定办理"),
        "{admin_query}"
    );
    assert!(
        !admin_query.contains("不予公开"),
        "a referral, not a refusal: {admin_query}"
    );
    let publication = letter_text(&data(Outcome::Publication));
    assert!(
        publication.contains("获取的途径") && publication.contains("第三十九条第二款"),
        "{publication}"
    );
    assert!(
        !publication.contains("不作为政府信息公开申请处理"),
        "that is the wording of 信访 (第三十九条第一款): {publication}"
    );
}

#[test]
fn a_refusal_served_before_2024_still_offers_review_or_lawsuit() {
    let mut d = data(Outcome::ProcessInfo);
    d.received_on = "2023-11-20".into();
    d.served_on = "2023-12-15".into();
    let text = letter_text(&d);
    assert!(
        text.contains("六十日内依法向某市人民政府申请行政复议") && text.contains("六个月内"),
        "{text}"
    );
    d.review_body = String::new();
    assert!(letter_text(&d).contains("向有管辖权的行政复议机关申请行政复议"));
}

#[test]
fn every_outcome_states_decision_basis_and_remedies() {
    for outcome in Outcome::ALL {
        let text = letter_text(&data(outcome));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[..3], ["某市生态环境局", TITLE, DOC_NO], "{outcome:?}");
        assert!(text.contains(&format!("{APPLICANT}：")), "{text}");
        assert!(text.contains(TRACKING), "{text}");
        assert!(text.contains("2026年3月2日") && text.contains("2026年3月27日"));
        assert!(text.contains("“2025年度建设项目环境影响评价审批清单”"));
        assert!(
            text.contains(decision_words(outcome)),
            "{outcome:?} does not name its decision:\n{text}"
        );
        if let Some(basis) = basis_of(outcome) {
            let cited = format!("依据《{REGULATION}》{}", article(basis));
            assert!(text.contains(&cited), "{outcome:?} misses {cited}:\n{text}");
        } else {
            assert!(
                !text.contains("依据《"),
                "{outcome:?} cites an article it has none of"
            );
        }
        assert_remedies(&text, outcome);
        assert!(text.contains("联系地址：某市人民路1号；联系电话：010-12345678。"));
        assert!(
            text.trim_end().ends_with("某市生态环境局\n2026年3月27日"),
            "{text}"
        );
        // Nothing left of the template: no tags, no double blank lines.
        assert!(!text.contains("{{") && !text.contains("{%") && !text.contains("\n\n\n"));
    }
}

#[test]
fn the_reason_and_extra_paragraphs_are_printed() {
    let mut d = data(Outcome::Partial);
    d.reason = Some("第3页涉及第三方个人隐私，已作遮盖处理。\n\n第5页为内部审批意见。".into());
    d.extra = Some("可公开部分见附件。".into());
    let text = letter_text(&d);
    assert!(
        text.contains("说明：第3页涉及第三方个人隐私，已作遮盖处理。\n第5页为内部审批意见。\n")
    );
    assert!(text.contains("\n可公开部分见附件。\n"));
    let mut d = data(Outcome::StateSecret);
    d.reason = Some("该文件已定密为秘密级。".into());
    assert!(letter_text(&d).contains("理由：该文件已定密为秘密级。"));
    // Without a reason there is no empty 理由 line.
    assert!(!letter_text(&data(Outcome::StateSecret)).contains("理由："));
    // No address and no phone: no contact line.
    let mut d = data(Outcome::Open);
    d.agency_address.clear();
    d.agency_phone.clear();
    assert!(!letter_text(&d).contains("联系"));
}

#[test]
fn docx_opens_and_carries_the_letter() {
    for outcome in [Outcome::Open, Outcome::ThirdParty, Outcome::FeeUnpaid] {
        let bytes = letter_docx(&data(outcome)).expect("docx");
        let docx = docx_rs::read_docx(&bytes).expect("docx-rs reads the letter");
        let json = docx.json();
        assert!(json.contains(APPLICANT), "{outcome:?}");
        assert!(json.contains(TRACKING), "{outcome:?}");
        assert!(json.contains(TITLE));
        assert!(json.contains(decision_words(outcome)), "{outcome:?}");
        // Every line of the text is one paragraph of the document.
        for line in letter_text(&data(outcome))
            .lines()
            .filter(|l| !l.is_empty())
        {
            assert!(json.contains(line), "{outcome:?}: DOCX misses {line}");
        }
    }
}

fn pdftotext(pdf: &[u8]) -> String {
    let mut child = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot run `pdftotext` ({e}): install poppler-utils (apt-get install poppler-utils)")
        });
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(pdf)
        .expect("write to pdftotext");
    let out = child.wait_with_output().expect("pdftotext output");
    assert!(out.status.success(), "pdftotext failed: {:?}", out.status);
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn pdf_extracts_back_to_the_letter() {
    for outcome in [Outcome::Partial, Outcome::ProcessInfo, Outcome::Other] {
        let mut d = data(outcome);
        d.reason = Some("见附件 #1 *说明* $x$ // 不是注释".into());
        let pdf = letter_pdf(&d).expect("pdf");
        assert!(pdf.starts_with(b"%PDF"), "{outcome:?}");
        let text = squeeze(&pdftotext(&pdf));
        for words in [
            TRACKING,
            APPLICANT,
            TITLE,
            decision_words(outcome),
            "行政复议",
            "某市人民政府",
            "#1*说明*$x$//不是注释",
        ] {
            assert!(
                text.contains(&squeeze(words)),
                "{outcome:?}: {words} not in\n{text}"
            );
        }
        // The same text as letter_text, line for line (typst may break lines anywhere).
        for line in letter_text(&d).lines() {
            assert!(
                text.contains(&squeeze(line)),
                "{outcome:?}: PDF misses {line}"
            );
        }
        if let Some(basis) = basis_of(outcome) {
            assert!(
                text.contains(&squeeze(article(basis))),
                "{outcome:?}: {basis}"
            );
        }
    }
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let mut d = data(Outcome::Open);
    d.applicant_name = "  ".into();
    for err in [
        letter_docx(&d).err(),
        letter_pdf(&d).err(),
        try_letter_text(&d).err(),
        d.validate().err(),
    ] {
        let err = err.expect("an empty applicant name is refused");
        assert_eq!(err.code(), "report.bad_letter");
        let msg = err.to_string();
        // The Chinese words are in the locale files (gongkai_app's tests read them).
        assert!(msg.contains("applicant_name"), "{msg}");
    }
    // letter_text itself never fails.
    assert!(letter_text(&d).contains(TITLE));

    let mut d = data(Outcome::Open);
    d.received_on = "2026-02-30".into();
    let err = letter_docx(&d).expect_err("not a date");
    assert_eq!(err.code(), "report.bad_letter");
    assert!(err.to_string().contains("received_on"));
    assert!(letter_text(&d).contains("于2026-02-30收到"));

    let mut d = data(Outcome::Open);
    d.served_on = "2026-03-01".into();
    assert!(d.validate().is_err(), "served before received");
    for field in ["agency_name", "tracking_no", "description"] {
        let mut d = data(Outcome::Open);
        match field {
            "agency_name" => d.agency_name.clear(),
            "tracking_no" => d.tracking_no.clear(),
            _ => d.description.clear(),
        }
        let err = d.validate().expect_err(field);
        assert!(err.to_string().contains(field));
    }
}

/// 条例第三十六条第（四）项 and 第（五）项 are two answers: the letter says one, never both, and the （五）项
/// letter names the competent agency and its contact.
#[test]
fn a_not_held_letter_rests_on_one_ground() {
    let mut d = data(Outcome::NotHeld);
    let missing = letter_text(&d);
    assert!(missing.contains("该政府信息不存在"), "{missing}");
    assert!(missing.contains("第三十六条第（四）项。"), "{missing}");
    assert!(
        !missing.contains("第（五）项") && !missing.contains("不属于本机关负责公开"),
        "{missing}"
    );

    d.not_held = Some(NotHeld {
        ground: NotHeldGround::NotOurs,
        competent_agency: Some("某市自然资源和规划局".into()),
        competent_contact: Some("0391-8123456".into()),
    });
    let elsewhere = letter_text(&d);
    assert!(elsewhere.contains("不属于本机关负责公开"), "{elsewhere}");
    assert!(
        elsewhere.contains("某市自然资源和规划局") && elsewhere.contains("0391-8123456"),
        "{elsewhere}"
    );
    assert!(elsewhere.contains("第三十六条第（五）项。"), "{elsewhere}");
    assert!(
        !elsewhere.contains("第（四）项") && !elsewhere.contains("不存在"),
        "{elsewhere}"
    );
    let pdf = squeeze(&pdftotext(&letter_pdf(&d).expect("pdf")));
    assert!(
        pdf.contains("某市自然资源和规划局") && pdf.contains("0391-8123456"),
        "{pdf}"
    );

    // Without a ground the letter cannot be issued.
    d.not_held = None;
    let err = d.validate().expect_err("a ground is required");
    assert!(err.to_string().contains("not_held"), "{err}");
}
