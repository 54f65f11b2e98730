//! Blank forms to print and fill in by hand. The 政府信息公开申请表 of an agency (条例第二十九条: who applies
//! and how to reach them, what is asked for, in which form and by which way it is to be provided, signature
//! and date), headed with the agency's name and address, as DOCX and PDF. Its words are the template
//! `templates/forms/application.txt`; this module reads the template's lines into [`Element`]s that the two
//! renderers draw as boxes and lines to fill in.
//!
//! ```
//! use gongkai_report::forms::{FormAgency, application_form_elements, Element};
//!
//! let agency = FormAgency {
//!     name: "某市生态环境局".into(),
//!     address: "某市人民路1号".into(),
//!     phone: String::new(),
//! };
//! let elements = application_form_elements(&agency).expect("renders");
//! assert!(matches!(&elements[0], Element::Title(t) if t == "政府信息公开申请表"));
//! assert!(elements.contains(&Element::Text("受理机关：某市生态环境局".into())));
//! ```

mod docx;
mod pdf;

use minijinja::{Environment, UndefinedBehavior, context};
use serde::{Deserialize, Serialize};

use crate::ReportError;

const TEMPLATE: &str = include_str!("../../templates/forms/application.txt");

/// The agency the form is addressed to, from its profile (the disclosure office's contact when it has one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormAgency {
    pub name: String,
    pub address: String,
    pub phone: String,
}

/// One element of a printed form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    Title(String),
    /// A line of text (the addressee, a note).
    Text(String),
    /// A heading across the form.
    Section(String),
    /// Labels, each followed by a blank to fill.
    Fields(Vec<String>),
    /// A label followed by a tall blank.
    Tall(String),
    /// A label followed by boxes to tick, one per choice.
    Choices {
        label: String,
        choices: Vec<String>,
    },
}

/// The 申请表's elements for `agency`, from the template.
pub fn application_form_elements(agency: &FormAgency) -> Result<Vec<Element>, ReportError> {
    if agency.name.trim().is_empty() {
        return Err(ReportError::BadLetter(crate::LetterProblem::Missing {
            field: "agency_name",
        }));
    }
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = env
        .render_str(
            TEMPLATE,
            context! {
                agency_name => one_line(&agency.name),
                agency_address => one_line(&agency.address),
                agency_phone => one_line(&agency.phone),
            },
        )
        .map_err(|e| ReportError::Render(format!("form template: {e:#}")))?;
    Ok(text.lines().filter_map(element).collect())
}

fn element(line: &str) -> Option<Element> {
    let line = line.trim();
    let split = |s: &str, sep: char| -> Vec<String> {
        s.split(sep)
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect()
    };
    if line.is_empty() {
        None
    } else if let Some(t) = line.strip_prefix("## ") {
        Some(Element::Section(t.trim().to_owned()))
    } else if let Some(t) = line.strip_prefix("# ") {
        Some(Element::Title(t.trim().to_owned()))
    } else if let Some(t) = line.strip_prefix("= ") {
        Some(Element::Text(t.trim().to_owned()))
    } else if let Some(t) = line.strip_prefix("~ ") {
        Some(Element::Tall(t.trim().to_owned()))
    } else if let Some(t) = line.strip_prefix("[] ") {
        let mut parts = split(t, '/');
        if parts.is_empty() {
            return None;
        }
        let label = parts.remove(0);
        Some(Element::Choices {
            label,
            choices: parts,
        })
    } else {
        Some(Element::Fields(split(line, '|')))
    }
}

/// The agency's 申请表 as a Word document (tables with blank cells to fill in).
pub fn application_form_docx(agency: &FormAgency) -> Result<Vec<u8>, ReportError> {
    docx::render(&application_form_elements(agency)?)
}

/// The agency's 申请表 as a PDF (A4, boxes and lines to fill in by hand).
pub fn application_form_pdf(agency: &FormAgency) -> Result<Vec<u8>, ReportError> {
    let elements = application_form_elements(agency)?;
    let form = elements.iter().find_map(|e| match e {
        Element::Title(t) => Some(t.as_str()),
        _ => None,
    });
    let title = format!("{}{}", agency.name.trim(), form.unwrap_or_default());
    pdf::render(&elements, &title)
}
