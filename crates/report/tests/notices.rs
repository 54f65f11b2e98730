//! Every notice kind (`gongkai_report::letters::Notice`) renders as text, DOCX and PDF in the GB/T 9704
//! layout; what a reader of the PDF (`pdftotext`) and of the DOCX (its `word/document.xml`) finds there is the
//! agency, the application's number, the 发文字号 and the article the notice rests on.
//!
//! Needs poppler-utils (`pdftotext`) and a CJK font (fonts-noto-cjk) on the machine.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use gongkai_domain::application::fees::FeeMethod;
use gongkai_domain::application::notice::NoticeKind;
use gongkai_report::letters::{Lapse, Notice, Particulars, notice_docx, notice_pdf, notice_text};

const AGENCY: &str = "孟州市公共资源交易中心";
const TRACKING: &str = "GK-2026-000123";

fn notice(particulars: Particulars) -> Notice {
    let kind = particulars.kind();
    Notice {
        agency_name: AGENCY.into(),
        agency_address: "孟州市会昌路1号".into(),
        agency_phone: "0391-8169000".into(),
        doc_no: format!("孟公资{}〔2026〕13号", kind.doc_word()),
        tracking_no: TRACKING.into(),
        addressee: match kind {
            NoticeKind::Consultation => "河南某建设工程有限公司".into(),
            NoticeKind::AgencyConsultation => "孟州市财政局".into(),
            _ => "欧阳明远".into(),
        },
        received_on: "2026-11-02".into(),
        description: "2026年政府采购项目中标结果".into(),
        served_on: "2026-11-30".into(),
        review_body: "孟州市人民政府".into(),
        particulars,
    }
}

/// One notice of each kind, with the article it rests on and words only it says.
fn every_kind() -> Vec<(Notice, &'static str, &'static str)> {
    vec![
        (
            notice(Particulars::Correction {
                what: "请写明所需信息的项目名称\n请提供身份证明复印件".into(),
                correct_by: "2026-12-14".into(),
            }),
            "第三十条",
            "视为放弃申请",
        ),
        (
            notice(Particulars::Extension {
                working_days: 20,
                reason: "需调取的档案存放于异地".into(),
                due_on: "2026-12-28".into(),
            }),
            "第三十三条第二款",
            "延长20个工作日",
        ),
        (
            notice(Particulars::Consultation {
                reply_by: "2026-12-21".into(),
            }),
            "第三十二条",
            "15个工作日内",
        ),
        (
            notice(Particulars::AgencyConsultation {
                reply_by: "2026-12-21".into(),
            }),
            "第三十四条",
            "视为同意公开",
        ),
        (
            notice(Particulars::Fee {
                method: FeeMethod::PerPage,
                amount_yuan: "1100".into(),
                explanation: "共120页，其中31—100页70页×10元，101—120页20页×20元".into(),
                pay_by: "2026-12-28".into(),
            }),
            "第四十二条",
            "自收到本通知之日起20个工作日内",
        ),
        (
            notice(Particulars::Reasons {
                reply_by: "2026-12-14".into(),
            }),
            "第三十五条",
            "说明理由",
        ),
        (
            notice(Particulars::Delay {
                due_on: "2027-01-29".into(),
                reason: "申请涉及的信息量较大".into(),
            }),
            "第三十五条",
            "延迟答复",
        ),
        (
            notice(Particulars::Termination {
                lapse: Lapse::Correction,
                deadline: "2026-11-20".into(),
            }),
            "第三十条",
            "补正期限于2026年11月20日届满",
        ),
        (
            notice(Particulars::Termination {
                lapse: Lapse::Fee,
                deadline: "2026-11-27".into(),
            }),
            "国办函〔2020〕109号",
            "缴费期限于2026年11月27日届满",
        ),
    ]
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
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

/// The text of a DOCX as Word reads it: `word/document.xml` without its tags.
fn docx_text(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a DOCX is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .expect("UTF-8 XML");
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&")
}

#[test]
fn every_kind_states_its_article_number_and_agency_in_text_docx_and_pdf() {
    for (notice, article, words) in every_kind() {
        let kind = notice.kind();
        let text = notice_text(&notice).expect("text");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[..3],
            [AGENCY, kind.title(), notice.doc_no.as_str()],
            "{kind:?}: heading"
        );
        assert!(text.contains(&format!("{}：", notice.addressee)), "{text}");
        assert!(
            text.trim_end()
                .ends_with(&format!("{AGENCY}\n2026年11月30日")),
            "{text}"
        );
        assert!(text.contains(words), "{kind:?} misses {words}:\n{text}");
        assert!(!text.contains("{{") && !text.contains("{%") && !text.contains("\n\n\n"));
        let docx = squeeze(&docx_text(&notice_docx(&notice).expect("docx")));
        let pdf = squeeze(&pdftotext(&notice_pdf(&notice).expect("pdf")));
        for (reader, read) in [("DOCX", &docx), ("PDF", &pdf)] {
            for expected in [
                AGENCY,
                TRACKING,
                notice.doc_no.as_str(),
                article,
                kind.title(),
            ] {
                assert!(
                    read.contains(&squeeze(expected)),
                    "{kind:?}: the {reader} misses {expected}:\n{read}"
                );
            }
            assert!(
                read.contains("（印章）"),
                "{kind:?}: {reader} has no seal block"
            );
        }
        // The PDF numbers its pages the official way.
        assert!(pdf.contains("—1—"), "{kind:?}: no page number in\n{pdf}");
    }
}

#[test]
fn a_third_party_is_told_its_rights_and_the_applicant_is_not_named() {
    let consultation = &every_kind()[2].0;
    let text = notice_text(consultation).expect("text");
    assert!(text.starts_with(AGENCY));
    assert!(text.contains("河南某建设工程有限公司："), "{text}");
    assert!(text.contains("不计算在答复申请人的期限内"), "{text}");
    assert!(text.contains("逾期未提出意见的，由本机关依照"), "{text}");
    assert!(
        !text.contains("欧阳明远"),
        "no personal data of the applicant: {text}"
    );
}

#[test]
fn a_fee_notice_states_tariff_amount_and_period() {
    let fee = &every_kind()[4].0;
    let text = notice_text(fee).expect("text");
    for words in [
        "按量计收",
        "10元/页",
        "人民币1100元",
        "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        "逾期未缴纳的，视为放弃申请",
    ] {
        assert!(text.contains(words), "{words}: {text}");
    }
    let mut per_application = fee.clone();
    per_application.particulars = Particulars::Fee {
        method: FeeMethod::PerApplication,
        amount_yuan: "100".into(),
        explanation: String::new(),
        pay_by: String::new(),
    };
    let text = notice_text(&per_application).expect("text");
    assert!(
        text.contains("按件计收") && text.contains("100元/件") && !text.contains("元/页"),
        "{text}"
    );
}

#[test]
fn a_termination_states_the_lapse_and_the_remedy() {
    let text = notice_text(&every_kind()[7].0).expect("text");
    assert!(
        text.contains("视为放弃申请") && text.contains("终止处理"),
        "{text}"
    );
    assert!(text.contains("孟州市人民政府申请行政复议"), "{text}");
}

#[test]
fn incomplete_notices_are_refused() {
    let mut n = every_kind().remove(0).0;
    n.doc_no.clear();
    assert!(
        notice_text(&n)
            .expect_err("no number")
            .to_string()
            .contains("doc_no")
    );
    let mut n = every_kind().remove(0).0;
    n.particulars = Particulars::Correction {
        what: " ".into(),
        correct_by: "2026-12-14".into(),
    };
    assert!(
        notice_pdf(&n)
            .expect_err("nothing to correct")
            .to_string()
            .contains("what")
    );
    let mut n = every_kind().remove(1).0;
    n.particulars = Particulars::Extension {
        working_days: 20,
        reason: "档案在异地".into(),
        due_on: "2026-13-01".into(),
    };
    assert_eq!(
        notice_docx(&n).expect_err("bad date").code(),
        "report.bad_letter"
    );
}
