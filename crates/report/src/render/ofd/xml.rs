//! The XML parts of the OFD package, written with quick-xml (names and escaping by the crate): `OFD.xml`,
//! `Document.xml`, `PublicRes.xml` here, each page's `Content.xml` in [`super::content`]; and the number and
//! element helpers both use.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::fonts::EmbeddedFont;
use super::page::Page;

const NAMESPACE: &str = "http://www.ofdspec.org/2016";
const DOC_DIR: &str = "Doc_0";

pub(super) struct DocInfo {
    pub title: String,
    pub author: String,
}

pub(super) type Xml = Writer<Vec<u8>>;

/// Every part of the package, by its path inside it.
pub(super) fn parts(
    info: &DocInfo,
    pages: &[Page],
    fonts: Vec<EmbeddedFont>,
) -> io::Result<Vec<(String, Vec<u8>)>> {
    let mut ids = Ids::default();
    let font_ids: Vec<u64> = fonts.iter().map(|_| ids.next()).collect();
    let mut parts = Vec::new();
    let mut page_entries = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let id = ids.next();
        let loc = format!("Pages/Page_{n}/Content.xml");
        parts.push((
            format!("{DOC_DIR}/{loc}"),
            super::content::content(page, &font_ids, &mut ids)?,
        ));
        page_entries.push((id, loc));
    }
    let (width, height) = pages
        .first()
        .map_or((210.0, 297.0), |p| (p.width, p.height));
    let document = part("ofd:Document", &[], |w| {
        w.create_element("ofd:CommonData")
            .write_inner_content(|w| {
                text_element(w, "ofd:MaxUnitID", &ids.last.to_string())?;
                w.create_element("ofd:PageArea").write_inner_content(|w| {
                    text_element(w, "ofd:PhysicalBox", &boxed(0.0, 0.0, width, height))
                })?;
                text_element(w, "ofd:PublicRes", "PublicRes.xml")
            })?;
        w.create_element("ofd:Pages").write_inner_content(|w| {
            for (id, loc) in &page_entries {
                w.create_element("ofd:Page")
                    .with_attribute(("ID", id.to_string().as_str()))
                    .with_attribute(("BaseLoc", loc.as_str()))
                    .write_empty()?;
            }
            Ok(())
        })?;
        Ok(())
    })?;
    let public_res = part("ofd:Res", &[("BaseLoc", "Res")], |w| {
        w.create_element("ofd:Fonts").write_inner_content(|w| {
            for (n, (font, id)) in fonts.iter().zip(&font_ids).enumerate() {
                let mut element = w
                    .create_element("ofd:Font")
                    .with_attribute(("ID", id.to_string().as_str()))
                    .with_attribute(("FontName", font.family.as_str()))
                    .with_attribute(("FamilyName", font.family.as_str()));
                if font.bold {
                    element = element.with_attribute(("Bold", "true"));
                }
                if font.italic {
                    element = element.with_attribute(("Italic", "true"));
                }
                element.write_inner_content(|w| text_element(w, "ofd:FontFile", &font_file(n)))?;
            }
            Ok(())
        })?;
        Ok(())
    })?;
    let root = part("ofd:OFD", &[("Version", "1.0"), ("DocType", "OFD")], |w| {
        w.create_element("ofd:DocBody").write_inner_content(|w| {
            w.create_element("ofd:DocInfo").write_inner_content(|w| {
                text_element(w, "ofd:DocID", &doc_id(info, pages.len()))?;
                text_element(w, "ofd:Title", &info.title)?;
                if !info.author.is_empty() {
                    text_element(w, "ofd:Author", &info.author)?;
                }
                text_element(w, "ofd:Creator", "gongkai")?;
                text_element(w, "ofd:CreatorVersion", env!("CARGO_PKG_VERSION"))
            })?;
            text_element(w, "ofd:DocRoot", &format!("{DOC_DIR}/Document.xml"))
        })?;
        Ok(())
    })?;
    let mut out = vec![
        ("OFD.xml".to_owned(), root),
        (format!("{DOC_DIR}/Document.xml"), document),
        (format!("{DOC_DIR}/PublicRes.xml"), public_res),
    ];
    for (n, font) in fonts.into_iter().enumerate() {
        out.push((format!("{DOC_DIR}/Res/{}", font_file(n)), font.bytes));
    }
    out.append(&mut parts);
    Ok(out)
}

/// Identifiers of the document's objects: unique across it, counted from 1 (`MaxUnitID` is the last).
#[derive(Default)]
pub(super) struct Ids {
    last: u64,
}

impl Ids {
    pub(super) fn next(&mut self) -> u64 {
        self.last += 1;
        self.last
    }
}

fn font_file(n: usize) -> String {
    format!("font_{n}.otf")
}

/// An identifier made from what the document says, so that the same report gives the same package (from
/// the same build: the standard library's hasher is not promised to stay the same across Rust releases).
fn doc_id(info: &DocInfo, pages: usize) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (&info.title, &info.author, pages).hash(&mut hasher);
    format!("{:016x}{:016x}", hasher.finish(), info.title.len() as u64)
}

/// A length in mm to a thousandth, without trailing zeros.
pub(super) fn number(value: f64) -> String {
    let text = format!("{:.3}", value);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" | "" => "0".to_owned(),
        t => t.to_owned(),
    }
}

pub(super) fn boxed(x: f64, y: f64, width: f64, height: f64) -> String {
    format!(
        "{} {} {} {}",
        number(x),
        number(y),
        number(width),
        number(height)
    )
}

pub(super) fn colour_element(w: &mut Xml, name: &str, [r, g, b]: [u8; 3]) -> io::Result<()> {
    w.create_element(name)
        .with_attribute(("Value", format!("{r} {g} {b}").as_str()))
        .write_empty()?;
    Ok(())
}

pub(super) fn text_element(w: &mut Xml, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

/// An XML part: the declaration and `root` in the OFD namespace with `attributes`, filled by `body`.
pub(super) fn part(
    root: &str,
    attributes: &[(&str, &str)],
    body: impl FnOnce(&mut Xml) -> io::Result<()>,
) -> io::Result<Vec<u8>> {
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element(root)
        .with_attribute(("xmlns:ofd", NAMESPACE))
        .with_attributes(attributes.iter().copied())
        .write_inner_content(body)?;
    Ok(w.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_round_to_a_thousandth_without_trailing_zeros() {
        assert_eq!(number(-0.0001), "0");
        assert_eq!(number(12.3456), "12.346");
        assert_eq!(number(3.5), "3.5");
        assert_eq!(boxed(0.0, 1.25, 210.0, 297.0), "0 1.25 210 297");
    }
}
