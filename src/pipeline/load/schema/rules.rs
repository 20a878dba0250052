//! The cleaning rules an annotation declares, the generic filters it may
//! switch off, and corrections to the segmentation.

use serde::{Deserialize, Serialize};

use super::Pattern;

/// A cleaning rule. Each is a map with one key naming the kind of rule.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    KeepBetween(KeepBetween),
    DropLines(DropLines),
    DropBlock(DropBlock),
    Replace(Replace),
    Extract(Extract),
    RepairGbk(RepairGbk),
}

/// Parses a YAML list of rules on its own (the annotation reads them as its
/// `cleaning` field).
#[cfg(test)]
pub(crate) fn parse_rules(yaml: &str) -> Result<Vec<Rule>, serde_saphyr::Error> {
    crate::pipeline::load::yaml::from_str(yaml)
}

impl Rule {
    /// The rule's name as written in the annotation (`keep_between`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::KeepBetween(_) => "keep_between",
            Rule::DropLines(_) => "drop_lines",
            Rule::DropBlock(_) => "drop_block",
            Rule::Replace(_) => "replace",
            Rule::Extract(_) => "extract",
            Rule::RepairGbk(_) => "repair_gbk",
        }
    }

    /// The editor's reason for the rule, shown in the provenance.
    pub fn why(&self) -> Option<&str> {
        match self {
            Rule::KeepBetween(r) => r.why.as_deref(),
            Rule::DropLines(r) => r.why.as_deref(),
            Rule::DropBlock(r) => r.why.as_deref(),
            Rule::Replace(r) => r.why.as_deref(),
            Rule::Extract(r) => r.why.as_deref(),
            Rule::RepairGbk(r) => r.why.as_deref(),
        }
    }
}

/// Keeps the article: everything before the line holding `start` and after
/// the line holding `end` is removed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeepBetween {
    pub start: String,
    pub end: String,
    #[serde(default)]
    pub why: Option<String>,
}

/// Removes every whole line matching the pattern.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DropLines {
    pub matching: Pattern,
    #[serde(default)]
    pub why: Option<String>,
}

/// Removes the lines from the first one matching `from` through the first
/// later line matching `to` (or to the end of the text when `to` is absent).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DropBlock {
    pub from: Pattern,
    #[serde(default)]
    pub to: Option<Pattern>,
    #[serde(default)]
    pub why: Option<String>,
}

/// Replaces every occurrence of a literal token (e.g. a spam token injected in
/// place of a word) with its true text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replace {
    pub find: String,
    pub with: String,
    #[serde(default)]
    pub why: Option<String>,
}

/// Takes metadata out of a line (a byline, a title) and removes the line.
/// Named groups of the pattern name the metadata fields they fill:
/// `title`, `published`, `publisher`, `place`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extract {
    pub line: Pattern,
    /// Which matching line to take when several match: by default there
    /// must be exactly one; `first` takes the first (a headline printed
    /// twice) and leaves the others in the text.
    #[serde(default)]
    pub occurrence: Occurrence,
    /// How the `published` group writes its date, in the `time` crate's
    /// layout syntax (`[day]/[month]/[year]`), for a form that could be
    /// read two ways; ordinary forms (`April 12, 2015`, `2017年4月23日`)
    /// need none.
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub why: Option<String>,
}

/// Which of several matching lines an `extract` rule takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Occurrence {
    /// Exactly one line may match.
    #[default]
    Only,
    /// The first matching line.
    First,
}

/// Repairs text whose GBK decoding was shifted by one lost byte: the damaged
/// characters are encoded back to GBK, the lost byte is put back in front of
/// them, and the bytes are decoded again. `residue` is what the damage left
/// in front of the span (a replacement `?`, a broken reading) and is dropped.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepairGbk {
    pub damaged: String,
    #[serde(default)]
    pub residue: String,
    pub lost_byte: u8,
    /// The text the repair must produce; the build fails if it does not.
    pub expect: String,
    #[serde(default)]
    pub why: Option<String>,
}

/// The generic filters, each on unless switched off.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Filters {
    pub pinyin: bool,
    pub lost_nbsp: bool,
    pub boilerplate: bool,
    pub keyword_spam: bool,
    pub link_block: bool,
}

impl Default for Filters {
    fn default() -> Self {
        Filters {
            pinyin: true,
            lost_nbsp: true,
            boilerplate: true,
            keyword_spam: true,
            link_block: true,
        }
    }
}

/// Sets the kind of the segment whose text starts with `starts_with`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentOverride {
    pub starts_with: String,
    pub kind: SegmentKind,
}

/// What a segment is: a heading, a paragraph or a list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    Heading,
    Paragraph,
    Item,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_maps_with_one_key() {
        let rules = parse_rules("- replace: {find: a, with: b}\n- drop_lines: {matching: '^x$'}\n")
            .unwrap();
        assert_eq!(rules[0].kind(), "replace");
        assert_eq!(rules[1].kind(), "drop_lines");
    }
}
