//! What the lower layers say, as data: a stable code and typed arguments, never a sentence. The words live in
//! one place, the locale files of `gongkai_app::messages`, where every front end translates a [`Coded`] value
//! into the visitor's language; `Display` implementations here are plain English for logs.

use chrono::NaiveDate;

/// A value that fills one `{name}` placeholder of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text that is not ours to translate: a name, a file path, a reason an official typed, a foreign error.
    Text(String),
    Number(i64),
    Date(NaiveDate),
    /// Another message's code, translated into the same language (a status named inside a sentence).
    Word(&'static str),
    /// Another coded value, translated with its own arguments (a chain break inside a store error).
    Said(Box<Said>),
}

impl Arg {
    pub fn text(value: impl std::fmt::Display) -> Self {
        Self::Text(value.to_string())
    }

    /// Numbers of any integer width; one beyond `i64` (never met in practice) is written as text.
    pub fn number<N: TryInto<i64> + std::fmt::Display + Copy>(n: N) -> Self {
        n.try_into()
            .map_or_else(|_| Self::Text(n.to_string()), Self::Number)
    }

    pub fn said(value: &dyn Coded) -> Self {
        Self::Said(Box::new(Said::of(value)))
    }
}

impl From<NaiveDate> for Arg {
    fn from(d: NaiveDate) -> Self {
        Self::Date(d)
    }
}

/// The arguments of one message, by placeholder name.
pub type Args = Vec<(&'static str, Arg)>;

/// Something a user may be told: a closed code (the message key of the locale files) and its arguments.
pub trait Coded {
    /// Stable machine-readable code, such as `clock.decided_after_deadline`; also the message key.
    fn code(&self) -> &'static str;

    /// The values of the message's placeholders.
    fn args(&self) -> Args {
        Vec::new()
    }
}

/// A coded value taken apart: what a front end needs to translate it later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub code: &'static str,
    pub args: Args,
}

impl Said {
    pub fn of(value: &dyn Coded) -> Self {
        Self {
            code: value.code(),
            args: value.args(),
        }
    }
}

impl Coded for Said {
    fn code(&self) -> &'static str {
        self.code
    }

    fn args(&self) -> Args {
        self.args.clone()
    }
}

impl std::fmt::Display for Arg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Text(t) => f.write_str(t),
            Self::Number(n) => write!(f, "{n}"),
            Self::Date(d) => write!(f, "{d}"),
            Self::Word(code) => f.write_str(code),
            Self::Said(s) => write!(f, "{s}"),
        }
    }
}

/// For logs: the code and its arguments, `clock.decided_after_deadline(decided_on=2020-03-01, due=2020-02-28)`.
impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code)?;
        if self.args.is_empty() {
            return Ok(());
        }
        f.write_str("(")?;
        for (i, (name, value)) in self.args.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{name}={value}")?;
        }
        f.write_str(")")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_said_value_prints_its_code_and_arguments_for_logs() {
        let s = Said {
            code: "x.y",
            args: vec![("n", Arg::number(3u32)), ("w", Arg::Word("a.b"))],
        };
        assert_eq!(s.to_string(), "x.y(n=3, w=a.b)");
        assert_eq!(Arg::number(u64::MAX), Arg::Text(u64::MAX.to_string()));
    }
}
