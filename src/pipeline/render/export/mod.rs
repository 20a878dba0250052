//! Data export for reuse outside the site: the whole corpus as one JSON
//! file with its JSON Schema beside it, every paragraph as a CSV row, and
//! each document's citation as CSL-JSON, and an Atom feed of the documents.
//! Both are deterministic (no build time in them) so that two builds of
//! the same inputs give the same bytes, and both go into snapshots with
//! the rest of the site.

pub(crate) mod cite;
mod corpus;
pub(crate) mod feed;
mod paragraphs;

use std::sync::Arc;

use crate::pipeline::document::Document;
use crate::pipeline::load::Inputs;
use crate::pipeline::model::paths::{self, CORPUS_JSON, CORPUS_SCHEMA, PARAGRAPHS_CSV};
use crate::pipeline::render::publishing::canonical;
use crate::pipeline::write::OutputFile;

/// The export files of a site whose documents are shown in `order`.
pub(crate) fn export_files(
    inputs: &Inputs,
    documents: &[Arc<Document>],
    order: &[usize],
    base_url: Option<&str>,
) -> Vec<OutputFile> {
    let ordered: Vec<&Document> = order.iter().map(|&i: &usize| &*documents[i]).collect();
    let citations = ordered.iter().map(|doc| {
        let page = base_url.map(|base| canonical(base, &paths::document(&doc.slug)));
        let edition = cite::Edition {
            site_title: &inputs.config.title,
            url: page.as_deref(),
        };
        OutputFile {
            path: paths::citation(&doc.slug),
            bytes: cite::csl_json(doc, &edition),
        }
    });
    let mut files = vec![
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
    ];
    files.extend(citations);
    if let Some(base) = base_url {
        files.push(OutputFile {
            path: feed::FEED.into(),
            bytes: feed::atom(inputs, &ordered, base),
        });
    }
    files
}
