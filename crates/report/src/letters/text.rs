//! The text of a letter or notice: the minijinja templates of `templates/letters/` over values prepared here
//! (dates in Chinese form, the legal-basis sentence, multi-line input split into lines), and the layout the
//! DOCX and PDF renderers read back from that text.

use gongkai_domain::application::outcome::Outcome;
use gongkai_domain::application::remedy::Remedy;
use minijinja::{Environment, UndefinedBehavior, context};

use super::LetterData;
use crate::ReportError;

/// Every template of `templates/letters/`: the decision letter, one per notice kind, and the blocks they
/// share (`_heading`, `_remedy`, `_contact`), so that all of them keep one layout contract.
const TEMPLATES: [(&str, &str); 13] = [
    (
        "letter.txt",
        include_str!("../../templates/letters/letter.txt"),
    ),
    (
        "_heading.txt",
        include_str!("../../templates/letters/_heading.txt"),
    ),
    (
        "_remedy.txt",
        include_str!("../../templates/letters/_remedy.txt"),
    ),
    (
        "_contact.txt",
        include_str!("../../templates/letters/_contact.txt"),
    ),
    (
        "correction.txt",
        include_str!("../../templates/letters/correction.txt"),
    ),
    (
        "extension.txt",
        include_str!("../../templates/letters/extension.txt"),
    ),
    (
        "consultation.txt",
        include_str!("../../templates/letters/consultation.txt"),
    ),
    (
        "agency_consultation.txt",
        include_str!("../../templates/letters/agency_consultation.txt"),
    ),
    ("fee.txt", include_str!("../../templates/letters/fee.txt")),
    (
        "reasons.txt",
        include_str!("../../templates/letters/reasons.txt"),
    ),
    (
        "delay.txt",
        include_str!("../../templates/letters/delay.txt"),
    ),
    (
        "termination.txt",
        include_str!("../../templates/letters/termination.txt"),
    ),
    (
        "receipt.txt",
        include_str!("../../templates/letters/receipt.txt"),
    ),
];

/// The title every decision letter carries.
pub const TITLE: &str = "政府信息公开申请答复告知书";
/// The regulation every decision rests on.
pub const REGULATION: &str = "中华人民共和国政府信息公开条例";

/// Renders `name` (a file of `templates/letters/`) with `values`, blank lines normalised.
pub(super) fn render_template(name: &str, values: minijinja::Value) -> Result<String, ReportError> {
    let mut env = Environment::new();
    // Every name a template reads is given; an unknown one is a bug and must fail, not print nothing.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    for (file, source) in TEMPLATES {
        env.add_template(file, source).map_err(template_error)?;
    }
    let raw = env
        .get_template(name)
        .and_then(|t| t.render(values))
        .map_err(template_error)?;
    Ok(normalise(&raw))
}

/// The remedy (条例第五十一条) of a letter served on `served_on` for `outcome`, and the 复议机关 it names.
pub(super) fn remedy(
    outcome: Outcome,
    served_on: &str,
    review_body: &str,
) -> (&'static str, String) {
    // The remedy follows the day of service and the outcome (行政复议法第二十三条); a date that does not parse
    // was refused by `validate` before rendering, so the older, wider remedy is only a fallback.
    let remedy = chrono::NaiveDate::parse_from_str(served_on.trim(), "%Y-%m-%d")
        .map(|on| Remedy::of(outcome, on))
        .unwrap_or(Remedy::ReviewOrLitigation);
    let body = match one_line(review_body) {
        body if body.is_empty() => "有管辖权的行政复议机关".to_owned(),
        body => body,
    };
    (remedy.code(), body)
}

/// `条例第三十七条` → `依据《中华人民共和国政府信息公开条例》第三十七条。`
fn basis_sentence(basis: Option<&str>) -> String {
    basis
        .map(|b| {
            let article = b.strip_prefix("条例").unwrap_or(b).replace('；', "和");
            format!("依据《{REGULATION}》{article}。")
        })
        .unwrap_or_default()
}

/// The rendered decision letter, as the template printed it, with blank lines normalised.
pub(super) fn render(data: &LetterData) -> Result<String, ReportError> {
    let outcome = data.outcome;
    // A not-held answer rests on one item of 第三十六条, never both (the outcome's own basis names both,
    // because its table-三 row covers both); without a ground the letter cites neither.
    let basis = match (outcome, &data.not_held) {
        (Outcome::NotHeld, Some(n)) => Some(n.ground.legal_basis()),
        (Outcome::NotHeld, None) => None,
        _ => outcome.legal_basis(),
    };
    let (remedy, review_body) = remedy(outcome, &data.served_on, &data.review_body);
    let reason_label = if outcome.discloses() {
        "说明"
    } else {
        "理由"
    };
    let not_held = data.not_held.as_ref();
    render_template(
        "letter.txt",
        context! {
            title => TITLE,
            doc_no => one_line(&data.doc_no),
            agency_name => one_line(&data.agency_name),
            agency_address => one_line(&data.agency_address),
            agency_phone => one_line(&data.agency_phone),
            tracking_no => one_line(&data.tracking_no),
            applicant_name => one_line(&data.applicant_name),
            received_on => date_zh(&data.received_on),
            served_on => date_zh(&data.served_on),
            description => one_line(&data.description),
            outcome => outcome.code(),
            not_held_ground => not_held.map(|n| n.ground.code()).unwrap_or_default(),
            competent_agency => not_held.and_then(|n| n.competent_agency.as_deref()).map(one_line).unwrap_or_default(),
            competent_contact => not_held.and_then(|n| n.competent_contact.as_deref()).map(one_line).unwrap_or_default(),
            basis_sentence => basis_sentence(basis),
            reason_label => reason_label,
            reason_lines => lines(data.reason.as_deref()),
            extra_lines => lines(data.extra.as_deref()),
            remedy => remedy,
            review_body => review_body,
        },
    )
}

fn template_error(e: minijinja::Error) -> ReportError {
    ReportError::Render(format!("letter template: {e:#}"))
}

/// Input meant for one line (a name, an address): inner line breaks become spaces.
pub(super) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Free text (a reason, a note): one entry per non-empty line, so that a blank line in the input cannot break
/// the letter's layout.
pub(super) fn lines(s: Option<&str>) -> Vec<String> {
    s.map(|s| s.lines().map(one_line).filter(|l| !l.is_empty()).collect())
        .unwrap_or_default()
}

/// Lines trimmed, no leading or trailing blank lines, and at most one blank line in a row.
fn normalise(raw: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in raw.lines().map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `2026-03-05` → `2026年3月5日`, as official documents write dates; anything else prints as given.
pub(super) fn date_zh(date: &str) -> String {
    match parse_date(date.trim()) {
        Some((y, m, d)) => format!("{y}年{m}月{d}日"),
        None => date.trim().to_string(),
    }
}

/// A real calendar date in `YYYY-MM-DD`.
pub(super) fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (y >= 1900 && (1..=days).contains(&d)).then_some((y, m, d))
}

/// How the DOCX and PDF renderers lay out the text: the first block (up to the first blank line) is the
/// centred heading, the last block the right-aligned signature, and every line between is a paragraph, the
/// first of them the salutation (not indented).
pub(super) struct Layout<'a> {
    pub heading: Vec<&'a str>,
    pub salutation: &'a str,
    pub body: Vec<&'a str>,
    pub signature: Vec<&'a str>,
}

pub(super) fn layout(text: &str) -> Layout<'_> {
    let blocks: Vec<Vec<&str>> = text
        .split("\n\n")
        .map(|b| b.lines().filter(|l| !l.trim().is_empty()).collect())
        .filter(|b: &Vec<&str>| !b.is_empty())
        .collect();
    let heading = blocks.first().cloned().unwrap_or_default();
    let signature = if blocks.len() > 1 {
        blocks.last().cloned().unwrap_or_default()
    } else {
        Vec::new()
    };
    let mut middle: Vec<&str> = blocks
        .iter()
        .skip(1)
        .take(blocks.len().saturating_sub(2))
        .flatten()
        .copied()
        .collect();
    let salutation = if middle.is_empty() {
        ""
    } else {
        middle.remove(0)
    };
    Layout {
        heading,
        salutation,
        body: middle,
        signature,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2023-1-01"), None);
        assert_eq!(parse_date("2023-13-01"), None);
        assert_eq!(parse_date("+023-01-01"), None);
        assert_eq!(date_zh("2026-03-05"), "2026年3月5日");
    }

    #[test]
    fn normalise_collapses_blank_lines() {
        assert_eq!(normalise("\n a \n\n\n b\n\nc"), "a\n\nb\n\nc\n");
    }
}
