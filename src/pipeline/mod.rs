//! The pipeline, one module per stage, in data-flow order:
//!
//! 1. [`load`]: read and validate the site's inputs (settings, topics,
//!    entities, annotations, seeds, editorial pages);
//! 2. [`clean`]: apply a document's cleaning rules and filters to its seed,
//!    recording every change (provenance), and lint what is left;
//! 3. [`segment`]: split the cleaned text into paragraphs, headings and
//!    numbered items, with a language and an anchor each;
//! 4. [`annotate`]: topics, entity mentions, bilingual alignment, notes;
//! 5. [`document`]: the processed document those stages add up to;
//! 6. [`model`]: every page of the site as plain data, links resolved;
//! 7. [`render`]: the theme's templates format the model;
//! 8. [`write`]: into a staging folder, swapped in whole.

pub mod annotate;
pub mod clean;
pub mod document;
pub mod load;
pub mod model;
pub mod render;
pub mod segment;
pub mod write;

use crate::error::Result;
use annotate::Annotator;
use document::Document;
use load::DocumentInput;

/// One document through the stages before the site model: clean, lint,
/// segment, resolve its metadata, annotate.
pub fn process(input: &DocumentInput, annotator: &Annotator) -> Result<Document> {
    let a = &input.annotation;
    let cleaned = clean::clean_document(input)?;
    let warnings = clean::lint(
        &cleaned,
        clean::LintOptions {
            chinese_expected: clean::declares_chinese(input),
            truncated: a.metadata.truncated,
        },
    );
    let segments = segment::segment_document(input, &cleaned)?;
    let metadata = annotate::metadata::resolve_metadata(input, &cleaned.extracted)?;
    let annotated = annotator.annotate(segments, input)?;
    Ok(Document {
        slug: input.slug.clone(),
        seed: a.seed.clone(),
        description: a.description.clone(),
        metadata,
        related: a.related.clone(),
        cleaned,
        segments: annotated.segments,
        warnings,
        alignment: annotated.alignment,
        alignment_report: annotated.alignment_report,
        notes: annotated.notes,
        mechanism: annotated.mechanism,
        participants: annotated.participants,
    })
}
