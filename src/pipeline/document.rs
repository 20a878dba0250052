//! One document through the pipeline: clean, lint, segment, and resolve its
//! metadata from the annotation and what `extract` rules took from the text.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::pipeline::annotate::PlacedNote;
use crate::pipeline::clean::{self, Cleaned, Warning};
use crate::pipeline::load::DocumentInput;
use crate::pipeline::load::schema::{DateSpan, Known, LanguageTag, PartialDate, Related};
use crate::pipeline::segment::{self, Segment};

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
    /// Where each fact comes from, by field name.
    pub sources: BTreeMap<String, String>,
}

impl Metadata {
    /// The date the site sorts documents by: the event, else publication.
    pub fn sort_date(&self) -> Option<PartialDate> {
        self.event_date
            .value()
            .map(|d| d.start)
            .or_else(|| self.published.value().copied())
    }
}

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
    pub alignment: Vec<crate::pipeline::annotate::align::Bead>,
    pub alignment_report: Option<crate::pipeline::annotate::bilingual::AlignmentReport>,
    pub notes: Vec<PlacedNote>,
    /// Index of the mechanism entity the document belongs to.
    pub mechanism: Option<usize>,
}

pub fn process(input: &DocumentInput) -> Result<Document> {
    let a = &input.annotation;
    let cleaned = clean_seed(input)?;
    let warnings = clean::lint(&cleaned, declares_chinese(input));
    let segments = segment_text(input, &cleaned)?;
    let metadata = resolve_metadata(input, &cleaned.extracted)?;
    Ok(Document {
        slug: input.slug.clone(),
        seed: a.seed.clone(),
        description: a.description.clone(),
        metadata,
        related: a.related.clone(),
        cleaned,
        segments,
        warnings,
        alignment: Vec::new(),
        alignment_report: None,
        notes: Vec::new(),
        mechanism: None,
    })
}

/// Whether the document declares Chinese among its languages, which turns
/// on the cleaning filters and lints for Chinese text.
fn declares_chinese(input: &DocumentInput) -> bool {
    input
        .annotation
        .metadata
        .languages
        .iter()
        .any(LanguageTag::is_chinese)
}

/// The cleaning stage: the annotation's rules, then its filters, on the
/// raw seed.
pub fn clean_seed(input: &DocumentInput) -> Result<Cleaned> {
    let a = &input.annotation;
    clean::clean(&input.raw, &a.cleaning, a.filters, declares_chinese(input))
        .map_err(|e| Error::input(input.locate(&e.anchor), e.message))
}

/// The segmentation stage, with the annotation's segment overrides.
pub fn segment_text(input: &DocumentInput, cleaned: &Cleaned) -> Result<Vec<Segment>> {
    let a = &input.annotation;
    segment::segment(cleaned, &a.metadata.languages, &a.segments).map_err(|e| {
        Error::input(
            input.locate(&e.starts_with),
            format!("segment override `{}` {}", e.starts_with, e.message),
        )
    })
}

fn resolve_metadata(
    input: &DocumentInput,
    extracted: &BTreeMap<String, String>,
) -> Result<Metadata> {
    let m = &input.annotation.metadata;
    let field = |name: &'static str| FieldSource {
        input,
        name,
        extracted: extracted.get(name).map(String::as_str),
    };
    let original_title =
        field("title").resolve(input.annotation.original_title.clone(), "original_title")?;
    Ok(Metadata {
        title: input.annotation.title.clone(),
        original_title,
        event_date: m
            .event_date
            .clone()
            .ok_or_else(|| missing(input, "event_date"))?,
        published: field("published").resolve(m.published.clone(), "published")?,
        place: field("place").resolve(m.place.clone(), "place")?,
        parties: m.parties.clone(),
        document_type: m.document_type.clone(),
        publisher: field("publisher").resolve(m.publisher.clone(), "publisher")?,
        source_url: m
            .source_url
            .clone()
            .ok_or_else(|| missing(input, "source_url"))?,
        languages: m.languages.clone(),
        sources: input.annotation.sources.clone(),
    })
}

fn missing(input: &DocumentInput, name: &str) -> Error {
    Error::input(
        input.locate("metadata:"),
        format!("field `{name}` is missing: expected a value, or `unknown` when it is not known"),
    )
}

/// A metadata field that the annotation may give, or an `extract` rule may
/// take from the text, but not both.
struct FieldSource<'a> {
    input: &'a DocumentInput,
    name: &'a str,
    extracted: Option<&'a str>,
}

impl FieldSource<'_> {
    fn resolve<T>(&self, given: Option<Known<T>>, yaml_name: &str) -> Result<Known<T>>
    where
        T: std::str::FromStr,
        T::Err: std::fmt::Display,
    {
        match (given, self.extracted) {
            (Some(value), None) => Ok(value),
            (None, Some(text)) => text.parse().map(Known::Value).map_err(|e| {
                Error::input(
                    self.input.locate(&format!("(?P<{}>", self.name)),
                    format!("extracted {}: {e}", self.name),
                )
            }),
            (Some(_), Some(text)) => Err(Error::input(
                self.input.locate(&format!("{yaml_name}:")),
                format!(
                    "`{yaml_name}` is given here and also taken from the text (`{text}`): expected one or the other"
                ),
            )),
            (None, None) => Err(missing(self.input, yaml_name)),
        }
    }
}
