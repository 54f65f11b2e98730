//! The XML parts of the OFD package, written with quick-xml (names and escaping by the crate). Element
//! order follows the schemas of GB/T 33190: a text object holds its colours, then `CGTransform`s, then its
//! `TextCode`; a path object its colours, then `AbbreviatedData`.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::fonts::EmbeddedFont;
use super::page::{Cluster, Object, Page, PathShape, Segment, TextRun};

const NAMESPACE: &str = "http://www.ofdspec.org/2016";
const DOC_DIR: &str = "Doc_0";

pub(super) struct DocInfo {
    pub title: String,
    pub author: String,
}

type Xml = Writer<Vec<u8>>;

/// Every part of the package, by its path inside it.
pub(super) fn parts(
    info: &DocInfo,
    pages: &[Page],
    fonts: &[EmbeddedFont],
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
            content(page, &font_ids, &mut ids)?,
        ));
        page_entries.push((id, loc));
    }
    let (width, height) = pages
        .first()
        .map_or((210.0, 297.0), |p| (p.width, p.height));
    let document = part("ofd:Document", |w| {
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
    let public_res = part("ofd:Res", |w| {
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
    let root = part("ofd:OFD", |w| {
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
    for (n, font) in fonts.iter().enumerate() {
        out.push((
            format!("{DOC_DIR}/Res/{}", font_file(n)),
            font.bytes.clone(),
        ));
    }
    out.append(&mut parts);
    Ok(out)
}

/// Identifiers of the document's objects: unique across it, counted from 1 (`MaxUnitID` is the last).
#[derive(Default)]
struct Ids {
    last: u64,
}

impl Ids {
    fn next(&mut self) -> u64 {
        self.last += 1;
        self.last
    }
}

fn font_file(n: usize) -> String {
    format!("font_{n}.otf")
}

/// A stable identifier made from what the document says (the same report gives the same package).
fn doc_id(info: &DocInfo, pages: usize) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (&info.title, &info.author, pages).hash(&mut hasher);
    format!("{:016x}{:016x}", hasher.finish(), info.title.len() as u64)
}

fn content(page: &Page, font_ids: &[u64], ids: &mut Ids) -> io::Result<Vec<u8>> {
    part("ofd:Page", |w| {
        w.create_element("ofd:Area").write_inner_content(|w| {
            text_element(
                w,
                "ofd:PhysicalBox",
                &boxed(0.0, 0.0, page.width, page.height),
            )
        })?;
        w.create_element("ofd:Content").write_inner_content(|w| {
            w.create_element("ofd:Layer")
                .with_attribute(("ID", ids.next().to_string().as_str()))
                .write_inner_content(|w| {
                    for object in &page.objects {
                        match object {
                            Object::Text(run) => text_object(w, run, page, font_ids, ids.next())?,
                            Object::Path(path) => path_object(w, path, ids.next())?,
                        }
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
        Ok(())
    })
}

fn text_object(
    w: &mut Xml,
    run: &TextRun,
    page: &Page,
    font_ids: &[u64],
    id: u64,
) -> io::Result<()> {
    let font = font_ids.get(run.font).copied().unwrap_or_default();
    // Without a matrix the object's box is the run's own and its text is placed from the box's corner;
    // with one, the box is the page and the matrix places the run's own coordinates.
    let (boundary, origin) = match run.ctm {
        None => {
            let top = run.baseline - run.ascent;
            let height = (run.ascent + run.descent).max(run.size);
            (boxed(run.x, top, run.width.max(0.01), height), (run.x, top))
        }
        Some(_) => (boxed(0.0, 0.0, page.width, page.height), (0.0, 0.0)),
    };
    let mut element = w
        .create_element("ofd:TextObject")
        .with_attribute(("ID", id.to_string().as_str()))
        .with_attribute(("Boundary", boundary.as_str()))
        .with_attribute(("Font", font.to_string().as_str()))
        .with_attribute(("Size", number(run.size).as_str()));
    if let Some(ctm) = run.ctm {
        let ctm: Vec<String> = ctm.iter().map(|v| number(*v)).collect();
        element = element.with_attribute(("CTM", ctm.join(" ").as_str()));
    }
    element.write_inner_content(|w| {
        if let Some(colour) = run.colour {
            colour_element(w, "ofd:FillColor", colour)?;
        }
        for (start, codes, glyphs) in transforms(&run.clusters) {
            let glyph_list: Vec<String> = glyphs.iter().map(u16::to_string).collect();
            w.create_element("ofd:CGTransform")
                .with_attribute(("CodePosition", start.to_string().as_str()))
                .with_attribute(("CodeCount", codes.to_string().as_str()))
                .with_attribute(("GlyphCount", glyphs.len().to_string().as_str()))
                .write_inner_content(|w| text_element(w, "ofd:Glyphs", &glyph_list.join(" ")))?;
        }
        let mut code = w
            .create_element("ofd:TextCode")
            .with_attribute(("X", number(run.x - origin.0).as_str()))
            .with_attribute(("Y", number(run.baseline - origin.1).as_str()));
        let deltas = delta_x(&run.deltas);
        if !deltas.is_empty() {
            code = code.with_attribute(("DeltaX", deltas.as_str()));
        }
        code.write_text_content(BytesText::new(&run.text))?;
        Ok(())
    })?;
    Ok(())
}

/// The `CGTransform`s of a run: consecutive characters drawn by one glyph each share one (the common case,
/// and the shape readers that expect a single transform a text object handle); a character drawn by several
/// glyphs, or several by one, gets its own. `(first code, codes, glyphs)`.
fn transforms(clusters: &[Cluster]) -> Vec<(usize, usize, Vec<u16>)> {
    let mut out: Vec<(usize, usize, Vec<u16>)> = Vec::new();
    let mut open_run = false;
    for cluster in clusters {
        let simple = cluster.code_count == 1 && cluster.glyphs.len() == 1;
        match out.last_mut() {
            Some((start, codes, glyphs))
                if simple && open_run && *start + *codes == cluster.code_start =>
            {
                *codes += 1;
                glyphs.extend(&cluster.glyphs);
            }
            _ => out.push((
                cluster.code_start,
                cluster.code_count,
                cluster.glyphs.clone(),
            )),
        }
        open_run = simple;
    }
    out
}

fn path_object(w: &mut Xml, path: &PathShape, id: u64) -> io::Result<()> {
    let points = path.segments.iter().flat_map(|s| match s {
        Segment::Move(x, y) | Segment::Line(x, y) => vec![(*x, *y)],
        Segment::Cubic(c) => vec![(c[0], c[1]), (c[2], c[3]), (c[4], c[5])],
        Segment::Close => vec![],
    });
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y) in points {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    if x0 > x1 {
        return Ok(());
    }
    // The box holds the stroke's full width, and the path is drawn from the box's corner.
    let pad = path.stroke.map_or(0.0, |(width, _)| width / 2.0);
    let (bx, by) = (x0 - pad, y0 - pad);
    let data = abbreviated(&path.segments, bx, by);
    let mut element = w
        .create_element("ofd:PathObject")
        .with_attribute(("ID", id.to_string().as_str()))
        .with_attribute((
            "Boundary",
            boxed(bx, by, x1 - x0 + 2.0 * pad, y1 - y0 + 2.0 * pad).as_str(),
        ));
    if let Some((width, _)) = path.stroke {
        element = element.with_attribute(("LineWidth", number(width).as_str()));
    } else {
        element = element.with_attribute(("Stroke", "false"));
    }
    if path.fill.is_some() {
        element = element.with_attribute(("Fill", "true"));
    }
    element.write_inner_content(|w| {
        if let Some((_, colour)) = path.stroke.filter(|(_, c)| *c != [0, 0, 0]) {
            colour_element(w, "ofd:StrokeColor", colour)?;
        }
        if let Some(colour) = path.fill {
            colour_element(w, "ofd:FillColor", colour)?;
        }
        text_element(w, "ofd:AbbreviatedData", &data)
    })?;
    Ok(())
}

/// A path in OFD's abbreviated syntax, relative to `(bx, by)`.
fn abbreviated(segments: &[Segment], bx: f64, by: f64) -> String {
    let xy = |x: f64, y: f64| format!("{} {}", number(x - bx), number(y - by));
    let parts: Vec<String> = segments
        .iter()
        .map(|s| match s {
            Segment::Move(x, y) => format!("M {}", xy(*x, *y)),
            Segment::Line(x, y) => format!("L {}", xy(*x, *y)),
            Segment::Cubic(c) => {
                format!("B {} {} {}", xy(c[0], c[1]), xy(c[2], c[3]), xy(c[4], c[5]))
            }
            Segment::Close => "C".to_owned(),
        })
        .collect();
    parts.join(" ")
}

/// `DeltaX` with runs of three or more equal steps written `g N D`, as GB/T 33190 allows.
fn delta_x(deltas: &[f64]) -> String {
    let rounded: Vec<String> = deltas.iter().map(|d| number(*d)).collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rounded.len() {
        let run = rounded[i..]
            .iter()
            .take_while(|d| **d == rounded[i])
            .count();
        if run >= 3 {
            out.push(format!("g {run} {}", rounded[i]));
        } else {
            out.extend(rounded[i..i + run].iter().cloned());
        }
        i += run;
    }
    out.join(" ")
}

/// A length in mm to a thousandth, without trailing zeros.
fn number(value: f64) -> String {
    let text = format!("{:.3}", value);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" | "" => "0".to_owned(),
        t => t.to_owned(),
    }
}

fn boxed(x: f64, y: f64, width: f64, height: f64) -> String {
    format!(
        "{} {} {} {}",
        number(x),
        number(y),
        number(width),
        number(height)
    )
}

fn colour_element(w: &mut Xml, name: &str, [r, g, b]: [u8; 3]) -> io::Result<()> {
    w.create_element(name)
        .with_attribute(("Value", format!("{r} {g} {b}").as_str()))
        .write_empty()?;
    Ok(())
}

fn text_element(w: &mut Xml, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

/// An XML part: the declaration and `root` in the OFD namespace, filled by `body`.
fn part(root: &str, body: impl FnOnce(&mut Xml) -> io::Result<()>) -> io::Result<Vec<u8>> {
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut element = w
        .create_element(root)
        .with_attribute(("xmlns:ofd", NAMESPACE));
    if root == "ofd:OFD" {
        element = element
            .with_attribute(("Version", "1.0"))
            .with_attribute(("DocType", "OFD"));
    }
    if root == "ofd:Res" {
        element = element.with_attribute(("BaseLoc", "Res"));
    }
    element.write_inner_content(body)?;
    Ok(w.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_compress_and_lengths_round() {
        assert_eq!(delta_x(&[3.5, 3.5, 3.5, 1.25, 2.0]), "g 3 3.5 1.25 2");
        assert_eq!(delta_x(&[1.0, 1.0]), "1 1");
        assert_eq!(number(-0.0001), "0");
        let cluster = |code_start, code_count, glyphs: &[u16]| Cluster {
            code_start,
            code_count,
            glyphs: glyphs.to_vec(),
        };
        // 年 度 报 (one glyph each), a ligature of two characters, then 告.
        assert_eq!(
            transforms(&[
                cluster(0, 1, &[5]),
                cluster(1, 1, &[6]),
                cluster(2, 1, &[7]),
                cluster(3, 2, &[8]),
                cluster(5, 1, &[9]),
            ]),
            vec![(0, 3, vec![5, 6, 7]), (3, 2, vec![8]), (5, 1, vec![9])]
        );
        assert_eq!(number(12.3456), "12.346");
        assert_eq!(
            abbreviated(
                &[
                    Segment::Move(10.0, 5.0),
                    Segment::Line(12.5, 5.0),
                    Segment::Close
                ],
                10.0,
                5.0
            ),
            "M 0 0 L 2.5 0 C"
        );
    }
}
