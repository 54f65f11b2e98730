//! The fonts an OFD document embeds: every face the layout used, cut down to the glyphs it placed. The
//! subset is made by `subsetter` (as typst-pdf makes it), which renumbers the glyphs and drops the `cmap`
//! table; the pages therefore address glyphs by number (`CGTransform`, GB/T 33190 §11.4), and a `cmap` for
//! the characters that map to one glyph each is added back with write-fonts so that a reader which maps
//! text through the font still finds them.

use std::collections::BTreeMap;

use subsetter::GlyphRemapper;
use typst::text::{Font, FontStyle, FontWeight};
use write_fonts::FontBuilder;
use write_fonts::read::FontRef;
use write_fonts::tables::cmap::Cmap;
use write_fonts::types::GlyphId;

use crate::ReportError;

/// A face in use, with the glyphs placed so far.
struct Face {
    font: Font,
    remapper: GlyphRemapper,
    /// Character → glyph number in the subset, for characters drawn by exactly one glyph.
    cmap: BTreeMap<char, u16>,
}

/// The faces of one document, numbered in the order they were first used.
#[derive(Default)]
pub(super) struct FontSet {
    faces: Vec<Face>,
}

/// A face ready to be written into the package.
pub(super) struct EmbeddedFont {
    pub family: String,
    pub bold: bool,
    pub italic: bool,
    /// An OpenType font holding only the glyphs the pages use.
    pub bytes: Vec<u8>,
}

impl FontSet {
    /// The index of `font` in this set (added on first use).
    pub fn index(&mut self, font: &Font) -> usize {
        if let Some(i) = self.faces.iter().position(|f| f.font == *font) {
            return i;
        }
        let mut remapper = GlyphRemapper::new();
        // Glyph 0 (.notdef) keeps number 0, as every font needs it.
        remapper.remap(0);
        self.faces.push(Face {
            font: font.clone(),
            remapper,
            cmap: BTreeMap::new(),
        });
        self.faces.len() - 1
    }

    /// The number in the subset of glyph `glyph` of face `face`; `only_char` is the one character it draws
    /// when it draws exactly one.
    pub fn glyph(&mut self, face: usize, glyph: u16, only_char: Option<char>) -> u16 {
        let Some(face) = self.faces.get_mut(face) else {
            return 0;
        };
        let id = face.remapper.remap(glyph);
        if let Some(c) = only_char {
            // A character drawn by two different glyphs (a variant form) keeps its first: a cmap maps a
            // character to one glyph, and the pages name their glyphs anyway.
            face.cmap.entry(c).or_insert(id);
        }
        id
    }

    /// Every face, subset.
    pub fn embed(&self) -> Result<Vec<EmbeddedFont>, ReportError> {
        self.faces.iter().map(embed).collect()
    }
}

fn embed(face: &Face) -> Result<EmbeddedFont, ReportError> {
    let info = face.font.info();
    let family = info.family.clone();
    let subset = subsetter::subset(face.font.data(), face.font.index(), &face.remapper)
        .map_err(|e| font_error(&family, &e.to_string()))?;
    let cmap = Cmap::from_mappings(
        face.cmap
            .iter()
            .map(|(c, id)| (*c, GlyphId::new(u32::from(*id)))),
    )
    .map_err(|e| font_error(&family, &e.to_string()))?;
    let source = FontRef::new(&subset).map_err(|e| font_error(&family, &e.to_string()))?;
    let mut builder = FontBuilder::new();
    builder
        .add_table(&cmap)
        .map_err(|e| font_error(&family, &e.to_string()))?;
    let bytes = builder.copy_missing_tables(source).build();
    Ok(EmbeddedFont {
        family,
        bold: info.variant.weight >= FontWeight::SEMIBOLD,
        italic: info.variant.style != FontStyle::Normal,
        bytes,
    })
}

fn font_error(family: &str, detail: &str) -> ReportError {
    ReportError::Render(format!("OFD: font {family}: {detail}"))
}
