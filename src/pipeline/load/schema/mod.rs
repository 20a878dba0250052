//! The schema of a document annotation (`content/documents/<slug>.yaml`).
//!
//! Every struct denies unknown fields, so a typo is an error that lists the
//! fields that were expected. The format is documented for editors in
//! `content/pages/annotation-format.md`; keep the two in step.

mod dates;
mod quotes;
mod rules;
mod values;

use std::collections::BTreeMap;

use serde::Deserialize;

pub use dates::{DateSpan, PartialDate};
pub use quotes::{AlignmentPair, QuotedPair, Quotes};
pub use rules::*;
pub use values::{Known, LanguageTag, Pattern};

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
    pub alignment: Vec<AlignmentPair>,
}

/// Adds or removes topic tags of one segment (and of its aligned counterpart).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagOverride {
    pub segment: String,
    /// The opening words of the segment, checked on every build.
    #[serde(default)]
    pub quote: Option<String>,
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
    /// The opening words of the segments it is on, checked on every build.
    #[serde(default)]
    pub quote: Option<Quotes>,
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
    /// The people who took part in the event (entity ids), as opposed to
    /// people the text merely names; absent when not recorded.
    #[serde(default)]
    pub participants: Option<Vec<String>>,
    /// The scrape is cut off: the text ends before the document did.
    #[serde(default)]
    pub truncated: bool,
}

/// A relation to another document. Relations are symmetric: declaring one
/// side is enough, the other document's page shows it too.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Related {
    pub document: String,
    pub relation: String,
}
