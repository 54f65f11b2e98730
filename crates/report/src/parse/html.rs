/// HTML → delimited text.
pub(super) fn to_text(_html: &str) -> String {
    String::new()
}
