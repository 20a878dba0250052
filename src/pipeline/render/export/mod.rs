//! Data export for reuse outside the site: the whole corpus as one JSON
//! file with its JSON Schema beside it, and every paragraph as a CSV row.
//! Both are deterministic (no build time in them) so that two builds of
//! the same inputs give the same bytes, and both go into snapshots with
//! the rest of the site.

mod corpus;
mod paragraphs;

use std::sync::Arc;

use crate::pipeline::document::Document;
use crate::pipeline::load::Inputs;
use crate::pipeline::write::OutputFile;

/// Where the exports are written, from the site root.
pub const CORPUS_JSON: &str = "data/corpus.json";
/// The JSON Schema of [`CORPUS_JSON`].
pub const CORPUS_SCHEMA: &str = "data/corpus.schema.json";
/// One row per paragraph.
pub const PARAGRAPHS_CSV: &str = "data/paragraphs.csv";

/// The export files of a site whose documents are shown in `order`.
pub(crate) fn export_files(
    inputs: &Inputs,
    documents: &[Arc<Document>],
    order: &[usize],
) -> Vec<OutputFile> {
    let ordered: Vec<&Document> = order.iter().map(|&i: &usize| &*documents[i]).collect();
    vec![
        OutputFile {
            path: CORPUS_JSON.into(),
            bytes: corpus::json(inputs, &ordered),
        },
        OutputFile {
            path: CORPUS_SCHEMA.into(),
            bytes: include_bytes!("corpus.schema.json").to_vec(),
        },
        OutputFile {
            path: PARAGRAPHS_CSV.into(),
            bytes: paragraphs::csv(inputs, &ordered),
        },
    ]
}
