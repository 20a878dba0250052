//! Segmentation: the clean text as headings, numbered items and paragraphs,
//! each with its language and a stable anchor.
//!
//! Every non-blank line of the clean text is one segment (the seeds put one
//! paragraph on a line). Anchors are `<lang>-<n>`: `en-3` is the third English
//! segment of the document, `zh-3` the third Chinese one. Seeds never change,
//! so anchors change only when a cleaning rule changes what is kept; counting
//! each language apart keeps a fix in one language from moving the other's.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::chinese::is_mostly_chinese;
use crate::pipeline::clean::Cleaned;
use crate::pipeline::load::schema::{LanguageTag, SegmentKind, SegmentOverride};

/// A paragraph, heading or list item of the clean text, with its anchor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub kind: SegmentKind,
    /// The numbering cue at the start, as written: `1)`, `2.`, `三、`, `VI.`.
    pub number: Option<String>,
    /// The text after the numbering cue, whitespace collapsed.
    pub text: String,
    pub lang: LanguageTag,
    pub anchor: String,
    /// 1-based line in the raw seed.
    pub raw_line: usize,
    /// Indices of the topics the segment is tagged with (set by `annotate`).
    #[serde(skip)]
    pub topics: Vec<usize>,
    /// Where in [`Segment::full_text`] the tagger found each topic's first
    /// keyword: (topic, byte range). A topic given by an override or by the
    /// aligned counterpart has none.
    #[serde(skip)]
    pub topic_hits: Vec<(usize, std::ops::Range<usize>)>,
    /// Entity mentions in `text` (set by `annotate`).
    #[serde(skip)]
    pub mentions: Vec<crate::pipeline::annotate::mentions::Mention>,
    /// Every name of the entities mentioned, in both languages (set by
    /// `annotate`): the search index finds the paragraph by them, so that
    /// 郭声琨 finds the English paragraphs that name Guo Shengkun.
    #[serde(skip)]
    pub mention_names: String,
}

impl Segment {
    /// The segment as it reads, numbering included.
    pub fn full_text(&self) -> String {
        match &self.number {
            Some(n) if self.number_is_spaced() => format!("{n} {}", self.text),
            Some(n) => format!("{n}{}", self.text),
            None => self.text.clone(),
        }
    }

    /// Chinese numbering (`一、`) runs straight into the text; other cues take a space.
    pub(crate) fn number_is_spaced(&self) -> bool {
        self.number.as_deref().is_some_and(|n| !n.ends_with('、'))
    }
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2}[.)]|\(\d{1,2}\)|[一二三四五六七八九十]{1,3}、|[IVX]{1,5}\.)\s*")
        .expect("static pattern")
});

/// The length of the numbering cue `text` opens with (`1.`, `VI.`, `三、`).
pub(crate) fn numbering_cue(text: &str) -> Option<usize> {
    NUMBER.find(text).map(|m| m.end())
}

/// An override that matched no segment, or more than one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideError {
    pub starts_with: String,
    pub message: String,
}

/// Makes every non-blank line of a clean text a segment, with its kind,
/// language and anchor; `overrides` correct the kinds it guesses.
pub fn segment(
    cleaned: &Cleaned,
    languages: &[LanguageTag],
    overrides: &[SegmentOverride],
) -> Result<Vec<Segment>, OverrideError> {
    let mut segments = Vec::new();
    let mut counters: std::collections::BTreeMap<&'static str, usize> = Default::default();
    let raw_lines = cleaned.raw_lines();
    let mut offset = 0;
    for line in cleaned.text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let collapsed = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            continue;
        }
        let chinese = is_mostly_chinese(&collapsed);
        let (number, text) = match NUMBER
            .captures(&collapsed)
            .and_then(|c| c.get(0).zip(c.get(1)))
        {
            Some((all, cue)) if all.end() < collapsed.len() => (
                Some(cue.as_str().to_owned()),
                collapsed[all.end()..].to_owned(),
            ),
            _ => (None, collapsed.clone()),
        };
        let kind = if looks_like_heading(&text, chinese) {
            SegmentKind::Heading
        } else if number.is_some() {
            SegmentKind::Item
        } else {
            SegmentKind::Paragraph
        };
        let prefix = if chinese { "zh" } else { "en" };
        let n = counters.entry(prefix).or_default();
        *n += 1;
        segments.push(Segment {
            kind,
            number,
            text,
            lang: language_of(chinese, languages),
            anchor: format!("{prefix}-{n}"),
            raw_line: raw_lines.line(start + (line.len() - line.trim_start().len())),
            topics: Vec::new(),
            topic_hits: Vec::new(),
            mentions: Vec::new(),
            mention_names: String::new(),
        });
    }
    for o in overrides {
        let hits: Vec<usize> = (0..segments.len())
            .filter(|&i| segments[i].full_text().starts_with(&o.starts_with))
            .collect();
        match hits.as_slice() {
            [i] => segments[*i].kind = o.kind,
            [] => {
                return Err(OverrideError {
                    starts_with: o.starts_with.clone(),
                    message: "matches no segment".into(),
                });
            }
            _ => {
                return Err(OverrideError {
                    starts_with: o.starts_with.clone(),
                    message: format!("matches {} segments, expected one", hits.len()),
                });
            }
        }
    }
    Ok(segments)
}

fn language_of(chinese: bool, languages: &[LanguageTag]) -> LanguageTag {
    let declared = languages.iter().find(|l| l.is_chinese() == chinese);
    declared
        .cloned()
        .unwrap_or_else(|| LanguageTag(if chinese { "zh" } else { "en" }.into()))
}

/// A short line with no closing punctuation: a title or section heading.
fn looks_like_heading(text: &str, chinese: bool) -> bool {
    let t = text.trim();
    if t.starts_with(['(', '（']) {
        return false;
    }
    if chinese {
        t.chars().count() <= 30 && !t.ends_with(['。', '：', '；', '，', '、', ':', '.'])
    } else {
        let words = t.split_whitespace().count();
        words <= 14
            && !t.ends_with(['.', ':', ';', ',', '?', '!', '"', '”'])
            && t.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    }
}

/// The segmentation stage for one document, with its annotation's segment
/// overrides; errors point into the annotation.
pub fn segment_document(
    input: &crate::pipeline::load::DocumentInput,
    cleaned: &Cleaned,
) -> crate::error::Result<Vec<Segment>> {
    let a = &input.annotation;
    segment(cleaned, &a.metadata.languages, &a.segments).map_err(|e| {
        crate::error::Error::input(
            input.locate(&e.starts_with),
            format!("segment override `{}` {}", e.starts_with, e.message),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::clean::Draft;

    fn segs(raw: &str) -> Vec<Segment> {
        let langs = vec![LanguageTag("zh-Hant".into()), LanguageTag("en".into())];
        segment(&Draft::new(raw).finish(), &langs, &[]).unwrap()
    }

    #[test]
    fn headings_items_and_paragraphs_are_told_apart() {
        let s = segs(
            "Counterterrorism Cooperation\n1) Repatriation. Both sides agreed.\n    The following topics were discussed:\nFOCUS ON COOPERATION\n",
        );
        let kinds: Vec<_> = s.iter().map(|s| s.kind).collect();
        use SegmentKind::*;
        assert_eq!(kinds, vec![Heading, Item, Paragraph, Heading]);
        assert_eq!(s[1].number.as_deref(), Some("1)"));
        assert_eq!(s[1].text, "Repatriation. Both sides agreed.");
        assert_eq!(s[2].raw_line, 3);
    }

    #[test]
    fn chinese_and_english_numbering_cues_are_recognised() {
        let s = segs(
            "一、保持高層及工作層溝通交流。用好各類執法交流合作機制平臺。\n1. Maintaining communications and exchanges at the senior and working levels. The parties will.\n1. Disaster Relief\n",
        );
        assert_eq!(s[0].number.as_deref(), Some("一、"));
        assert_eq!(s[0].kind, SegmentKind::Item);
        assert_eq!(s[0].lang.0, "zh-Hant");
        assert_eq!(s[1].number.as_deref(), Some("1."));
        assert_eq!(s[1].kind, SegmentKind::Item);
        assert_eq!(s[2].kind, SegmentKind::Heading);
    }

    #[test]
    fn anchors_count_each_language_apart() {
        let s = segs("雙方同意。\n第二段。\nThe parties agreed.\n");
        let anchors: Vec<_> = s.iter().map(|s| s.anchor.as_str()).collect();
        assert_eq!(anchors, vec!["zh-1", "zh-2", "en-1"]);
    }

    #[test]
    fn an_override_must_match_exactly_one_segment() {
        let cleaned = Draft::new("Alpha beta\nAlpha gamma\n").finish();
        let o: Vec<SegmentOverride> =
            crate::pipeline::load::yaml::from_str("[{starts_with: Alpha, kind: paragraph}]")
                .unwrap();
        assert!(segment(&cleaned, &[], &o).is_err());
        let o: Vec<SegmentOverride> =
            crate::pipeline::load::yaml::from_str("[{starts_with: Alpha g, kind: paragraph}]")
                .unwrap();
        assert_eq!(
            segment(&cleaned, &[], &o).unwrap()[1].kind,
            SegmentKind::Paragraph
        );
    }
}
