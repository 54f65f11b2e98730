//! How the particulars of an event are written: dates as `YYYY-MM-DD`, amounts as decimal text, and the
//! domain's choices by their stable codes (the same text the console wrote before events were typed).

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};

/// A value kept by its stable code.
pub(super) trait Coded: Sized + Copy {
    const WHAT: &'static str;
    fn code(self) -> &'static str;
    fn from_code(code: &str) -> Option<Self>;
}

fn write<T: Coded, S: Serializer>(value: T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(value.code())
}

fn read<'de, T: Coded, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let text = String::deserialize(d)?;
    T::from_code(&text).ok_or_else(|| D::Error::custom(format!("unknown {} '{text}'", T::WHAT)))
}

macro_rules! coded {
    ($module:ident, $ty:ty, $what:literal) => {
        impl Coded for $ty {
            const WHAT: &'static str = $what;
            fn code(self) -> &'static str {
                <$ty>::code(self)
            }
            fn from_code(code: &str) -> Option<Self> {
                <$ty>::from_code(code)
            }
        }

        pub(super) mod $module {
            use super::*;

            pub fn serialize<S: Serializer>(value: &$ty, s: S) -> Result<S::Ok, S::Error> {
                write(*value, s)
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                read(d)
            }
        }
    };
}

use super::{Channel, Delivery, Outcome};

coded!(channel, Channel, "channel");
coded!(outcome, Outcome, "outcome");

/// A chosen way of service; `""`, `null` and absence all mean none was chosen.
pub(super) mod optional_delivery {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Option<Delivery>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(delivery) => s.serialize_str(delivery.code()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Delivery>, D::Error> {
        match Option::<String>::deserialize(d)?.as_deref() {
            None | Some("") => Ok(None),
            Some(text) => Delivery::from_code(text)
                .map(Some)
                .ok_or_else(|| D::Error::custom(format!("unknown delivery '{text}'"))),
        }
    }
}

pub(super) mod date {
    use chrono::NaiveDate;

    use super::*;

    pub fn serialize<S: Serializer>(value: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&value.format("%Y-%m-%d"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map_err(|_| D::Error::custom(format!("bad date '{text}'")))
    }
}

pub(super) mod optional_date {
    use chrono::NaiveDate;

    use super::*;

    pub fn serialize<S: Serializer>(value: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(day) => super::date::serialize(day, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(text) => NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| D::Error::custom(format!("bad date '{text}'"))),
        }
    }
}

/// Money as decimal text (`"1100"`), never a float.
pub(super) mod decimal {
    use rust_decimal::Decimal;

    use super::*;

    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(value)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(d)?;
        text.parse()
            .map_err(|_| D::Error::custom(format!("bad amount '{text}'")))
    }
}
