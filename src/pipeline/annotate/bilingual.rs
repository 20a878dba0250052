//! Aligning the Chinese and English segments of a bilingual document: from
//! the annotation's hand alignment when it gives one, else automatically
//! (see [`crate::pipeline::annotate::align`]). The automatic aligner always runs, so `build` can
//! report its confidence, its doubts, and where it disagrees with the hand.

use crate::error::{Error, Result};
use crate::pipeline::annotate::align::{self, Bead, Piece, cue_number};
use crate::pipeline::load::DocumentInput;
use crate::pipeline::load::schema::SegmentKind;
use crate::pipeline::segment::Segment;

/// The most Chinese × English segment pairs the automatic aligner weighs.
/// Its dynamic programme takes time and memory for every pair, about 1.6 µs
/// each: a million (1,000 segments a side) is under two seconds, where a
/// real statement has tens a side. Past it, segments are paired in order
/// and the report says so.
const MAX_ALIGNED_PAIRS: usize = 1_000_000;

/// How an alignment was made and how sure the aligner is of it.
#[derive(Debug, Clone)]
pub struct AlignmentReport {
    /// `annotation` or `automatic`.
    pub source: &'static str,
    /// The automatic aligner's confidence, 0 to 1.
    pub confidence: f64,
    /// Rows the automatic aligner doubts, described.
    pub doubts: Vec<String>,
    /// Rows where the automatic alignment differs from the annotation's.
    pub disagreements: Vec<String>,
}

/// The aligner's view of a segment.
pub fn piece(segment: &Segment) -> Piece {
    let text = segment.full_text();
    let parenthesised = (text.starts_with('(') && text.ends_with(')'))
        || (text.starts_with('（') && text.ends_with('）'));
    Piece {
        len: text.chars().filter(|c| !c.is_whitespace()).count() as f64,
        number: segment.number.as_deref().and_then(cue_number),
        structural: segment.kind == SegmentKind::Heading || parenthesised,
    }
}

/// Rows of segment indices, in reading order; empty for a monolingual document.
pub fn align_segments(
    segments: &[Segment],
    input: &DocumentInput,
) -> Result<(Vec<Bead>, Option<AlignmentReport>)> {
    let zh: Vec<usize> = (0..segments.len())
        .filter(|&i| segments[i].lang.is_chinese())
        .collect();
    let en: Vec<usize> = (0..segments.len())
        .filter(|&i| !segments[i].lang.is_chinese())
        .collect();
    if zh.is_empty() || en.is_empty() {
        if !input.annotation.alignment.is_empty() {
            return Err(Error::input(
                input.locate("alignment:"),
                "an alignment needs Chinese and English segments",
            ));
        }
        return Ok((Vec::new(), None));
    }
    let pieces = |idx: &[usize]| idx.iter().map(|&i| piece(&segments[i])).collect::<Vec<_>>();
    let too_many = zh.len().saturating_mul(en.len()) > MAX_ALIGNED_PAIRS;
    let automatic = if too_many {
        align::Alignment {
            beads: in_order(zh.len(), en.len()),
            posterior: Vec::new(),
            confidence: 0.0,
            doubts: Vec::new(),
            ratio: 1.0,
        }
    } else {
        align::align(&pieces(&zh), &pieces(&en))
    };
    let to_segments = |b: &Bead| Bead {
        zh: b.zh.iter().map(|&i| zh[i]).collect(),
        en: b.en.iter().map(|&i| en[i]).collect(),
    };
    let auto_rows: Vec<Bead> = automatic.beads.iter().map(to_segments).collect();
    let describe = |b: &Bead| describe_row(segments, b);
    let mut doubts: Vec<String> = automatic
        .doubts
        .iter()
        .map(|&i| {
            format!(
                "{} (probability {:.2})",
                describe(&auto_rows[i]),
                automatic.posterior[i]
            )
        })
        .collect();
    if too_many {
        doubts.push(format!(
            "every row: {} Chinese and {} English segments are more than the automatic \
             aligner weighs ({MAX_ALIGNED_PAIRS} pairs), so they are paired in order; \
             give the alignment in the annotation",
            zh.len(),
            en.len()
        ));
    }

    if input.annotation.alignment.is_empty() {
        let report = AlignmentReport {
            source: "automatic",
            confidence: automatic.confidence,
            doubts,
            disagreements: Vec::new(),
        };
        return Ok((auto_rows, Some(report)));
    }
    let hand = hand_rows(segments, input, &zh, &en)?;
    let disagreements = hand
        .iter()
        .filter(|r| !auto_rows.contains(r))
        .map(|r| format!("the annotation has {}", describe(r)))
        .collect();
    let report = AlignmentReport {
        source: "annotation",
        confidence: automatic.confidence,
        doubts,
        disagreements,
    };
    Ok((hand, Some(report)))
}

/// Segment `k` of one language beside segment `k` of the other, and the
/// longer side's rest alone.
fn in_order(zh: usize, en: usize) -> Vec<Bead> {
    (0..zh.max(en))
        .map(|k| Bead {
            zh: (k < zh).then_some(k).into_iter().collect(),
            en: (k < en).then_some(k).into_iter().collect(),
        })
        .collect()
}

/// `zh-3 + zh-4 ↔ en-5`, `zh-10 ↔ (nothing)`.
pub(crate) fn describe_row(segments: &[Segment], row: &Bead) -> String {
    let names = |idx: &[usize]| {
        if idx.is_empty() {
            "(nothing)".to_owned()
        } else {
            idx.iter()
                .map(|&i| segments[i].anchor.as_str())
                .collect::<Vec<_>>()
                .join(" + ")
        }
    };
    format!("{} ↔ {}", names(&row.zh), names(&row.en))
}

/// Rows from the annotation's `[zh, en]` pairs, with every other segment in
/// a row of its own, in reading order of both languages.
fn hand_rows(
    segments: &[Segment],
    input: &DocumentInput,
    zh: &[usize],
    en: &[usize],
) -> Result<Vec<Bead>> {
    let find = |anchor: &str| segments.iter().position(|s| s.anchor == anchor);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for [a, b] in input.annotation.alignment.iter().map(|p| p.anchors()) {
        let (Some(x), Some(y)) = (find(a), find(b)) else {
            let missing = if find(a).is_none() { a } else { b };
            let anchors: Vec<&str> = segments.iter().map(|s| s.anchor.as_str()).collect();
            return Err(Error::input(
                input.locate(missing),
                crate::pipeline::load::ids::unknown_id("segment", missing, &anchors),
            ));
        };
        if !segments[x].lang.is_chinese() || segments[y].lang.is_chinese() {
            return Err(Error::input(
                input.locate(a),
                format!(
                    "alignment pair [{a}, {b}]: expected a Chinese segment, then an English one"
                ),
            ));
        }
        if pairs.iter().any(|&(p, q)| p == x || q == y) {
            return Err(Error::input(
                input.locate(a),
                format!("alignment pair [{a}, {b}] reuses a segment"),
            ));
        }
        pairs.push((x, y));
    }
    let partner_of_zh = |z: usize| pairs.iter().find(|p| p.0 == z).map(|p| p.1);
    let paired_en = |e: usize| pairs.iter().any(|p| p.1 == e);
    let (mut i, mut j) = (0, 0);
    let mut rows = Vec::new();
    while i < zh.len() || j < en.len() {
        if j < en.len() && !paired_en(en[j]) {
            rows.push(Bead {
                zh: vec![],
                en: vec![en[j]],
            });
            j += 1;
        } else if i < zh.len() && partner_of_zh(zh[i]).is_none() {
            rows.push(Bead {
                zh: vec![zh[i]],
                en: vec![],
            });
            i += 1;
        } else if i < zh.len() && j < en.len() && partner_of_zh(zh[i]) == Some(en[j]) {
            rows.push(Bead {
                zh: vec![zh[i]],
                en: vec![en[j]],
            });
            i += 1;
            j += 1;
        } else {
            let anchor = zh
                .get(i)
                .map_or("alignment:", |&z| segments[z].anchor.as_str());
            return Err(Error::input(
                input.locate(anchor),
                "alignment pairs cross: expected both languages in the same order",
            ));
        }
    }
    Ok(rows)
}
