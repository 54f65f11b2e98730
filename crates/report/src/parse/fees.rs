//! Section 六's 信息处理费 figures (国办函〔2020〕109号; 国办公开办函〔2021〕30号 asks for the fee notices sent, their
//! amount and what was actually collected), read from the words reports use:
//! `发出收费通知3件（次）`, `金额共计2200元`, `实际收取信息处理费1100元`, `收取信息处理费共计380元`, and the statements
//! that nothing was charged (`未收取信息处理费`, `无收取信息处理费情况`, `没有产生信息公开处理费`), which give 0 collected.
//! A figure the text does not state stays `None`: nothing is guessed.

use std::sync::LazyLock;

use gongkai_domain::report::FeeFigures;
use regex::Regex;
use rust_decimal::Decimal;

/// `收费通知(书)N件/次/份`, `发出N件收费通知`.
static NOTICE_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"收费通知(?:书)?\s*(?:共计|共|合计|总计)?\s*(\d+)\s*(?:件|次|份)|(?:发出|送达|出具)\s*(\d+)\s*(?:件|份)\s*收费通知")
        .expect("static regex")
});
/// The amount the notices asked for: `(收费通知…)金额(共计)X元`, `应收(取)…X元`.
static NOTICE_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:收费通知[^。；;]{0,20}?金额|通知金额|应收(?:取)?(?:信息处理费)?(?:金额)?)\s*(?:共计|合计|总计|为|共)?\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元)")
        .expect("static regex")
});
/// What was collected: `实际收取(信息处理费)(共计)Y元`, `收取(了)信息处理费(共计)Y元`, `收费Y元`.
static COLLECTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:实际收取|实收|收取了?)\s*(?:政府信息公开)?(?:信息处理费|费用)?\s*(?:共计|合计|总计|为|共)?\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元)")
        .expect("static regex")
});
/// The usual ways of saying that no fee was charged.
static NONE_CHARGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:未|没有|无|不)(?:向申请人)?(?:收取|产生|发生|征收)[^。；;，,]{0,16}?费|(?:无|没有)[^。；;，,]{0,8}?处理费")
        .expect("static regex")
});
/// No notice was sent.
static NO_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:未|没有|无)(?:发出|出具|送达)?(?:任何)?收费通知").expect("static regex")
});

fn yuan(number: &str, unit: &str) -> Option<Decimal> {
    let value: Decimal = number.replace(',', "").parse().ok()?;
    if unit == "万元" {
        value.checked_mul(Decimal::from(10_000))
    } else {
        Some(value)
    }
}

/// Full-width digits and separators as ASCII, so that one set of patterns reads both.
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            _ => c,
        })
        .collect()
}

/// The fee figures section 六's text states.
pub(crate) fn read(section_six: &str) -> FeeFigures {
    let text = ascii_digits(section_six);
    let mut fees = FeeFigures::default();
    if let Some(c) = NOTICE_COUNT.captures(&text) {
        fees.notice_count = c.get(1).or(c.get(2)).and_then(|m| m.as_str().parse().ok());
    }
    if let Some(c) = NOTICE_AMOUNT.captures(&text) {
        fees.notice_amount_yuan = yuan(&c[1], &c[2]);
    }
    if let Some(c) = COLLECTED.captures(&text) {
        fees.collected_yuan = yuan(&c[1], &c[2]);
    } else if NONE_CHARGED.is_match(&text) {
        fees.collected_yuan = Some(Decimal::ZERO);
    }
    if fees.notice_count.is_none() && NO_NOTICE.is_match(&text) {
        fees.notice_count = Some(0);
        fees.notice_amount_yuan.get_or_insert(Decimal::ZERO);
    }
    fees
}

#[cfg(test)]
mod tests {
    use super::read;
    use rust_decimal::Decimal;

    fn d(n: i64) -> Option<Decimal> {
        Some(Decimal::from(n))
    }

    #[test]
    fn notices_amount_and_collected_as_the_compiled_draft_writes_them() {
        let f = read(
            "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度发出收费通知2件，金额共计2200元，实际收取信息处理费1100元。",
        );
        assert_eq!(f.notice_count, Some(2));
        assert_eq!(f.notice_amount_yuan, d(2200));
        assert_eq!(f.collected_yuan, d(1100));
    }

    #[test]
    fn other_wordings_of_the_figures() {
        let f = read("全年共发出收费通知书３次，通知金额为1,250.50元，实收0.03万元。");
        assert_eq!(f.notice_count, Some(3));
        assert_eq!(f.notice_amount_yuan, Some(Decimal::new(125050, 2)));
        assert_eq!(f.collected_yuan, d(300));
        // 004 (沭阳县人民政府 2025): only what was collected.
        let f = read(
            "全县行政机关在办理2025年度信息公开申请中收取信息处理费共计380元，其中民政局1件，收取380元。",
        );
        assert_eq!((f.notice_count, f.collected_yuan), (None, d(380)));
    }

    #[test]
    fn statements_that_nothing_was_charged_give_zero_collected() {
        for text in [
            "2023年，我厅未收取信息处理费。",
            "2021年，无收取信息处理费情况。",
            "2023年未向申请人收取政府信息公开信息处理费。",
            "规定的按件、按量收费标准，本年度没有产生信息公开处理费。",
            "本年度未收取政府信息公开相关费用。",
        ] {
            let f = read(text);
            assert_eq!(f.collected_yuan, d(0), "{text}");
            assert_eq!(
                f.notice_count, None,
                "{text}: a notice may still have gone unpaid"
            );
        }
        let f = read("本年度未发出收费通知，未收取信息处理费。");
        assert_eq!((f.notice_count, f.collected_yuan), (Some(0), d(0)));
    }

    #[test]
    fn a_section_without_fee_words_states_nothing() {
        assert!(read("无。").is_empty());
        assert!(read("2024年3月15日召开政务公开工作会议，部署全年工作10项。").is_empty());
    }
}
