//! The oversight page's chart of table 三 over the years, as plain geometry for the template to draw as inline
//! SVG: one stacked bar per year of how the year's applications ended (予以公开 … 其他处理), and a marker for the
//! applications received (新收). Drawn on the server, so it needs no script and no CDN, and the Content Security
//! Policy stays `'self'`; the same figures stand in a table under the chart for screen readers and for copying.

use gongkai_domain::oversight::trend::TrendYear;
use serde::Serialize;

/// The drawing area, in SVG user units (the SVG scales to the page's width).
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 280.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 32.0;

/// The result groups in the order they stack, by message key suffix (`chart_seg_<key>`).
pub const SEGMENTS: [&str; 6] = [
    "open",
    "partial",
    "denied",
    "unable",
    "not_processed",
    "other",
];

#[derive(Debug, Serialize)]
pub struct Segment {
    pub key: &'static str,
    pub y: String,
    pub height: String,
    pub value: i64,
}

#[derive(Debug, Serialize)]
pub struct Bar {
    pub year: i32,
    pub x: String,
    pub width: String,
    /// The centre, for the year's label and the 新收 marker.
    pub mid: String,
    pub segments: Vec<Segment>,
    pub received: i64,
    pub received_y: String,
}

#[derive(Debug, Serialize)]
pub struct Tick {
    pub value: i64,
    pub y: String,
}

#[derive(Debug, Serialize)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: String,
    pub baseline: String,
    pub label_y: String,
    pub ticks: Vec<Tick>,
    pub bars: Vec<Bar>,
    /// Nothing to draw: every figure is 0.
    pub empty: bool,
}

/// A round top for the axis (1, 2 or 5 times a power of ten) at or above `max`, and its step for 4-5 ticks.
fn scale(max: i64) -> (i64, i64) {
    let mut step = 1_i64;
    loop {
        for factor in [1, 2, 5] {
            let s = step * factor;
            if s * 5 >= max {
                let top = ((max + s - 1) / s).max(1) * s;
                return (top, s);
            }
        }
        step = step.saturating_mul(10);
    }
}

fn at(v: f64) -> String {
    format!("{v:.1}")
}

pub fn chart(years: &[TrendYear]) -> Chart {
    let max = years
        .iter()
        .map(|y| y.received.max(y.answered()))
        .max()
        .unwrap_or(0);
    let (top, step) = scale(max);
    let plot_height = HEIGHT - TOP - BOTTOM;
    let baseline = HEIGHT - BOTTOM;
    let y_of = |v: i64| baseline - plot_height * (v as f64) / (top as f64);
    let slot = (WIDTH - LEFT - RIGHT) / (years.len().max(1) as f64);
    let bar_width = slot * 0.56;
    let bars = years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            let x = LEFT + slot * (i as f64) + (slot - bar_width) / 2.0;
            let values = [
                y.open,
                y.partial,
                y.denied,
                y.unable,
                y.not_processed,
                y.other,
            ];
            let mut stacked = 0;
            let segments = SEGMENTS
                .iter()
                .zip(values)
                .filter(|(_, v)| *v > 0)
                .map(|(key, value)| {
                    let bottom = y_of(stacked);
                    stacked += value;
                    let upper = y_of(stacked);
                    Segment {
                        key,
                        y: at(upper),
                        height: at(bottom - upper),
                        value,
                    }
                })
                .collect();
            Bar {
                year: y.year,
                x: at(x),
                width: at(bar_width),
                mid: at(x + bar_width / 2.0),
                segments,
                received: y.received,
                received_y: at(y_of(y.received)),
            }
        })
        .collect();
    let ticks = (0..=top / step)
        .map(|k| Tick {
            value: k * step,
            y: at(y_of(k * step)),
        })
        .collect();
    Chart {
        width: WIDTH,
        height: HEIGHT,
        left: LEFT,
        right: at(WIDTH - RIGHT),
        baseline: at(baseline),
        label_y: at(baseline + 20.0),
        ticks,
        bars,
        empty: max == 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_rounds_up_to_a_readable_top() {
        assert_eq!(scale(0), (1, 1));
        assert_eq!(scale(4), (4, 1));
        assert_eq!(scale(17), (20, 5));
        assert_eq!(scale(230), (250, 50));
    }

    #[test]
    fn bars_stack_the_results_and_mark_what_was_received() {
        let years = [
            TrendYear {
                year: 2024,
                received: 10,
                open: 6,
                partial: 2,
                other: 1,
                carried_out: 1,
                ..TrendYear::default()
            },
            TrendYear {
                year: 2025,
                ..TrendYear::default()
            },
        ];
        let c = chart(&years);
        assert!(!c.empty);
        assert_eq!(c.bars.len(), 2);
        let first = &c.bars[0];
        let keys: Vec<&str> = first.segments.iter().map(|s| s.key).collect();
        assert_eq!(
            keys,
            ["open", "partial", "other"],
            "empty groups are not drawn"
        );
        // The axis tops at 10: a stack of 9 reaches 90 % of the plot's height above the baseline.
        let top_of_stack: f64 = first.segments[2].y.parse().expect("number");
        let plot = HEIGHT - TOP - BOTTOM;
        assert!((HEIGHT - BOTTOM - top_of_stack - plot * 0.9).abs() < 0.2);
        assert_eq!(
            first.received_y,
            at(TOP),
            "10 received sits on the top of the axis"
        );
        assert!(c.bars[1].segments.is_empty());
    }
}
