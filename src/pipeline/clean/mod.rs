//! Cleaning: from the raw seed to the article text, with provenance.
//!
//! Rules never rewrite the text in place. Each proposes edits to spans of the
//! *raw* seed; an edit may not overlap one made before it (the earlier rule
//! wins, later rules see that text as already gone). Applying the edits gives
//! the clean text, and the edits themselves are the provenance: every removed
//! or changed span with the rule that did it.

pub(crate) mod control;
pub mod dates;
mod filters;
pub mod lint;
mod rules;

use std::collections::BTreeMap;
use std::ops::Range;

use crate::pipeline::load::DocumentInput;
use crate::pipeline::load::schema::{Filters, LanguageTag, Rule};

pub use lint::{Kind, LintOptions, Warning, lint};

/// One removed or changed span of the raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    /// Empty for a removal.
    pub replacement: String,
    /// Which rule did it: `cleaning[2] replace` or `filter pinyin`.
    pub rule: String,
    pub why: Option<String>,
}

impl Edit {
    pub(crate) fn is_removal(&self) -> bool {
        self.replacement.is_empty()
    }

    /// Whether this edit removes all of `range` of the raw text.
    pub fn is_removal_of(&self, range: Range<usize>) -> bool {
        self.is_removal() && self.range.start <= range.start && range.end <= self.range.end
    }
}

/// A line of the raw text: its span without the line break, and the span
/// including it (what removing the whole line removes).
#[derive(Debug, Clone)]
pub struct Line<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
    pub with_break: Range<usize>,
}

/// Edits proposed so far against one raw text.
pub(crate) struct Draft<'a> {
    raw: &'a str,
    edits: Vec<Edit>,
    extracted: BTreeMap<String, String>,
}

impl<'a> Draft<'a> {
    pub fn new(raw: &'a str) -> Self {
        Draft {
            raw,
            edits: Vec::new(),
            extracted: BTreeMap::new(),
        }
    }

    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// Whether no earlier edit touches `range`.
    pub(crate) fn is_free(&self, range: &Range<usize>) -> bool {
        self.edits.iter().all(|e| {
            let overlaps = e.range.start < range.end && range.start < e.range.end;
            // Two zero-width edits at one point would be ambiguous too.
            let same_point = e.range.is_empty() && range.is_empty() && e.range.start == range.start;
            !overlaps && !same_point
        })
    }

    /// The parts of `range` that no earlier edit claimed, in order.
    pub(crate) fn free_gaps(&self, range: Range<usize>) -> Vec<Range<usize>> {
        let mut claimed: Vec<&Range<usize>> = self
            .edits
            .iter()
            .map(|e| &e.range)
            .filter(|r| r.start < range.end && range.start < r.end)
            .collect();
        claimed.sort_by_key(|r| r.start);
        let mut gaps = Vec::new();
        let mut at = range.start;
        for r in claimed {
            if at < r.start {
                gaps.push(at..r.start);
            }
            at = at.max(r.end);
        }
        if at < range.end {
            gaps.push(at..range.end);
        }
        gaps
    }

    /// Records an edit unless an earlier one already claimed that text.
    pub(crate) fn propose(
        &mut self,
        range: Range<usize>,
        replacement: &str,
        rule: &str,
        why: Option<&str>,
    ) -> bool {
        if range.is_empty() && replacement.is_empty() || !self.is_free(&range) {
            return false;
        }
        self.edits.push(Edit {
            range,
            replacement: replacement.to_owned(),
            rule: rule.to_owned(),
            why: why.map(str::to_owned),
        });
        true
    }

    /// Lines of the raw text that no edit has removed entirely.
    pub(crate) fn live_lines(&self) -> Vec<Line<'a>> {
        let mut lines = Vec::new();
        let mut start = 0;
        for piece in self.raw.split_inclusive('\n') {
            let end = start + piece.len();
            let text = piece.trim_end_matches(['\n', '\r']);
            let line = Line {
                text,
                range: start..start + text.len(),
                with_break: start..end,
            };
            if !self.covered(&line.range) {
                lines.push(line);
            }
            start = end;
        }
        lines
    }

    fn covered(&self, range: &Range<usize>) -> bool {
        !range.is_empty()
            && self
                .edits
                .iter()
                .any(|e| e.is_removal() && e.range.start <= range.start && range.end <= e.range.end)
    }

    /// Records each of `proposals` (range, replacement, why) that no
    /// earlier edit claimed, for `rule`. The proposals are in text order
    /// and do not overlap; checked against the earlier edits sorted once,
    /// so a text with a hundred thousand of them is not a quadratic pass.
    pub(crate) fn propose_all(&mut self, proposals: Vec<(Range<usize>, &str, String)>, rule: &str) {
        let mut claimed: Vec<Range<usize>> = self.edits.iter().map(|e| e.range.clone()).collect();
        claimed.sort_by_key(|r| (r.start, r.end));
        for (range, replacement, why) in proposals {
            // Earlier edits do not overlap each other, so the one that
            // starts last before `range` ends is the only one to check.
            let i = claimed.partition_point(|r| r.start < range.end);
            let taken = i > 0 && claimed[i - 1].end > range.start;
            if !taken {
                self.edits.push(Edit {
                    range,
                    replacement: replacement.to_owned(),
                    rule: rule.to_owned(),
                    why: Some(why),
                });
            }
        }
    }

    /// Occurrences of `needle` in text no edit has claimed.
    pub(crate) fn free_matches(&self, needle: &str) -> Vec<Range<usize>> {
        self.raw
            .match_indices(needle)
            .map(|(i, m)| i..i + m.len())
            .filter(|r| self.is_free(r))
            .collect()
    }

    pub(crate) fn set_extracted(&mut self, field: &str, value: &str) {
        self.extracted.insert(field.to_owned(), value.to_owned());
    }

    pub fn finish(mut self) -> Cleaned {
        self.edits.sort_by_key(|e| (e.range.start, e.range.end));
        let mut text = String::with_capacity(self.raw.len());
        let mut pieces = Vec::new();
        let mut at = 0;
        for edit in &self.edits {
            if at < edit.range.start {
                pieces.push(Kept {
                    clean_start: text.len(),
                    raw: at..edit.range.start,
                });
                text.push_str(&self.raw[at..edit.range.start]);
            }
            text.push_str(&edit.replacement);
            at = edit.range.end;
        }
        if at < self.raw.len() {
            pieces.push(Kept {
                clean_start: text.len(),
                raw: at..self.raw.len(),
            });
            text.push_str(&self.raw[at..]);
        }
        Cleaned {
            raw: self.raw.to_owned(),
            text,
            edits: self.edits,
            extracted: self.extracted,
            kept: pieces,
        }
    }
}

/// A stretch of raw text that came through cleaning unchanged.
#[derive(Debug, Clone)]
struct Kept {
    clean_start: usize,
    raw: Range<usize>,
}

/// The result of cleaning one seed.
#[derive(Debug, Clone)]
pub struct Cleaned {
    pub raw: String,
    pub text: String,
    /// Sorted by position in the raw text.
    pub edits: Vec<Edit>,
    /// Metadata taken from the text by `extract` rules, by field name.
    pub extracted: BTreeMap<String, String>,
    kept: Vec<Kept>,
}

impl Cleaned {
    /// The raw offset a clean offset came from (the start of the edit, for
    /// text an edit put there).
    pub(crate) fn raw_offset(&self, clean: usize) -> usize {
        let i = self.kept.partition_point(|k| k.clean_start <= clean);
        let (mut clean_at, raw_at) = match i.checked_sub(1).map(|i| &self.kept[i]) {
            Some(k) if clean - k.clean_start < k.raw.len() => {
                return k.raw.start + (clean - k.clean_start);
            }
            Some(k) => (k.clean_start + k.raw.len(), k.raw.end),
            None => (0, 0),
        };
        // Inside replacement text after `k`: point at the edit that made it,
        // not at a removal before it (a dropped line above a replaced word).
        let after = &self.edits[self.edits.partition_point(|e| e.range.start < raw_at)..];
        for e in after {
            clean_at += e.replacement.len();
            if clean < clean_at {
                return e.range.start;
            }
        }
        // The end of the text.
        after.first().map_or(raw_at, |e| e.range.start)
    }

    /// The raw lines of clean offsets: the seed's line breaks are found
    /// once, not counted again from the top for each offset.
    pub(crate) fn raw_lines(&self) -> RawLines<'_> {
        RawLines {
            cleaned: self,
            breaks: line_breaks(&self.raw),
        }
    }
}

/// See [`Cleaned::raw_lines`].
pub(crate) struct RawLines<'a> {
    cleaned: &'a Cleaned,
    /// Offsets of the raw text's `\n`s.
    breaks: Vec<usize>,
}

impl RawLines<'_> {
    /// 1-based line in the raw seed of a clean offset.
    pub fn line(&self, clean: usize) -> usize {
        self.raw_line(self.cleaned.raw_offset(clean))
    }

    /// 1-based line in the raw seed of a raw offset.
    pub fn raw_line(&self, raw: usize) -> usize {
        self.breaks.partition_point(|&b| b < raw) + 1
    }
}

fn line_breaks(text: &str) -> Vec<usize> {
    text.bytes()
        .enumerate()
        .filter_map(|(i, b)| (b == b'\n').then_some(i))
        .collect()
}

/// A rule that could not be applied as written, with the text of the rule
/// to point at in the annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub index: usize,
    /// A string from the rule, to find its line in the annotation file.
    pub anchor: String,
    pub message: String,
}

/// Applies the declarative rules in order, then the enabled generic filters.
pub fn clean(
    raw: &str,
    rules: &[Rule],
    filters: Filters,
    languages_include_chinese: bool,
) -> Result<Cleaned, RuleError> {
    let mut draft = Draft::new(raw);
    // A byte-order mark is no text; removed like any edit, so it shows in
    // the provenance rather than vanishing.
    if raw.starts_with('\u{feff}') {
        draft.propose(
            0..'\u{feff}'.len_utf8(),
            "",
            "filter bom",
            Some("a UTF-8 byte-order mark at the start of the file"),
        );
    }
    for (index, rule) in rules.iter().enumerate() {
        rules::apply(&mut draft, index, rule)?;
    }
    filters::apply(&mut draft, filters, languages_include_chinese);
    control::apply(&mut draft);
    Ok(draft.finish())
}

/// Whether a document declares Chinese among its languages, which turns
/// on the cleaning filters and lints for Chinese text.
pub(crate) fn declares_chinese(input: &DocumentInput) -> bool {
    input
        .annotation
        .metadata
        .languages
        .iter()
        .any(LanguageTag::is_chinese)
}

/// The cleaning stage for one document: its annotation's rules, then its
/// filters, on the raw seed; errors point into the annotation.
pub fn clean_document(input: &DocumentInput) -> crate::error::Result<Cleaned> {
    let a = &input.annotation;
    clean(&input.raw, &a.cleaning, a.filters, declares_chinese(input))
        .map_err(|e| crate::error::Error::input(input.locate(&e.anchor), e.message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_raw_order_and_map_back() {
        let mut d = Draft::new("aaa\nNOISE\nbbb XX ccc\n");
        assert!(d.propose(4..10, "", "test", None));
        assert!(d.propose(14..16, "yy", "test", None));
        let c = d.finish();
        assert_eq!(c.text, "aaa\nbbb yy ccc\n");
        let b = c.text.find("ccc").unwrap();
        assert_eq!(&c.raw[c.raw_offset(b)..c.raw_offset(b) + 3], "ccc");
        assert_eq!(c.raw_lines().line(b), 3);
    }

    #[test]
    fn later_edits_cannot_overlap_earlier_ones() {
        let mut d = Draft::new("0123456789");
        assert!(d.propose(2..6, "", "first", None));
        assert!(!d.propose(5..8, "", "second", None));
        assert!(d.propose(6..8, "", "second", None));
    }

    #[test]
    fn a_byte_order_mark_is_removed_with_a_record() {
        let c = clean("\u{feff}Text.\n", &[], Filters::default(), false).unwrap();
        assert_eq!(c.text, "Text.\n");
        assert_eq!(c.edits[0].rule, "filter bom");
    }

    #[test]
    fn removed_lines_are_not_live() {
        let mut d = Draft::new("one\ntwo\nthree");
        d.propose(4..8, "", "t", None);
        let lines: Vec<&str> = d.live_lines().iter().map(|l| l.text).collect();
        assert_eq!(lines, vec!["one", "three"]);
    }
}
