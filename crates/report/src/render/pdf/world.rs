//! The smallest typst `World` that compiles one generated source: no files, no packages, no clock, and the
//! CJK fonts found on this machine. Fonts and the standard library are loaded once per process, because
//! reading the CJK collections (tens of megabytes) dominates the cost of a render.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::ReportError;

/// The environment variable naming extra font folders (searched first, in `PATH` syntax).
pub(super) const FONT_DIR_VAR: &str = "GONGKAI_FONT_DIR";

/// Families preferred for body text and for headings, in order; any other CJK family found is the fallback.
const SERIF: [&str; 7] = [
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Source Han Serif CN",
    "SimSun",
    "Songti SC",
    "AR PL UMing CN",
    "Noto Serif SC",
];
const SANS: [&str; 9] = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "SimHei",
    "Heiti SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "Noto Sans SC",
];
/// System fonts smaller than this cannot hold the ~7,000 hanzi a report needs; skipping them keeps the
/// one-time scan short on machines with many Latin fonts. Fonts in `GONGKAI_FONT_DIR` are always read.
const MIN_SYSTEM_CJK_FONT: u64 = 1 << 20;

/// The CJK fonts of this machine, and the families the renderer asks for.
pub(super) struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// Body text family (a 宋体-like serif when one is installed).
    pub body: String,
    /// Heading family (a 黑体-like sans when one is installed).
    pub heading: String,
}

/// The fonts, found and loaded on first use.
pub(super) fn fonts() -> Result<&'static Fonts, ReportError> {
    static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
    FONTS
        .get_or_init(load_fonts)
        .as_ref()
        .map_err(|e| ReportError::Render(e.clone()))
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::builder().build()))
}

fn font_dirs() -> Vec<(PathBuf, bool)> {
    let mut dirs: Vec<(PathBuf, bool)> = std::env::var_os(FONT_DIR_VAR)
        .map(|v| std::env::split_paths(&v).map(|p| (p, true)).collect())
        .unwrap_or_default();
    let mut system = vec![
        PathBuf::from("/usr/share/fonts"),
        PathBuf::from("/usr/local/share/fonts"),
        PathBuf::from("/System/Library/Fonts"),
        PathBuf::from("/Library/Fonts"),
        PathBuf::from("C:\\Windows\\Fonts"),
    ];
    if let Some(home) = std::env::var_os("HOME") {
        system.push(Path::new(&home).join(".local/share/fonts"));
        system.push(Path::new(&home).join(".fonts"));
    }
    dirs.extend(system.into_iter().map(|p| (p, false)));
    dirs
}

/// Font files under a folder, depth-first and sorted so that the choice of font does not depend on the order
/// the file system lists them in.
fn font_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            if depth < 8 {
                font_files(&path, depth + 1, out);
            }
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            matches!(
                e.to_ascii_lowercase().as_str(),
                "ttf" | "otf" | "ttc" | "otc"
            )
        }) {
            out.push(path);
        }
    }
}

fn load_fonts() -> Result<Fonts, String> {
    load_fonts_from(font_dirs())
}

/// Loads the CJK faces under the folders; `true` marks a folder the user named (no size filter).
fn load_fonts_from(dirs: Vec<(PathBuf, bool)>) -> Result<Fonts, String> {
    let mut fonts = Vec::new();
    for (dir, explicit) in dirs {
        let mut files = Vec::new();
        font_files(&dir, 0, &mut files);
        for file in files {
            let small = std::fs::metadata(&file).map_or(true, |m| m.len() < MIN_SYSTEM_CJK_FONT);
            if small && !explicit {
                continue;
            }
            let Ok(data) = std::fs::read(&file) else {
                continue;
            };
            // Every face of a collection (.ttc: SC, TC, JP, KR, HK) shares the same bytes.
            fonts.extend(Font::iter(Bytes::new(data)).filter(is_cjk));
        }
    }
    if fonts.is_empty() {
        return Err(format!(
            "找不到中文字体，无法生成 PDF：请安装 fonts-noto-cjk（Debian/Ubuntu: apt-get install fonts-noto-cjk），\
             或用环境变量 {FONT_DIR_VAR} 指定含中文字体的目录 / no CJK font found for PDF output: install \
             fonts-noto-cjk (apt-get install fonts-noto-cjk) or point {FONT_DIR_VAR} at a folder with a CJK font"
        ));
    }
    let families: Vec<&str> = fonts.iter().map(|f| f.info().family.as_str()).collect();
    let pick = |preferred: &[&str]| {
        preferred
            .iter()
            .find(|p| families.iter().any(|f| f.eq_ignore_ascii_case(p)))
            .map(|p| p.to_string())
    };
    // Without a preferred family, a Simplified Chinese face beats the first one found.
    let any = families
        .iter()
        .find(|f| f.ends_with(" SC") || f.ends_with(" CN"))
        .or(families.first())
        .map(|f| f.to_string())
        .unwrap_or_default();
    let heading = pick(&SANS).unwrap_or_else(|| any.clone());
    let body = pick(&SERIF).unwrap_or_else(|| heading.clone());
    Ok(Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
        body,
        heading,
    })
}

/// Does the face cover the characters every report prints (the report title and the 〔〕 of document
/// numbers)?
fn is_cjk(font: &Font) -> bool {
    "政府信息公开年度报告〔〕"
        .chars()
        .all(|c| font.info().coverage.contains(c as u32))
}

/// One compilation: the generated source over the shared fonts and library.
pub(super) struct ReportWorld {
    fonts: &'static Fonts,
    main: Source,
}

impl ReportWorld {
    pub(super) fn new(fonts: &'static Fonts, source: String) -> ReportWorld {
        ReportWorld {
            fonts,
            main: Source::detached(source),
        }
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_with_slash().into()))
        }
    }

    /// The generated source reads no files (no images, no data): refuse every path.
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        Err(FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    /// No clock: the same report renders to the same bytes.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_cjk_font_says_what_to_install() {
        let empty = std::env::temp_dir().join(format!("gongkai-no-fonts-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&empty);
        let err = load_fonts_from(vec![(empty.clone(), true)]).err();
        let _ = std::fs::remove_dir(&empty);
        assert!(err.is_some_and(|e| e.contains("fonts-noto-cjk") && e.contains(FONT_DIR_VAR)));
    }
}
