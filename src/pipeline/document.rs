//! A processed document: what the stages before the site model add up to.
//! It holds only their results; [`crate::pipeline::process`] makes it.

use std::collections::BTreeMap;

use crate::pipeline::annotate::PlacedNote;
use crate::pipeline::annotate::align::Bead;
use crate::pipeline::annotate::bilingual::AlignmentReport;
use crate::pipeline::clean::{Cleaned, Warning};
use crate::pipeline::load::schema::{DateSpan, Known, LanguageTag, PartialDate, Related};
use crate::pipeline::segment::Segment;

/// A document's metadata as the site shows it: the editor's facts, with
/// those an `extract` rule took from the text filled in.
#[derive(Debug, Clone)]
pub struct Metadata {
    pub title: String,
    pub original_title: Known<String>,
    pub event_date: Known<DateSpan>,
    pub published: Known<PartialDate>,
    pub place: Known<String>,
    pub parties: Vec<String>,
    pub document_type: String,
    pub publisher: Known<String>,
    pub source_url: Known<String>,
    pub languages: Vec<LanguageTag>,
    /// The editor recorded that the scrape is cut off.
    pub truncated: bool,
    /// Where each fact comes from, by field name.
    pub sources: BTreeMap<String, String>,
}

impl Metadata {
    /// The date the site sorts documents by: the event, else publication.
    pub(crate) fn sort_date(&self) -> Option<PartialDate> {
        self.event_date
            .value()
            .map(|d| d.start)
            .or_else(|| self.published.value().copied())
    }
}

/// A document after every stage before the model: cleaned, segmented,
/// tagged, linked to entities, aligned and annotated with notes.
#[derive(Debug, Clone)]
pub struct Document {
    pub slug: String,
    pub seed: String,
    pub description: String,
    pub metadata: Metadata,
    pub related: Vec<Related>,
    pub cleaned: Cleaned,
    pub segments: Vec<Segment>,
    pub warnings: Vec<Warning>,
    /// Rows of segment indices that translate each other, in reading order,
    /// every segment in one row; empty for a monolingual document.
    pub alignment: Vec<Bead>,
    pub alignment_report: Option<AlignmentReport>,
    pub notes: Vec<PlacedNote>,
    /// Index of the mechanism entity the document belongs to.
    pub mechanism: Option<usize>,
    /// Indices of the people who took part, when the annotation records them.
    pub participants: Option<Vec<usize>>,
}
