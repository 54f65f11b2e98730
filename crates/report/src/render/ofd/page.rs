//! A laid-out typst page as OFD page objects: each run of shaped text becomes a text object (its characters
//! as `TextCode`, their advances as `DeltaX`, the glyphs the layout chose as `CGTransform`), each rule,
//! border and filled box a path object. OFD measures in millimetres from the top left of the page, y
//! downwards, as typst does in points.

use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::text::TextItem;
use typst::visualize::{Curve, CurveItem, Geometry, Paint, Shape};

use super::fonts::FontSet;

/// One page: its size and what is drawn on it, in drawing order.
pub(super) struct Page {
    pub width: f64,
    pub height: f64,
    pub objects: Vec<Object>,
}

pub(super) enum Object {
    Text(TextRun),
    Path(PathShape),
}

/// A run of text of one face and size. Coordinates are the page's, in mm, unless `ctm` is set (then they
/// are the run's own and the matrix places them).
pub(super) struct TextRun {
    pub font: usize,
    pub size: f64,
    /// Left end of the baseline.
    pub x: f64,
    pub baseline: f64,
    pub ascent: f64,
    pub descent: f64,
    pub width: f64,
    pub text: String,
    /// Distance from each character to the next (one fewer than the characters).
    pub deltas: Vec<f64>,
    pub clusters: Vec<Cluster>,
    pub colour: Option<[u8; 3]>,
    pub ctm: Option<[f64; 6]>,
}

/// Characters `code_start..code_start+code_count` of a run drawn by `glyphs` (numbers in the subset).
pub(super) struct Cluster {
    pub code_start: usize,
    pub code_count: usize,
    pub glyphs: Vec<u16>,
}

/// A path in page coordinates (mm): `M`, `L`, `B` (cubic) and `C` (close) segments.
pub(super) struct PathShape {
    pub segments: Vec<Segment>,
    pub stroke: Option<(f64, [u8; 3])>,
    pub fill: Option<[u8; 3]>,
}

pub(super) enum Segment {
    Move(f64, f64),
    Line(f64, f64),
    Cubic([f64; 6]),
    Close,
}

pub(super) fn page(frame: &Frame, fonts: &mut FontSet) -> Page {
    let mut objects = Vec::new();
    walk(frame, Transform::identity(), fonts, &mut objects);
    Page {
        width: frame.width().to_mm(),
        height: frame.height().to_mm(),
        objects,
    }
}

fn walk(frame: &Frame, ts: Transform, fonts: &mut FontSet, out: &mut Vec<Object>) {
    for (pos, item) in frame.items() {
        let at = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => {
                walk(&group.frame, at.pre_concat(group.transform), fonts, out)
            }
            FrameItem::Text(text) => {
                if let Some(run) = text_run(text, at, fonts) {
                    out.push(Object::Text(run));
                }
            }
            FrameItem::Shape(shape, _) => {
                if let Some(path) = path(shape, at) {
                    out.push(Object::Path(path));
                }
            }
            // The report has no images; links and introspection tags draw nothing.
            FrameItem::Image(..) | FrameItem::Link(..) | FrameItem::Tag(_) => {}
        }
    }
}

fn text_run(item: &TextItem, at: Transform, fonts: &mut FontSet) -> Option<TextRun> {
    let face = fonts.index(item.font.font());
    let size = item.size;
    let mut text = String::new();
    let mut positions: Vec<f64> = Vec::new();
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut x = Abs::zero();
    let mut glyphs = item.glyphs.iter().peekable();
    while let Some(first) = glyphs.next() {
        // A cluster: the glyphs that draw one range of the text (one glyph per hanzi; a ligature draws
        // several characters; a decomposed character may take several glyphs).
        let range = first.range();
        let mut members = vec![first];
        while let Some(next) = glyphs.next_if(|g| g.range() == range) {
            members.push(next);
        }
        let start_x = x + first.x_offset.at(size);
        for g in &members {
            x += g.x_advance.at(size);
        }
        let chars: Vec<char> = item.text.get(range).unwrap_or_default().chars().collect();
        if chars.is_empty() {
            // A glyph the layout inserted without text (none in a report): nothing to address it by.
            continue;
        }
        let only_char = (chars.len() == 1 && members.len() == 1).then(|| chars[0]);
        let ids = members
            .iter()
            .map(|g| fonts.glyph(face, g.id, only_char))
            .collect();
        clusters.push(Cluster {
            code_start: positions.len(),
            code_count: chars.len(),
            glyphs: ids,
        });
        for c in chars {
            text.push(c);
            positions.push(start_x.to_mm());
        }
    }
    if text.trim().is_empty() {
        return None;
    }
    let metrics = item.font.metrics();
    let first = positions.first().copied().unwrap_or(0.0);
    let deltas = positions.windows(2).map(|w| w[1] - w[0]).collect();
    let (origin, ctm) = if at.is_only_translate() {
        (Point::new(at.tx, at.ty), None)
    } else {
        (Point::zero(), Some(matrix(at)))
    };
    Some(TextRun {
        font: face,
        size: size.to_mm(),
        x: origin.x.to_mm() + first,
        baseline: origin.y.to_mm(),
        ascent: metrics.ascender.at(size).to_mm(),
        descent: -metrics.descender.at(size).to_mm(),
        width: x.to_mm() - first,
        text,
        deltas,
        clusters,
        colour: solid(&item.fill).filter(|c| *c != [0, 0, 0]),
        ctm,
    })
}

/// A shape's outline carried into page coordinates (a path needs no matrix: its points are moved).
fn path(shape: &Shape, at: Transform) -> Option<PathShape> {
    let stroke = shape
        .stroke
        .as_ref()
        .and_then(|s| Some((s.thickness.to_mm(), solid(&s.paint)?)));
    let fill = shape.fill.as_ref().and_then(solid);
    if stroke.is_none() && fill.is_none() {
        return None;
    }
    let p = |point: Point| {
        let q = point.transform(at);
        (q.x.to_mm(), q.y.to_mm())
    };
    let mut segments = Vec::new();
    match &shape.geometry {
        Geometry::Line(to) => {
            let (a, b) = (p(Point::zero()), p(*to));
            segments.push(Segment::Move(a.0, a.1));
            segments.push(Segment::Line(b.0, b.1));
        }
        Geometry::Rect(size) => {
            let corners = [
                Point::zero(),
                Point::with_x(size.x),
                Point::new(size.x, size.y),
                Point::with_y(size.y),
            ];
            for (i, corner) in corners.into_iter().enumerate() {
                let (x, y) = p(corner);
                segments.push(if i == 0 {
                    Segment::Move(x, y)
                } else {
                    Segment::Line(x, y)
                });
            }
            segments.push(Segment::Close);
        }
        Geometry::Curve(curve) => curve_segments(curve, &p, &mut segments),
    }
    Some(PathShape {
        segments,
        stroke,
        fill,
    })
}

fn curve_segments(curve: &Curve, p: &impl Fn(Point) -> (f64, f64), out: &mut Vec<Segment>) {
    for item in curve.0.iter() {
        out.push(match item {
            CurveItem::Move(to) => {
                let (x, y) = p(*to);
                Segment::Move(x, y)
            }
            CurveItem::Line(to) => {
                let (x, y) = p(*to);
                Segment::Line(x, y)
            }
            CurveItem::Cubic(c1, c2, to) => {
                let (a, b, c) = (p(*c1), p(*c2), p(*to));
                Segment::Cubic([a.0, a.1, b.0, b.1, c.0, c.1])
            }
            CurveItem::Close => Segment::Close,
        });
    }
}

/// A solid paint as RGB; gradients and tilings (not used by the report) draw nothing.
fn solid(paint: &Paint) -> Option<[u8; 3]> {
    match paint {
        Paint::Solid(colour) => {
            let [r, g, b, _] = colour.to_vec4_u8();
            Some([r, g, b])
        }
        _ => None,
    }
}

/// A typst transform as an OFD `CTM` (`a b c d e f`, translation in mm).
fn matrix(ts: Transform) -> [f64; 6] {
    [
        ts.sx.get(),
        ts.ky.get(),
        ts.kx.get(),
        ts.sy.get(),
        ts.tx.to_mm(),
        ts.ty.to_mm(),
    ]
}
