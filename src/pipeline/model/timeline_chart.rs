//! The timeline's chart: documents on a time axis, one lane per mechanism
//! marked where a document belongs to it or names it, so the years with
//! nothing in them show as the empty stretch they are. Geometry only; the
//! template draws it as inline SVG (no script), beside the list that says
//! the same in words.

use serde::Serialize;

use super::{Link, Site, paths};
use crate::pipeline::load::schema::PartialDate;

/// The chart's size in SVG units; it scales to the page's width.
const WIDTH: f64 = 960.0;
/// Where the axis starts, after the lanes' labels, and ends.
const AXIS_START: f64 = 250.0;
const AXIS_END: f64 = 940.0;
/// The documents' row, each lane's height, and the first lane.
const DOCUMENT_ROW: f64 = 34.0;
const STACK: f64 = 16.0;
const LANE: f64 = 26.0;

#[derive(Debug, Serialize)]
pub struct Chart {
    pub width: u32,
    pub height: u32,
    pub axis_start: u32,
    pub axis_end: u32,
    /// The y of the axis line and its year labels.
    pub axis_y: u32,
    pub ticks: Vec<Tick>,
    pub documents: Vec<Mark>,
    pub lanes: Vec<Lane>,
    /// Stretches of two years or more without a document, labelled.
    pub gaps: Vec<Gap>,
    /// Documents left off the chart: their date is unknown.
    pub undated: usize,
}

#[derive(Debug, Serialize)]
pub struct Tick {
    pub x: u32,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct Mark {
    pub x: u32,
    pub y: u32,
    pub href: String,
    /// What a screen reader and a tooltip say: title and date.
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct Lane {
    pub y: u32,
    pub mechanism: Link,
    pub marks: Vec<Mark>,
}

#[derive(Debug, Serialize)]
pub struct Gap {
    pub x: u32,
    pub label: String,
}

/// The chart of documents `docs` (indices, in date order) for a page whose
/// root prefix is `root`; `None` when none of them has a date.
pub(super) fn chart(site: &Site<'_>, docs: &[usize], root: &str) -> Option<Chart> {
    let dated: Vec<(usize, f64)> = docs
        .iter()
        .filter_map(|&d| {
            let date = site.documents[d].metadata.sort_date()?;
            Some((d, fractional_year(date)))
        })
        .collect();
    if dated.is_empty() {
        return None;
    }
    let first = dated.iter().map(|(_, t)| *t).fold(f64::INFINITY, f64::min);
    let last = dated
        .iter()
        .map(|(_, t)| *t)
        .fold(f64::NEG_INFINITY, f64::max);
    let (from, to) = (first.floor(), last.floor() + 1.0);
    let x =
        |t: f64| (AXIS_START + (t - from) / (to - from) * (AXIS_END - AXIS_START)).round() as u32;

    // Documents at the same place stack upwards from the row.
    let mut documents: Vec<Mark> = Vec::new();
    for &(d, t) in &dated {
        let doc = &site.documents[d];
        let at = x(t);
        let below = documents.iter().filter(|m| m.x.abs_diff(at) < 8).count();
        documents.push(Mark {
            x: at,
            y: (DOCUMENT_ROW + below as f64 * STACK) as u32,
            href: format!("{root}{}", paths::document(&doc.slug)),
            label: format!("{} ({})", doc.metadata.title, site.date(d).human),
        });
    }
    let top = documents.iter().map(|m| m.y).max().unwrap_or(0) as f64 + LANE;

    let lanes = lanes(site, &dated, &documents, top, root);
    let axis_y = (top + lanes.len() as f64 * LANE) as u32;
    let (ticks, gaps) = ticks_and_gaps(&dated, from, to, &x);
    Some(Chart {
        width: WIDTH as u32,
        height: axis_y + 30,
        axis_start: AXIS_START as u32,
        axis_end: AXIS_END as u32,
        axis_y,
        ticks,
        documents,
        lanes,
        gaps,
        undated: docs.len() - dated.len(),
    })
}

/// One lane per mechanism, in order of first appearance, marked at each
/// document that belongs to it or names it.
fn lanes(
    site: &Site<'_>,
    dated: &[(usize, f64)],
    documents: &[Mark],
    top: f64,
    root: &str,
) -> Vec<Lane> {
    let mut lanes: Vec<Lane> = Vec::new();
    for (mark, &(d, _)) in documents.iter().zip(dated) {
        let (own, named) = site.mechanisms(d, root);
        for mechanism in own.into_iter().chain(named) {
            let lane = match lanes
                .iter()
                .position(|l| l.mechanism.href == mechanism.href)
            {
                Some(i) => i,
                None => {
                    lanes.push(Lane {
                        y: (top + lanes.len() as f64 * LANE) as u32,
                        mechanism,
                        marks: Vec::new(),
                    });
                    lanes.len() - 1
                }
            };
            let y = lanes[lane].y;
            lanes[lane].marks.push(Mark {
                x: mark.x,
                y,
                href: mark.href.clone(),
                label: mark.label.clone(),
            });
        }
    }
    lanes
}

/// A label every year from `from` to `to` (every few when the span is
/// long), and a label in each stretch of two years or more with no document.
fn ticks_and_gaps(
    dated: &[(usize, f64)],
    from: f64,
    to: f64,
    x: &dyn Fn(f64) -> u32,
) -> (Vec<Tick>, Vec<Gap>) {
    let years = (to - from) as u32;
    let step = years.div_ceil(12).max(1);
    let ticks = (0..=years)
        .step_by(step as usize)
        .map(|k| Tick {
            x: x(from + f64::from(k)),
            label: (from as i64 + i64::from(k)).to_string(),
        })
        .collect();
    let gaps = dated
        .windows(2)
        .filter_map(|pair| {
            let (a, b) = (pair[0].1.floor() as i64, pair[1].1.floor() as i64);
            (b - a > 2).then(|| Gap {
                x: x((a as f64 + 1.0 + b as f64) / 2.0),
                label: format!("no document {}–{}", a + 1, b - 1),
            })
        })
        .collect();
    (ticks, gaps)
}

/// 2017-10-04 → 2017.76: the year and how far through it the date is.
fn fractional_year(date: PartialDate) -> f64 {
    let month = f64::from(date.month.unwrap_or(1).clamp(1, 12)) - 1.0;
    let day = f64::from(date.day.unwrap_or(1).clamp(1, 31)) - 1.0;
    f64::from(date.year) + (month + day / 31.0) / 12.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_fall_in_their_year_in_order() {
        let date = |year, month, day| PartialDate { year, month, day };
        let a = fractional_year(date(2017, Some(1), Some(1)));
        let b = fractional_year(date(2017, Some(10), Some(4)));
        let c = fractional_year(date(2017, Some(12), Some(31)));
        assert_eq!(a, 2017.0);
        assert!(a < b && b < c && c < 2018.0, "{a} {b} {c}");
        assert_eq!(fractional_year(date(2017, None, None)), 2017.0);
    }
}
