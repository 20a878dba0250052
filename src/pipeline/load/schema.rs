//! The schema of a document annotation (`content/documents/<slug>.yaml`).
//!
//! Every struct denies unknown fields, so a typo is an error that lists the
//! fields that were expected. The format is documented for editors in
//! `content/pages/annotation-format.md`; keep the two in step.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, LazyLock, Mutex};

use regex::Regex;
use serde::{Deserialize, Deserializer, Serialize};

/// One document: which seed it is, what is known about it, and how to clean it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// File name of the raw text under `seeds/`.
    pub seed: String,
    /// The title shown on the site. When the source has no title of its own,
    /// the editor writes a descriptive one and leaves `original_title: unknown`.
    pub title: String,
    /// The title as the source gives it, if it gives one.
    #[serde(default)]
    pub original_title: Option<Known<String>>,
    /// One or two sentences for the home page.
    pub description: String,
    pub metadata: MetadataFields,
    /// Where each metadata fact comes from, by field name (e.g. `published: "DHS fact sheet date line"`).
    #[serde(default, deserialize_with = "super::yaml::or_empty")]
    pub sources: BTreeMap<String, String>,
    #[serde(default, deserialize_with = "super::yaml::or_empty")]
    pub related: Vec<Related>,
    /// Declarative cleaning rules, applied in order before the generic filters.
    #[serde(default, deserialize_with = "super::yaml::or_empty")]
    pub cleaning: Vec<Rule>,
    /// Generic filters, all on unless switched off here.
    #[serde(default, deserialize_with = "super::yaml::or_empty")]
    pub filters: Filters,
    /// Corrections to the automatic segmentation.
    #[serde(default, deserialize_with = "super::yaml::or_empty")]
    pub segments: Vec<SegmentOverride>,
    /// Topic tags added to or removed from single segments.
    #[serde(default, deserialize_with = "super::yaml::or_empty")]
    pub tags: Vec<TagOverride>,
    /// Editorial notes shown beside the segments they are about.
    #[serde(default, deserialize_with = "super::yaml::or_empty")]
    pub notes: Vec<Note>,
    /// Pairs of segments that translate each other, `[zh-anchor, en-anchor]`.
    #[serde(default, deserialize_with = "super::yaml::or_empty")]
    pub alignment: Vec<[String; 2]>,
}

/// Adds or removes topic tags of one segment (and of its aligned counterpart).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagOverride {
    pub segment: String,
    #[serde(default, deserialize_with = "super::yaml::or_empty")]
    pub add: Vec<String>,
    #[serde(default, deserialize_with = "super::yaml::or_empty")]
    pub remove: Vec<String>,
}

/// An editorial note on segments of this document, with links to related
/// segments anywhere in the corpus (`<slug>#<anchor>`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub on: Vec<String>,
    pub text: String,
    #[serde(default, deserialize_with = "super::yaml::or_empty")]
    pub see: Vec<String>,
}

/// Metadata as written by the editor. A field may be left out only when an
/// `extract` rule takes it from the text; otherwise write `unknown`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetadataFields {
    #[serde(default)]
    pub event_date: Option<Known<DateSpan>>,
    #[serde(default)]
    pub published: Option<Known<PartialDate>>,
    #[serde(default)]
    pub place: Option<Known<String>>,
    pub parties: Vec<String>,
    pub document_type: String,
    #[serde(default)]
    pub publisher: Option<Known<String>>,
    #[serde(default)]
    pub source_url: Option<Known<String>>,
    /// BCP 47 tags of the languages in the text, e.g. `en`, `zh-Hant`.
    pub languages: Vec<LanguageTag>,
    /// The entity id of the mechanism the document belongs to, if any.
    #[serde(default)]
    pub mechanism: Option<String>,
}

/// A relation to another document. Relations are symmetric: declaring one
/// side is enough, the other document's page shows it too.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Related {
    pub document: String,
    pub relation: String,
}

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
    #[serde(default)]
    pub why: Option<String>,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    Heading,
    Paragraph,
    Item,
}

/// A value that may be `unknown`. Unknown facts stay unknown on the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known<T> {
    Unknown,
    Value(T),
}

impl<T> Known<T> {
    pub fn value(&self) -> Option<&T> {
        match self {
            Known::Unknown => None,
            Known::Value(v) => Some(v),
        }
    }
}

impl<T: fmt::Display> fmt::Display for Known<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Known::Unknown => f.write_str("unknown"),
            Known::Value(v) => v.fmt(f),
        }
    }
}

impl<'de, T> Deserialize<'de> for Known<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text == "unknown" {
            return Ok(Known::Unknown);
        }
        text.parse()
            .map(Known::Value)
            .map_err(serde::de::Error::custom)
    }
}

/// A compiled regular expression, checked when the annotation is read.
#[derive(Debug, Clone)]
pub struct Pattern(pub Arc<Regex>);

/// Patterns already compiled, by source. Annotations of one publisher repeat
/// the same byline pattern, and compiling one with Unicode classes such as
/// `\d` costs far more than matching it. The `Regex` itself is shared, not
/// cloned: a clone gets a pool of its own, and each document's first match
/// would then build fresh search caches, which cost more than the match.
static COMPILED: LazyLock<Mutex<HashMap<String, Arc<Regex>>>> = LazyLock::new(Default::default);

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let cached = COMPILED.lock().ok().and_then(|c| c.get(&text).cloned());
        let regex = match cached {
            Some(regex) => regex,
            None => {
                let regex = Arc::new(Regex::new(&text).map_err(|e| {
                    serde::de::Error::custom(format!("expected a regular expression: {e}"))
                })?);
                if let Ok(mut compiled) = COMPILED.lock() {
                    compiled.insert(text, regex.clone());
                }
                regex
            }
        };
        Ok(Pattern(regex))
    }
}

/// A BCP 47 language tag from the small set the site knows how to present.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LanguageTag(pub String);

pub(crate) const LANGUAGE_TAGS: [&str; 4] = ["en", "zh", "zh-Hans", "zh-Hant"];

impl FromStr for LanguageTag {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if LANGUAGE_TAGS.contains(&s) {
            Ok(LanguageTag(s.to_owned()))
        } else {
            Err(format!(
                "expected a language tag, one of {}, found `{s}`",
                LANGUAGE_TAGS.join(", ")
            ))
        }
    }
}

impl<'de> Deserialize<'de> for LanguageTag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

impl LanguageTag {
    pub fn is_chinese(&self) -> bool {
        self.0.starts_with("zh")
    }
}

/// A calendar date known to the year, the month or the day: `2017`,
/// `2017-10`, `2017-10-04`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl FromStr for PartialDate {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let expected = || format!("expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found `{s}`");
        let parts: Vec<&str> = s.split('-').collect();
        let number = |p: &str, len: usize| {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse::<u16>().ok()
            } else {
                None
            }
        };
        let year = parts
            .first()
            .and_then(|p| number(p, 4))
            .ok_or_else(expected)?;
        let month = match parts.get(1) {
            None => None,
            Some(p) => Some(
                number(p, 2)
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(expected)? as u8,
            ),
        };
        let day = match (parts.get(2), month) {
            (None, _) => None,
            (Some(p), Some(m)) => {
                let max = days_in_month(year, m);
                Some(
                    number(p, 2)
                        .filter(|d| (1..=max as u16).contains(d))
                        .ok_or_else(expected)? as u8,
                )
            }
            (Some(_), None) => return Err(expected()),
        };
        if parts.len() > 3 {
            return Err(expected());
        }
        Ok(PartialDate { year, month, day })
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    // `month` is 1..=12 here; anything else would not be a month at all.
    time::Month::try_from(month).map_or(0, |m| time::util::days_in_month(m, i32::from(year)))
}

impl PartialDate {
    /// ISO 8601 form, as precise as the date is known.
    pub(crate) fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// The month's English name, when the month is known.
    pub(crate) fn month_name(&self) -> Option<&'static str> {
        self.month.map(|m| MONTHS[usize::from(m) - 1])
    }

    /// Human form: `4 October 2017`, `October 2017`, `2017`.
    pub(crate) fn human(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[usize::from(m) - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[usize::from(m) - 1], self.year),
            _ => self.year.to_string(),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// One date or an ISO 8601 interval `2023-04-25/2023-04-28`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    pub start: PartialDate,
    pub end: Option<PartialDate>,
}

impl FromStr for DateSpan {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.split_once('/') {
            None => Ok(DateSpan {
                start: s.parse()?,
                end: None,
            }),
            Some((a, b)) => {
                let (start, end): (PartialDate, PartialDate) = (a.parse()?, b.parse()?);
                if end < start {
                    return Err(format!("the interval `{s}` ends before it starts"));
                }
                Ok(DateSpan {
                    start,
                    end: Some(end),
                })
            }
        }
    }
}

impl DateSpan {
    pub(crate) fn iso(&self) -> String {
        match self.end {
            Some(end) => format!("{}/{}", self.start.iso(), end.iso()),
            None => self.start.iso(),
        }
    }

    /// `4 October 2017`, or `25–28 April 2023` for a span within one month.
    pub(crate) fn human(&self) -> String {
        match self.end {
            None => self.start.human(),
            Some(end) if end.year == self.start.year && end.month == self.start.month => {
                match (self.start.day, end.day, end.month) {
                    (Some(a), Some(b), Some(m)) => {
                        format!("{a}–{b} {} {}", MONTHS[usize::from(m) - 1], end.year)
                    }
                    _ => format!("{} – {}", self.start.human(), end.human()),
                }
            }
            Some(end) => format!("{} – {}", self.start.human(), end.human()),
        }
    }
}

impl fmt::Display for DateSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_have_their_gregorian_lengths() {
        let lengths: Vec<u8> = (1..=12).map(|m| days_in_month(2023, m)).collect();
        assert_eq!(lengths, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2100, 2), 28);
    }

    #[test]
    fn partial_dates_parse_at_every_precision() {
        assert_eq!("2017".parse::<PartialDate>().unwrap().human(), "2017");
        assert_eq!(
            "2017-10".parse::<PartialDate>().unwrap().human(),
            "October 2017"
        );
        assert_eq!(
            "2017-10-04".parse::<PartialDate>().unwrap().human(),
            "4 October 2017"
        );
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for bad in [
            "2017-13",
            "2017-02-29",
            "17-10-04",
            "2017-10-4",
            "2017-10-04-01",
            "October",
        ] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad}");
        }
        assert!("2016-02-29".parse::<PartialDate>().is_ok());
    }

    #[test]
    fn date_spans_within_a_month_read_naturally() {
        let span: DateSpan = "2023-04-25/2023-04-28".parse().unwrap();
        assert_eq!(span.human(), "25–28 April 2023");
        assert!("2023-04-28/2023-04-25".parse::<DateSpan>().is_err());
    }

    #[test]
    fn rules_are_maps_with_one_key() {
        let rules = parse_rules("- replace: {find: a, with: b}\n- drop_lines: {matching: '^x$'}\n")
            .unwrap();
        assert_eq!(rules[0].kind(), "replace");
        assert_eq!(rules[1].kind(), "drop_lines");
    }

    #[test]
    fn unknown_is_a_value_not_an_absence() {
        let k: Known<PartialDate> = crate::pipeline::load::yaml::from_str("unknown").unwrap();
        assert_eq!(k, Known::Unknown);
        assert!(crate::pipeline::load::yaml::from_str::<Known<PartialDate>>("2017-99").is_err());
    }
}
