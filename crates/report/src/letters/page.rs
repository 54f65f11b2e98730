//! The page every letter and notice is printed on, after 《党政机关公文格式》(GB/T 9704-2012): A4, a 版心 of
//! 156 mm × 225 mm (margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), 22 lines of 28 characters,
//! the title in 二号小标宋 centred, the text in 三号仿宋 indented two characters, the 落款 right-aligned with the
//! date four characters from the right edge, and page numbers `— 1 —` in 四号. The DOCX and PDF renderers
//! read their figures from here, so that both print the same page.

/// Margins in millimetres (7.1 版心: 天头 37 mm, 订口 28 mm; 版心 156 mm × 225 mm).
pub(super) const MARGIN_TOP_MM: f64 = 37.0;
pub(super) const MARGIN_BOTTOM_MM: f64 = 35.0;
pub(super) const MARGIN_LEFT_MM: f64 = 28.0;
pub(super) const MARGIN_RIGHT_MM: f64 = 26.0;
/// 二号 (22 pt) title, 三号 (16 pt) text, 四号 (14 pt) page numbers.
pub(super) const TITLE_PT: f64 = 22.0;
pub(super) const BODY_PT: f64 = 16.0;
pub(super) const PAGE_NO_PT: f64 = 14.0;
/// 7.1: 一般每面排22行; 225 mm / 22 lines, in points.
pub(super) const LINE_PITCH_PT: f64 = 225.0 / 25.4 * 72.0 / 22.0;
/// 7.3.5.1: 成文日期右空四字.
pub(super) const DATE_RIGHT_INDENT_CHARS: f64 = 4.0;
/// The seal's place under the 落款; gongkai cannot stamp, so the printed page marks where the seal goes.
pub(super) const SEAL: &str = "（印章）";

/// 小标宋 first (the font official documents name), then what a machine without it has: a bold serif, a
/// 黑体-like sans.
pub(super) const TITLE_FONTS: [&str; 3] =
    ["FZXiaoBiaoSong-B05S", "方正小标宋简体", "Noto Serif CJK SC"];
/// 仿宋 first (7.2: 正文用3号仿宋体字), then a serif.
pub(super) const BODY_FONTS: [&str; 4] = ["FangSong", "仿宋_GB2312", "仿宋", "Noto Serif CJK SC"];

/// Millimetres in twentieths of a point (DOCX).
pub(super) fn twips(mm: f64) -> u32 {
    (mm / 25.4 * 1440.0).round() as u32
}
