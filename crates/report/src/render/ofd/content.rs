//! A page's content part (`Content.xml`): its text objects and path objects, in drawing order, in one layer.
//! Element order follows the schemas of GB/T 33190: a text object holds its colours, then `CGTransform`s, then
//! its `TextCode`; a path object its colours, then `AbbreviatedData`.

use std::io;

use quick_xml::events::BytesText;

use super::page::{Cluster, Object, Page, PathShape, Segment, TextRun};
use super::xml::{Ids, Xml, boxed, colour_element, number, part, text_element};

pub(super) fn content(page: &Page, font_ids: &[u64], ids: &mut Ids) -> io::Result<Vec<u8>> {
    part("ofd:Page", &[], |w| {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_compress_transforms_merge_and_paths_start_at_the_box() {
        assert_eq!(delta_x(&[3.5, 3.5, 3.5, 1.25, 2.0]), "g 3 3.5 1.25 2");
        assert_eq!(delta_x(&[1.0, 1.0]), "1 1");
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
