//! The dossier chart's layout: the month-by-month figures of the report
//! turned into SVG geometry (pixels), for the templates to draw.
//!
//! The report's data ([`qms_core::report::DossierSection`]) holds only the
//! figures; how they are drawn is the renderer's business. [`chart`] lays out
//! one stacked bar per month (early, on time, late, in progress, bottom to
//! top) on a round scale, and [`render`](crate::render) hands the result to
//! the templates as `chart`.

use qms_core::StatsRow;
use serde::Serialize;

/// A stacked bar chart, laid out in SVG user units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// Width of the drawing.
    pub width: u32,
    /// Height of the drawing.
    pub height: u32,
    /// Left edge of the plotting area.
    pub left: u32,
    /// Baseline y.
    pub baseline: u32,
    /// Horizontal grid lines with their values.
    pub ticks: Vec<Tick>,
    /// One bar per month.
    pub bars: Vec<Bar>,
}

/// A grid line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tick {
    /// y of the line.
    pub y: f64,
    /// The count it marks.
    pub value: u64,
}

/// A stacked bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    /// Month label (`2012-06`).
    pub label: String,
    /// Left edge.
    pub x: f64,
    /// Width.
    pub width: f64,
    /// Centre, for the label.
    pub centre: f64,
    /// Segments bottom to top: early, on_time, late, in_progress.
    pub segments: Vec<Segment>,
}

/// A segment of a bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// `early`, `on_time`, `late` or `in_progress`.
    pub kind: &'static str,
    /// Top edge.
    pub y: f64,
    /// Height.
    pub height: f64,
    /// The count.
    pub value: u64,
}

/// Lays out the month-by-month stacked bars.
pub fn chart(months: &[StatsRow]) -> Chart {
    let (width, height, left, top, baseline) = (640u32, 260u32, 48u32, 16u32, 224u32);
    let max = months
        .iter()
        .map(|m| m.stats.resolved + m.stats.in_progress)
        .max()
        .unwrap_or(0)
        .max(1);
    // A round scale: 1, 2 or 5 times a power of ten, in four steps.
    let step = {
        let raw = (max as f64 / 4.0).max(1.0);
        let p = 10f64.powf(raw.log10().floor());
        [1.0, 2.0, 5.0, 10.0]
            .iter()
            .map(|m| m * p)
            .find(|s| *s >= raw)
            .unwrap_or(raw)
    };
    let top_value = (max as f64 / step).ceil() * step;
    let plot_h = f64::from(baseline - top);
    let y_of = |v: f64| f64::from(baseline) - v / top_value * plot_h;
    let ticks = (0..=((top_value / step) as u64))
        .map(|i| Tick {
            y: round(y_of(i as f64 * step)),
            value: (i as f64 * step) as u64,
        })
        .collect();
    let n = months.len().max(1) as f64;
    let slot = f64::from(width - left - 8) / n;
    let bar_w = (slot * 0.6).min(56.0);
    let bars = months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let x = f64::from(left) + slot * i as f64 + (slot - bar_w) / 2.0;
            let mut acc = 0u64;
            let segments = [
                ("early", m.stats.early),
                ("on_time", m.stats.on_time),
                ("late", m.stats.late),
                ("in_progress", m.stats.in_progress),
            ]
            .into_iter()
            .filter(|(_, v)| *v > 0)
            .map(|(kind, value)| {
                let y0 = y_of(acc as f64);
                acc += value;
                let y1 = y_of(acc as f64);
                Segment {
                    kind,
                    y: round(y1),
                    height: round(y0 - y1),
                    value,
                }
            })
            .collect();
            Bar {
                label: m.key.clone(),
                x: round(x),
                width: round(bar_w),
                centre: round(x + bar_w / 2.0),
                segments,
            }
        })
        .collect();
    Chart {
        width,
        height,
        left,
        baseline,
        ticks,
        bars,
    }
}

/// To a tenth of a unit: the SVG stays short and the same on every machine.
fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use qms_core::DossierStats;

    fn month(key: &str, early: u64, on_time: u64, late: u64, in_progress: u64) -> StatsRow {
        let mut stats = DossierStats::default();
        stats.early = early;
        stats.on_time = on_time;
        stats.late = late;
        stats.in_progress = in_progress;
        stats.resolved = early + on_time + late;
        StatsRow::new(key, stats)
    }

    #[test]
    fn bars_stack_bottom_to_top_on_a_round_scale() {
        let c = chart(&[
            month("2012-01", 300, 100, 0, 0),
            month("2012-02", 0, 0, 1, 9),
        ]);
        // 400 at most: four steps of 100.
        let values: Vec<u64> = c.ticks.iter().map(|t| t.value).collect();
        assert_eq!(values, [0, 100, 200, 300, 400]);
        assert_eq!(c.ticks[0].y, f64::from(c.baseline));
        assert_eq!(c.ticks[4].y, 16.0);
        let kinds: Vec<&str> = c.bars[0].segments.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, ["early", "on_time"], "empty segments are left out");
        let (early, on_time) = (&c.bars[0].segments[0], &c.bars[0].segments[1]);
        assert_eq!(early.y + early.height, f64::from(c.baseline));
        assert_eq!(on_time.y + on_time.height, early.y);
        assert_eq!(on_time.y, 16.0, "the tallest bar reaches the top line");
        assert_eq!(c.bars[1].label, "2012-02");
        assert!(c.bars[1].x > c.bars[0].x + c.bars[0].width);
    }

    #[test]
    fn no_dossier_still_draws_a_scale() {
        let c = chart(&[month("2012-01", 0, 0, 0, 0)]);
        assert_eq!(c.ticks.len(), 2);
        assert!(c.bars[0].segments.is_empty());
        assert!(chart(&[]).bars.is_empty());
    }
}
