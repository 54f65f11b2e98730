//! Reading pages as a visitor does, and writing queries as a browser does.

/// The page as a reader sees it: tags (such as the `<mark>` of a highlight) dropped, `/` unescaped.
pub fn text(html: &str) -> String {
    let no_tags = regex::Regex::new(r"<[^>]*>")
        .expect("re")
        .replace_all(html, "");
    no_tags.replace("&#x2f;", "/")
}

/// Percent-encodes a query value (letters and digits kept).
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
