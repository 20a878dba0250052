//! The side-by-side view of a bilingual document: one row per alignment row,
//! Chinese on the left and English on the right, an explicit empty cell
//! where a segment has no counterpart.

use serde::Serialize;

use super::strings::fill;
use super::{Site, paths};
use crate::pipeline::load::schema::SegmentKind;

/// The side-by-side page of a bilingual document: aligned rows, Chinese left, English right.
#[derive(Debug, Serialize)]
pub struct BilingualView {
    pub title: String,
    pub document_href: String,
    pub zh_lang: String,
    pub rows: Vec<BilingualRow>,
    /// `annotation` or `automatic`.
    pub alignment_source: &'static str,
    pub confidence: String,
}

/// One alignment row: the Chinese and English segments that say the same thing.
#[derive(Debug, Serialize)]
pub struct BilingualRow {
    /// `r-` and the row's first anchor: stable while the alignment is.
    pub id: String,
    pub zh: Vec<BilingualSegment>,
    pub en: Vec<BilingualSegment>,
    /// Why a side is empty, when it is.
    pub zh_missing: Option<String>,
    pub en_missing: Option<String>,
}

/// A segment in a bilingual row, with its anchor on the document page.
#[derive(Debug, Serialize)]
pub struct BilingualSegment {
    pub anchor: String,
    pub href: String,
    pub heading: bool,
    pub number: Option<String>,
    pub spaced: bool,
    /// The text as HTML.
    pub html: String,
}

pub(super) fn bilingual_view(site: &Site<'_>, d: usize) -> BilingualView {
    let doc = &site.documents[d];
    let root: &str = &paths::root_of(&paths::bilingual(&doc.slug));
    let chinese = site.chinese_tag(d);
    let segment = |i: usize| {
        let s = &doc.segments[i];
        BilingualSegment {
            anchor: s.anchor.clone(),
            href: format!("{root}{}#{}", paths::document(&doc.slug), s.anchor),
            heading: s.kind == SegmentKind::Heading,
            number: s.number.clone(),
            spaced: s.number_is_spaced(),
            html: site.segment_html(d, i, root),
        }
    };
    let words = &site.strings.bilingual;
    let missing = |present: &[usize], language: &str| {
        let what = match present.first().map(|&i| doc.segments[i].kind) {
            Some(SegmentKind::Heading) => &words.heading,
            _ => &words.passage,
        };
        fill(
            &words.no_counterpart,
            &[("language", language), ("what", what)],
        )
    };
    let rows = doc
        .alignment
        .iter()
        .map(|row| {
            let first = row
                .zh
                .first()
                .or(row.en.first())
                .map_or("", |&i| doc.segments[i].anchor.as_str());
            BilingualRow {
                id: format!("r-{first}"),
                zh: row.zh.iter().map(|&i| segment(i)).collect(),
                en: row.en.iter().map(|&i| segment(i)).collect(),
                zh_missing: row.zh.is_empty().then(|| missing(&row.en, &words.chinese)),
                en_missing: row.en.is_empty().then(|| missing(&row.zh, &words.english)),
            }
        })
        .collect();
    let report = doc.alignment_report.as_ref();
    BilingualView {
        title: doc.metadata.title.clone(),
        document_href: paths::DOCUMENT_FROM_SUBPAGE.into(),
        zh_lang: chinese,
        rows,
        alignment_source: report.map_or("annotation", |r| r.source),
        confidence: report.map_or_else(String::new, |r| format!("{:.0}%", r.confidence * 100.0)),
    }
}
