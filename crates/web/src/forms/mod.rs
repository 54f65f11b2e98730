//! Form fields as browsers and scripts send them, shared by the console, the portal and the API.

pub mod application;
pub mod step;

use serde::Deserialize;

/// A checkbox: "on" from a browser (or "true", "1", "yes"), or a JSON boolean.
pub fn checkbox<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Bool(bool),
        Text(String),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::Bool(b) => b,
        Raw::Text(t) => matches!(t.as_str(), "on" | "true" | "1" | "yes"),
    })
}
