//! 文号 keys: what a 文号 is found by when it is typed without its prefix (`〔2020〕12号`, `2020 12号`) or
//! without its year (`孟政12号`). GB/T 9704-2012 writes 发文字号 as 机关代字〔年份〕序号号; citizens
//! remember parts of it, in whatever brackets their keyboard has.

use gongkai_domain::catalog::DocNo;

/// The keys an item's canonical 文号 is indexed under (its whole form is indexed apart, exactly).
pub(crate) fn index_keys(doc_no_norm: &str) -> Vec<String> {
    match DocNo::parse(doc_no_norm) {
        Ok(no) => vec![
            year_key(no.year, no.number),
            prefix_key(&no.prefix, no.number),
        ],
        Err(_) => Vec::new(),
    }
}

fn year_key(year: i32, number: u32) -> String {
    format!("y:{year}/{number}")
}

fn prefix_key(prefix: &str, number: u32) -> String {
    format!("p:{prefix}/{number}")
}

/// The keys a typed text asks for: its whole 文号 in canonical form when it is one (with its partial keys),
/// else the year and
/// serial (`〔2020〕12号`, `2020 12号`) or the prefix and serial (`孟政12号`) it ends with. Empty when the
/// text does not look like a 文号 at all, so ordinary words cost nothing.
pub(crate) fn query_keys(text: &str) -> Vec<String> {
    let text = text.trim();
    if let Ok(no) = DocNo::parse(text) {
        // The whole 文号 first; its year and serial, and its prefix and serial, for a 文号 typed with a
        // wrong prefix (孟府 for 孟政) or year.
        return vec![
            no.to_string(),
            year_key(no.year, no.number),
            prefix_key(&no.prefix, no.number),
        ];
    }
    // Full-width digits as ASCII; every other character kept.
    let chars: Vec<char> = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    let Some(body) = strip_hao(&chars) else {
        return Vec::new();
    };
    // The serial: the digits at the end.
    let digits_from = body
        .iter()
        .rposition(|c| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    let Some(number) = serial(&body[digits_from..]) else {
        return Vec::new();
    };
    let before = &body[..digits_from];
    // `〔2020〕12号`, `2020 12号`: a year, then only brackets or spaces before the serial.
    let is_gap = |c: &char| c.is_whitespace() || "〔〕[]【】［］（）()".contains(*c);
    let gap_from = before.iter().rposition(|c| !is_gap(c)).map_or(0, |i| i + 1);
    let year_part = &before[..gap_from];
    if gap_from < before.len() && year_part.len() >= 4 {
        let year: String = year_part[year_part.len() - 4..].iter().collect();
        let starts_clean = year_part.len() == 4 || !year_part[year_part.len() - 5].is_ascii_digit();
        if let (Ok(year), true) = (year.parse::<i32>(), starts_clean)
            && (1949..=2100).contains(&year)
        {
            return vec![year_key(year, number)];
        }
    }
    // `孟政12号`: a prefix of letters or ideographs right before the serial.
    let prefix: String = before
        .iter()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if !prefix.is_empty() && before.len() == prefix.chars().count() {
        return vec![prefix_key(&prefix, number)];
    }
    Vec::new()
}

/// The text without its closing 号 (required: `2020 12` alone is two numbers, not a 文号).
fn strip_hao(chars: &[char]) -> Option<&[char]> {
    match chars.split_last() {
        Some(('号', rest)) => Some(rest),
        _ => None,
    }
}

/// A serial of one to nine digits, leading zeros dropped as in [`DocNo`].
fn serial(digits: &[char]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    let n: u32 = digits.iter().collect::<String>().parse().ok()?;
    (n > 0).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_partial_form_gives_its_key() {
        assert_eq!(index_keys("孟政〔2020〕12号"), ["y:2020/12", "p:孟政/12"]);
        assert_eq!(
            query_keys("孟政（2020）12号"),
            ["孟政〔2020〕12号", "y:2020/12", "p:孟政/12"]
        );
        assert_eq!(query_keys("〔2020〕12号"), ["y:2020/12"]);
        assert_eq!(query_keys("2020 12号"), ["y:2020/12"]);
        assert_eq!(query_keys("[2020]012号"), ["y:2020/12"]);
        assert_eq!(query_keys("孟政12号"), ["p:孟政/12"]);
        for plain in [
            "政务公开",
            "2020 12",
            "12号",
            "孟州市 2020年预算",
            "120201号",
            "",
        ] {
            assert!(query_keys(plain).is_empty(), "{plain}");
        }
    }
}
