//! The report's statistics year and agency, read from its title, its statistics period or its signature, and
//! its own date, read from the signature.

use std::sync::LazyLock;

use chrono::NaiveDate;
use gongkai_domain::report::AgencySource;
use regex::Regex;

/// `{agency}{year}年(度)政府信息公开(工作)(年度)报告`
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([\p{Han}()（）]{2,60}?)\s*((?:19|20)\d{2})\s*年\s*度?\s*(?:的)?\s*政府信息公开\s*(?:工作)?\s*(?:年度)?\s*(?:工作)?\s*报\s*告")
        .expect("static regex")
});
/// `{year}年度{agency}政府信息公开工作年度报告`
static TITLE_YEAR_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d{2})\s*年\s*度?\s*([\p{Han}()（）]{2,40}?)\s*政府信息公开\s*(?:工作)?\s*(?:年度)?\s*(?:工作)?\s*报\s*告")
        .expect("static regex")
});
/// `统计期限自2020年1月1日起` and the like.
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|-|—|～|~)")
        .expect("static regex")
});
/// A date as a signature prints it: `2022年1月10日`.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日").expect("static regex")
});
/// The overview's opening sentence: `2023年，省工业和信息化厅坚持…`.
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:19|20)\d{2}\s*年(?:度|以来)?\s*[，,]\s*([\p{Han}]{2,30}?(?:政府|厅|局|委员会|办公室|中心|院|署|管委会))\s*(?:坚持|认真|深入|全面|严格|紧紧|始终|按照|围绕|继续|进一步|高度|以|在)")
        .expect("static regex")
});
/// Words that end an agency's name; a candidate must end with one of them to be taken from running text.
const AGENCY_ENDINGS: [&str; 21] = [
    "政府",
    "厅",
    "局",
    "委员会",
    "委",
    "办公室",
    "办",
    "中心",
    "院",
    "署",
    "会",
    "所",
    "站",
    "馆",
    "队",
    "区",
    "部",
    "处",
    "管委会",
    "集团",
    "公司",
];
/// Leading words of page chrome and boilerplate that precede the agency in a title line.
const NOISE_PREFIXES: [&str; 6] = [
    "标题",
    "名称",
    "首页",
    "当前位置",
    "政府信息公开年报",
    "年报",
];

/// The title, preamble and overview sit in the first characters; a signature in the last.
pub(crate) const HEAD_CHARS: usize = 3000;
pub(crate) const TAIL_CHARS: usize = 200;

pub(crate) struct Meta {
    pub year: Option<i32>,
    pub agency: Option<String>,
    pub agency_from: Option<AgencySource>,
    /// The signature's date (条例第四十九条's deadlines are judged on it).
    pub dated: Option<NaiveDate>,
}

/// The report's own date: the last date in its closing lines that falls after the statistics year (the
/// signature, or the 印发 line below it). A date within the year is an event the text tells of, not when the
/// report was made; without a statistics year no date is taken.
fn signature_date(tail: &str, year: Option<i32>) -> Option<NaiveDate> {
    let year = year?;
    DATE.captures_iter(tail)
        .filter_map(|c| {
            NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
        })
        .filter(|d| chrono::Datelike::year(d) > year)
        .last()
}

fn clean_agency(raw: &str) -> Option<String> {
    let mut name = raw
        .trim()
        .trim_start_matches(['(', ')', '（', '）'])
        .to_string();
    loop {
        let before = name.len();
        for p in NOISE_PREFIXES {
            if let Some(rest) = name.strip_prefix(p) {
                name = rest.trim_start_matches(['：', ':', ' ']).to_string();
            }
        }
        // "关于印发…" / "…的" boilerplate rarely appears; strip a trailing 关于 or 发布 lead-in.
        for lead in ["关于", "发布", "公布"] {
            if let Some(i) = name.rfind(lead) {
                name = name[i + lead.len()..].to_string();
            }
        }
        if name.len() == before {
            break;
        }
    }
    (name.chars().count() >= 2 && name != "本年" && name != "本机关").then_some(name)
}

/// Reads year and agency from the text before the tables (title, preamble) and the last lines.
/// `head` is the document's first [`HEAD_CHARS`] characters, `tail` its last [`TAIL_CHARS`].
pub(crate) fn read(head: &str, tail: &str) -> Meta {
    let mut year = None;
    // The earlier of the two title shapes wins: the title comes before any sentence that names the report.
    let agency_first = TITLE.captures(head).map(|c| {
        let at = c.get(0).map_or(usize::MAX, |m| m.start());
        (
            at,
            c.get(2).map(|m| m.as_str().to_string()),
            c.get(1).map(|m| m.as_str().to_string()),
        )
    });
    let year_first = TITLE_YEAR_FIRST.captures(head).map(|c| {
        let at = c.get(0).map_or(usize::MAX, |m| m.start());
        (
            at,
            c.get(1).map(|m| m.as_str().to_string()),
            c.get(2).map(|m| m.as_str().to_string()),
        )
    });
    let title = match (agency_first, year_first) {
        (Some(a), Some(b)) => Some(if b.0 < a.0 { b } else { a }),
        (a, b) => a.or(b),
    };
    let mut title_at = head.len();
    let mut from_title = None;
    if let Some((at, y, a)) = title {
        year = y.and_then(|y| y.parse().ok());
        from_title = a.and_then(|a| clean_agency(&a));
        title_at = at;
    }
    if year.is_none() {
        year = PERIOD
            .captures(head)
            .and_then(|c| c.get(1))
            .and_then(|m| m.as_str().parse().ok());
    }
    let candidates = [
        (AgencySource::Title, from_title),
        (AgencySource::Heading, heading(&head[..title_at])),
        (AgencySource::Signature, signature(tail)),
    ];
    // The overview sentence never overrides a name found before it, so it is read only when there is none.
    let (agency_from, agency) = choose_agency(&candidates)
        .or_else(|| {
            let text = SUBJECT
                .captures(head)
                .and_then(|c| c.get(1))
                .and_then(|m| clean_agency(m.as_str()));
            choose_agency(&[(AgencySource::Text, text)])
        })
        .unzip();
    let dated = signature_date(tail, year);
    Meta {
        year,
        agency,
        agency_from,
        dated,
    }
}

/// The agency's name: the first full name of title, heading, signature and overview sentence, in that order,
/// unless a later place gives a longer form of the same name (`省工业和信息化厅` → `河南省工业和信息化厅` from the
/// signature, `上海市科委` → `上海市科学技术委员会`). A name of another body (a government's report signed by its
/// 办公厅) is not a longer form: its ending differs.
fn choose_agency(candidates: &[(AgencySource, Option<String>)]) -> Option<(AgencySource, String)> {
    let full: Vec<(AgencySource, &str)> = candidates
        .iter()
        .filter_map(|(from, name)| Some((*from, name.as_deref()?)))
        .filter(|(_, name)| is_full_name(name))
        .collect();
    let (mut from, mut name) = *full.first()?;
    for &(other_from, other) in &full[1..] {
        if other_from != AgencySource::Text && is_longer_form(other, name) {
            (from, name) = (other_from, other);
        }
    }
    Some((from, name.to_owned()))
}

/// Words that make a candidate a piece of a sentence rather than a name (`我厅编写了`, `本局根据`).
const SENTENCE_MARKS: [&str; 12] = [
    "我",
    "本机关",
    "本单位",
    "本部门",
    "该",
    "编写",
    "编制",
    "印发",
    "发布",
    "了",
    "根据",
    "按照",
];

/// A name an agency goes by: ends as agencies' names end, and holds nothing that only a sentence holds.
fn is_full_name(name: &str) -> bool {
    let chars = name.chars().count();
    (2..=40).contains(&chars)
        && AGENCY_ENDINGS.iter().any(|e| name.ends_with(e))
        && !SENTENCE_MARKS.iter().any(|m| name.contains(m))
        && !name.starts_with('本')
}

/// `long` is a fuller form of `short`: longer, holding every character of `short` in order, and ending the
/// same way (`委` for `委员会`, `办` for `办公室`/`办公厅`).
fn is_longer_form(long: &str, short: &str) -> bool {
    if long.chars().count() <= short.chars().count() {
        return false;
    }
    let same_ending = match (short.chars().last(), long.chars().last()) {
        (Some(a), Some(b)) if a == b => true,
        (Some('委'), _) => long.ends_with("委员会"),
        (Some('办'), _) => long.ends_with("办公室") || long.ends_with("办公厅"),
        _ => false,
    };
    let mut rest = long.chars();
    same_ending && short.chars().all(|c| rest.any(|l| l == c))
}

/// A line above the title that is a name on its own (a letterhead): only ideographs and brackets.
fn heading(above_title: &str) -> Option<String> {
    above_title
        .lines()
        .map(str::trim)
        .filter(|l| HEADING_LINE.is_match(l))
        .filter_map(clean_agency)
        .find(|l| is_full_name(l))
}

static HEADING_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{Han}()（）]{4,40}$").expect("static regex"));

/// The name above the last date of the closing lines (the signature), even when a 抄送 or 印发 line follows.
fn signature(tail: &str) -> Option<String> {
    SIGNATURE_ANYWHERE
        .captures_iter(tail)
        .filter_map(|c| clean_agency(c.get(1)?.as_str()))
        .filter(|a| is_full_name(a))
        .last()
}

/// `{agency} 2022年1月10日` anywhere in the closing lines.
static SIGNATURE_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([\p{Han}()（）]{2,40}?)\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
        .expect("static regex")
});

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(text: &str) -> Meta {
        read(text, text)
    }

    #[test]
    fn title_gives_agency_and_year() {
        let m =
            read_all("\n\n孟州市公共资源交易中心2020年政府信息公开工作年度报告\n\n一、总体情况");
        assert_eq!(m.year, Some(2020));
        assert_eq!(m.agency.as_deref(), Some("孟州市公共资源交易中心"));
        let m = read_all("标题: 平潭综合实验区2019年度政府信息公开工作年度报告\n发布时间");
        assert_eq!(m.agency.as_deref(), Some("平潭综合实验区"));
        let m = read_all(
            "当前位置： 首页政务公开政府信息公开政府信息公开年报 平潭综合实验区2021年度政府信息公开工作年度报告",
        );
        assert_eq!(m.agency.as_deref(), Some("平潭综合实验区"));
    }

    #[test]
    fn year_before_agency_titles() {
        let m = read_all("2023年度北京市财政局政府信息公开工作年度报告\n根据……");
        assert_eq!(m.year, Some(2023));
        assert_eq!(m.agency.as_deref(), Some("北京市财政局"));
    }

    #[test]
    fn period_and_signature_when_there_is_no_title() {
        let m = read_all(
            "报告中所列数据统计期限为2023年1月1日至12月31日。一、总体情况……河北省科学技术厅\n2024年1月20日",
        );
        assert_eq!(m.year, Some(2023));
        assert_eq!(m.agency.as_deref(), Some("河北省科学技术厅"));
        assert_eq!(m.dated, NaiveDate::from_ymd_opt(2024, 1, 20));
    }

    #[test]
    fn the_signature_date_is_after_the_statistics_year() {
        let m = read(
            "平潭综合实验区市场监督管理局2021年度政府信息公开工作年度报告",
            "本年度没有产生信息公开处理费。 平潭综合实验区市场监督管理局 2022年1月7日抄送：纪检监察组。办公室 2022年1月7日印发 附件下载",
        );
        assert_eq!(m.dated, NaiveDate::from_ymd_opt(2022, 1, 7));
        // A date inside the year is an event, not the report's date; so is any date without a year to judge by.
        let m = read(
            "某局2021年度政府信息公开工作年度报告",
            "2021年12月30日召开会议。",
        );
        assert_eq!(m.dated, None);
        let m = read("年度报告", "某局 2022年1月7日");
        assert_eq!(m.dated, None);
    }

    #[test]
    fn a_sentence_is_not_an_agency_and_the_fuller_name_wins() {
        // The preamble's sentence matched the title's shape; the signature names the agency.
        let m = read(
            "根据条例要求，我厅编写了2023年政府信息公开工作年度报告。一、总体情况",
            "特此报告。\n河南省工业和信息化厅\n2024年1月20日",
        );
        assert_eq!(m.agency.as_deref(), Some("河南省工业和信息化厅"));
        assert_eq!(m.agency_from, Some(AgencySource::Signature));
        assert_eq!(m.year, Some(2023));
        // An abbreviated title, the full name in the signature (a 抄送 line after it).
        let m = read(
            "省工业和信息化厅2023年政府信息公开工作年度报告\n一、总体情况",
            "河南省工业和信息化厅 2024年1月20日 抄送：省政府办公厅。",
        );
        assert_eq!(m.agency.as_deref(), Some("河南省工业和信息化厅"));
        assert_eq!(m.agency_from, Some(AgencySource::Signature));
        // An abbreviation in the title, the full name as a letterhead above it.
        let m = read_all(
            "上海市科学技术委员会\n上海市科委2023年政府信息公开工作年度报告\n一、总体情况",
        );
        assert_eq!(m.agency.as_deref(), Some("上海市科学技术委员会"));
        assert_eq!(m.agency_from, Some(AgencySource::Heading));
        // A government's report signed by its 办公厅: another body, the title stands.
        let m = read(
            "北京市人民政府2023年政府信息公开工作年度报告\n一、总体情况",
            "北京市人民政府办公厅\n2024年3月20日",
        );
        assert_eq!(m.agency.as_deref(), Some("北京市人民政府"));
        assert_eq!(m.agency_from, Some(AgencySource::Title));
    }
}
