//! The demo's disclosure catalogue (政府信息公开目录), read from `data/catalog.toml`: invented but plausible
//! items for 孟州市公共资源交易中心, 孟州市财政局, 孟州市教育局 and 孟州市人民政府. The file says what each key
//! means; the tests below check the data keeps its promises (dates on working days, unique 文号, lengths).

use serde::Deserialize;

const CATALOG_TOML: &str = include_str!("../data/catalog.toml");

/// One demo item, as `data/catalog.toml` gives it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoItem {
    pub agency: String,
    pub category: String,
    pub title: String,
    pub doc_no: String,
    pub issuer: String,
    pub formed_on: String,
    pub publish_after_working_days: u32,
    pub kind: String,
    pub validity: String,
    pub validity_on: String,
    pub subject: String,
    pub summary: String,
    pub body: String,
}

#[derive(Deserialize)]
struct CatalogFile {
    item: Vec<DemoItem>,
}

/// The demo's items, in the file's order; a file that does not read names its problem.
pub fn demo_items() -> Result<Vec<DemoItem>, String> {
    toml::from_str::<CatalogFile>(CATALOG_TOML)
        .map(|f| f.item)
        .map_err(|e| format!("data/catalog.toml: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CENTRE: &str = "孟州市公共资源交易中心";
    const FINANCE: &str = "孟州市财政局";
    const EDUCATION: &str = "孟州市教育局";
    const GOVERNMENT: &str = "孟州市人民政府";

    fn items() -> Vec<DemoItem> {
        demo_items().expect("the demo catalogue reads")
    }

    const CATEGORIES: [&str; 22] = [
        "a20_01", "a20_02", "a20_03", "a20_04", "a20_05", "a20_06", "a20_07", "a20_08", "a20_09",
        "a20_10", "a20_11", "a20_12", "a20_13", "a20_14", "a20_15", "a21_01", "a21_02", "a21_03",
        "a21_04", "a21_05", "a21_06", "a21_07",
    ];

    /// Year, month, day of a `YYYY-MM-DD` date in 2019..=2026, checked by hand.
    fn ymd(s: &str) -> Option<(i32, u32, u32)> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter().try_fold(0u32, |n, c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        };
        let (y, m, d) = (digits(0..4)? as i32, digits(5..7)?, digits(8..10)?);
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        let days = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((2019..=2026).contains(&y) && (1..=days).contains(&d)).then_some((y, m, d))
    }

    /// 0 = Sunday .. 6 = Saturday (Sakamoto).
    fn weekday(y: i32, m: u32, d: u32) -> u32 {
        const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let y = if m < 3 { y - 1 } else { y };
        ((y + y / 4 - y / 100 + y / 400 + T[m as usize - 1] + d as i32) % 7) as u32
    }

    #[test]
    fn categories_are_the_22_of_articles_20_and_21() {
        let demo = items();
        for item in &demo {
            assert!(
                CATEGORIES.contains(&item.category.as_str()),
                "{}: {}",
                item.title,
                item.category
            );
        }
    }

    #[test]
    fn dates_are_well_formed_weekdays() {
        let demo = items();
        for item in &demo {
            let (y, m, d) = ymd(&item.formed_on)
                .unwrap_or_else(|| panic!("{}: {}", item.title, item.formed_on));
            assert!(
                (1..=5).contains(&weekday(y, m, d)),
                "{} formed on a weekend",
                item.title
            );
            if !item.validity_on.is_empty() {
                assert!(
                    ymd(&item.validity_on).is_some(),
                    "{}: {}",
                    item.title,
                    item.validity_on
                );
                assert!(item.validity_on > item.formed_on, "{}", item.title);
            }
        }
        assert_eq!(weekday(2020, 6, 16), 2); // a Tuesday
    }

    #[test]
    fn titles_are_unique() {
        let demo = items();
        for (i, a) in demo.iter().enumerate() {
            assert!(
                demo[i + 1..].iter().all(|b| b.title != a.title),
                "{}",
                a.title
            );
        }
    }

    #[test]
    fn document_numbers_are_unique_and_match_their_year() {
        let demo = items();
        for (i, a) in demo
            .iter()
            .enumerate()
            .filter(|(_, a)| !a.doc_no.is_empty())
        {
            assert!(
                demo[i + 1..].iter().all(|b| b.doc_no != a.doc_no),
                "{}",
                a.doc_no
            );
            let year = &a.formed_on[..4];
            assert!(
                a.doc_no.contains(&format!("〔{year}〕")),
                "{}: {}",
                a.title,
                a.doc_no
            );
            assert!(a.doc_no.ends_with('号'), "{}", a.doc_no);
        }
    }

    #[test]
    fn the_2020_tendering_rules_carry_meng_zheng_2020_12() {
        let demo = items();
        let item = demo
            .iter()
            .find(|i| i.doc_no == "孟政〔2020〕12号")
            .expect("孟政〔2020〕12号");
        assert_eq!(item.agency, CENTRE);
        assert!(item.title.contains("招标投标"));
        assert!(item.body.contains("电子化交易平台"));
    }

    #[test]
    fn every_demo_agency_has_items() {
        let demo = items();
        for (agency, n) in [(CENTRE, 30), (FINANCE, 6), (EDUCATION, 6), (GOVERNMENT, 4)] {
            assert_eq!(
                demo.iter().filter(|i| i.agency == agency).count(),
                n,
                "{agency}"
            );
        }
        assert_eq!(demo.len(), 46);
        let mut categories: Vec<&str> = demo
            .iter()
            .filter(|i| i.agency == CENTRE)
            .map(|i| i.category.as_str())
            .collect();
        categories.sort_unstable();
        categories.dedup();
        assert!(categories.len() >= 8);
    }

    #[test]
    fn validity_date_present_exactly_when_not_valid() {
        let demo = items();
        for item in &demo {
            assert!(
                ["valid", "amended", "repealed", "expired"].contains(&item.validity.as_str()),
                "{}",
                item.title
            );
            assert_eq!(
                item.validity == "valid",
                item.validity_on.is_empty(),
                "{}",
                item.title
            );
        }
        let count = |v: &[&str]| {
            demo.iter()
                .filter(|i| v.contains(&i.validity.as_str()))
                .count()
        };
        assert_eq!(count(&["repealed", "expired"]), 2);
        assert_eq!(count(&["amended"]), 1);
    }

    #[test]
    fn kinds_and_publication_delays() {
        let demo = items();
        // A county-level city issues no 规章.
        assert!(
            demo.iter()
                .all(|i| i.kind == "normative" || i.kind == "other")
        );
        let normative: Vec<_> = demo.iter().filter(|i| i.kind == "normative").collect();
        assert_eq!(normative.len(), 2);
        assert!(normative.iter().all(|i| !i.doc_no.is_empty()));
        let late: Vec<_> = demo
            .iter()
            .filter(|i| i.publish_after_working_days > 15)
            .collect();
        assert_eq!(late.len(), 2);
        assert!(
            late.iter()
                .all(|i| i.agency == CENTRE && (25..=40).contains(&i.publish_after_working_days))
        );
        assert!(demo.iter().all(|i| i.publish_after_working_days >= 1));
    }

    #[test]
    fn texts_have_the_stated_lengths() {
        let demo = items();
        for item in &demo {
            let summary = item.summary.chars().count();
            let body = item.body.chars().count();
            assert!(
                (1..=100).contains(&summary),
                "{}: summary {summary}",
                item.title
            );
            assert!((200..=900).contains(&body), "{}: body {body}", item.title);
            assert!(item.body.contains("\n\n"), "{}", item.title);
            assert!(
                !item.body.contains("\n\n\n") && !item.body.ends_with('\n'),
                "{}",
                item.title
            );
            assert!(
                !item.subject.is_empty() && !item.issuer.is_empty(),
                "{}",
                item.title
            );
        }
    }
}
