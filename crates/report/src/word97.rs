//! The text of a Word 97-2003 binary document ([MS-DOC]), as agencies still attach `.doc` files and WPS
//! Office saves `.wps` files in the same layout: the `WordDocument` stream of the OLE container (read with
//! the `cfb` crate) holds the characters, and the piece table in the `0Table`/`1Table` stream says where each
//! run of them lies and whether it is 8-bit (Windows-1252) or UTF-16. Only the text is read: no formatting.

use std::io::{Cursor, Read};

/// `wIdent` of a Word document's File Information Block.
const WORD_IDENT: u16 = 0xA5EC;
/// `FibBase` flags: the document is encrypted; the piece table is in `1Table` (else `0Table`).
const FLAG_ENCRYPTED: u16 = 0x0100;
const FLAG_WHICH_TABLE: u16 = 0x0200;
/// Size of `FibBase`, after which come `csw` and the variable-length parts of the FIB.
const FIB_BASE_LEN: usize = 32;
/// Index of the `fcClx`/`lcbClx` pair in `FibRgFcLcb97`.
const CLX_PAIR: usize = 33;
/// An 8-bit piece: its `fc` has this bit, and its bytes start at half the rest.
const FC_COMPRESSED: u32 = 0x4000_0000;
/// Streams larger than this are not a document's text.
const MAX_STREAM: u64 = 64 << 20;

/// The document's text, paragraphs on their own lines and table cells separated by tabs; `Err` says why
/// it cannot be read (not a Word document, encrypted, damaged).
pub(crate) fn doc_text(bytes: &[u8]) -> Result<String, String> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| format!("OLE: {e}"))?;
    let word = stream(&mut file, "/WordDocument")?;
    let flags = u16_at(&word, 0x0A)?;
    if u16_at(&word, 0)? != WORD_IDENT {
        return Err("not a Word document (wIdent)".into());
    }
    if flags & FLAG_ENCRYPTED != 0 {
        return Err("the document is encrypted".into());
    }
    let table_name = if flags & FLAG_WHICH_TABLE != 0 {
        "/1Table"
    } else {
        "/0Table"
    };
    let table = stream(&mut file, table_name)?;
    // FibBase, then csw and fibRgW, then cslw and fibRgLw, then cbRgFcLcb and the fc/lcb pairs.
    let csw = usize::from(u16_at(&word, FIB_BASE_LEN)?);
    let at_cslw = FIB_BASE_LEN + 2 + csw * 2;
    let cslw = usize::from(u16_at(&word, at_cslw)?);
    let at_pairs = at_cslw + 2 + cslw * 4 + 2;
    let fc_clx = u32_at(&word, at_pairs + CLX_PAIR * 8)? as usize;
    let lcb_clx = u32_at(&word, at_pairs + CLX_PAIR * 8 + 4)? as usize;
    let clx = table
        .get(fc_clx..fc_clx.saturating_add(lcb_clx))
        .ok_or("the piece table lies outside its stream")?;
    let mut out = String::new();
    for piece in pieces(clx)? {
        piece.read_into(&word, &mut out)?;
    }
    Ok(readable(&out))
}

fn stream(file: &mut cfb::CompoundFile<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    file.open_stream(name)
        .map_err(|e| format!("{name}: {e}"))?
        .take(MAX_STREAM)
        .read_to_end(&mut buf)
        .map_err(|e| format!("{name}: {e}"))?;
    Ok(buf)
}

fn u16_at(b: &[u8], at: usize) -> Result<u16, String> {
    b.get(at..at + 2)
        .map(|s| u16::from_le_bytes([s[0], s[1]]))
        .ok_or_else(|| format!("truncated at byte {at}"))
}

fn u32_at(b: &[u8], at: usize) -> Result<u32, String> {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
        .ok_or_else(|| format!("truncated at byte {at}"))
}

/// One run of characters: how many, where in the `WordDocument` stream, and how they are stored.
struct Piece {
    chars: usize,
    offset: usize,
    eight_bit: bool,
}

impl Piece {
    fn read_into(&self, word: &[u8], out: &mut String) -> Result<(), String> {
        let width = if self.eight_bit { 1 } else { 2 };
        let bytes = word
            .get(self.offset..self.offset.saturating_add(self.chars * width))
            .ok_or("a piece lies outside the document stream")?;
        if self.eight_bit {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            out.push_str(&text);
        } else {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            out.extend(char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')));
        }
        Ok(())
    }
}

/// The pieces of the CLX: any `Prc` (formatting, skipped) and then the `Pcdt` with its `PlcPcd`.
fn pieces(clx: &[u8]) -> Result<Vec<Piece>, String> {
    let mut at = 0;
    while clx.get(at) == Some(&1) {
        at += 3 + usize::from(u16_at(clx, at + 1)?);
    }
    if clx.get(at) != Some(&2) {
        return Err("no piece table in the CLX".into());
    }
    let lcb = u32_at(clx, at + 1)? as usize;
    let plc = clx
        .get(at + 5..at + 5 + lcb)
        .ok_or("the piece table is truncated")?;
    // n + 1 character positions of 4 bytes, then n descriptors of 8.
    let n = lcb.saturating_sub(4) / 12;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (start, end) = (u32_at(plc, i * 4)?, u32_at(plc, (i + 1) * 4)?);
        let fc = u32_at(plc, (n + 1) * 4 + i * 8 + 2)?;
        let eight_bit = fc & FC_COMPRESSED != 0;
        let offset = if eight_bit {
            ((fc & !FC_COMPRESSED) / 2) as usize
        } else {
            fc as usize
        };
        out.push(Piece {
            chars: end.saturating_sub(start) as usize,
            offset,
            eight_bit,
        });
    }
    Ok(out)
}

/// Word's marks as text: paragraph and line ends as new lines, a cell's end as a tab; a field's code
/// (`HYPERLINK "…"`, between the marks 0x13 and 0x14) dropped and its shown result kept; other control
/// characters (pictures, footnote references) dropped.
fn readable(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut in_code = 0usize;
    for c in raw.chars() {
        match c {
            '\u{13}' => in_code += 1,
            '\u{14}' => in_code = in_code.saturating_sub(1),
            '\u{15}' => {}
            _ if in_code > 0 => {}
            '\r' | '\u{0B}' | '\u{0C}' => out.push('\n'),
            '\u{07}' => out.push('\t'),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_codes_are_dropped_and_marks_become_lines_and_tabs() {
        let raw = "见\u{13} HYPERLINK \"http://x\" \u{14}网站\u{15}。\r序号\u{07}名称\u{07}\r";
        assert_eq!(readable(raw), "见网站。\n序号\t名称\t\n");
    }

    #[test]
    fn what_is_not_an_ole_file_is_refused_with_a_reason() {
        assert!(doc_text(b"PK\x03\x04 not ole").is_err());
        assert!(doc_text(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).is_err());
    }
}
