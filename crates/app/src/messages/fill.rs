//! Placeholder substitution for messages: `{name}` is replaced by the argument of that name. Deliberately not
//! a template engine: no logic, no filters; `{{` and `}}` write a literal brace, and a placeholder without an
//! argument stays as written so a missing argument is visible rather than silently empty.

use gongkai_domain::message::{Arg, Args};

/// `template` with every `{name}` replaced by `show(argument named name)`.
pub fn fill(template: &str, args: &Args, show: impl Fn(&Arg) -> String) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("{{").or_else(|| tail.strip_prefix("}}")) {
            out.push_str(&tail[..1]);
            rest = after;
            continue;
        }
        let placeholder = tail
            .strip_prefix('{')
            .and_then(|t| t.find('}').map(|end| &t[..end]))
            .filter(|name| is_name(name));
        match placeholder.and_then(|name| args.iter().find(|(n, _)| *n == name)) {
            Some((name, arg)) => {
                out.push_str(&show(arg));
                rest = &tail[name.len() + 2..];
            }
            None => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(template: &str, args: &Args) -> String {
        fill(template, args, ToString::to_string)
    }

    #[test]
    fn placeholders_are_filled_by_name_and_braces_can_be_written() {
        let args = vec![("on", Arg::text("2020-05-15")), ("n", Arg::number(3))];
        assert_eq!(
            plain("{on} 作出答复，第 {n} 天", &args),
            "2020-05-15 作出答复，第 3 天"
        );
        assert_eq!(plain("{n}{n}", &args), "33");
        assert_eq!(plain("{{n}} {}", &args), "{n} {}");
        assert_eq!(plain("no args", &Vec::new()), "no args");
    }

    #[test]
    fn a_placeholder_without_its_argument_stays_visible() {
        assert_eq!(plain("a {missing} b {", &Vec::new()), "a {missing} b {");
        assert_eq!(plain("{Not a name}", &Vec::new()), "{Not a name}");
        assert_eq!(plain("“{n}”", &vec![("n", Arg::number(1))]), "“1”");
    }
}
